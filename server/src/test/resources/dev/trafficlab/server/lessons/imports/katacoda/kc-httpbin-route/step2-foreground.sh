kubectl get virtualservices
