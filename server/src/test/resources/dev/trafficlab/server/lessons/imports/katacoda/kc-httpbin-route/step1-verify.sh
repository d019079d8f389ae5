kubectl get deployment httpbin >/dev/null 2>&1 && echo "done"
