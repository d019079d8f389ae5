kubectl get virtualservice httpbin
