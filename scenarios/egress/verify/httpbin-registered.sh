# With the ServiceEntry, the sleep pod's sidecar routes httpbin.org as a service of the mesh:
# the request arrives with the X-Envoy-Decorator-Operation header that only a known route adds.
SOURCE_POD=$(kubectl get pod -l app=sleep -o jsonpath='{.items..metadata.name}')
if [ -z "$SOURCE_POD" ]; then
  echo "There is no sleep pod to call from: deploy it again as in step 1."
  exit 1
fi
headers=$(kubectl exec "$SOURCE_POD" -c sleep -- curl -s http://httpbin.org/headers)
case "$headers" in
  *X-Envoy-Decorator-Operation*httpbin.org:80*) ;;
  *) echo "A request from sleep to http://httpbin.org/headers did not go through a route for httpbin.org: check the ServiceEntry's host and port."; exit 1 ;;
esac
