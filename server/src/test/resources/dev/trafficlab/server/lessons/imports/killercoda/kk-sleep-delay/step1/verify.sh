kubectl get deploy sleep
