# With the ServiceEntry for port 443, HTTPS to www.google.com passes again.
SOURCE_POD=$(kubectl get pod -l app=sleep -o jsonpath='{.items..metadata.name}')
if [ -z "$SOURCE_POD" ]; then
  echo "There is no sleep pod to call from: deploy it again as in step 1."
  exit 1
fi
if ! kubectl exec "$SOURCE_POD" -c sleep -- curl -sI https://www.google.com 2>/dev/null | grep -q "HTTP/2 200"; then
  echo "The sleep pod still cannot reach https://www.google.com: the ServiceEntry must list host www.google.com and port 443."
  exit 1
fi
