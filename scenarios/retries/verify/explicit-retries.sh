before=$(kubectl logs deploy/httpbin -c httpbin | grep -c "status/500?check=explicit")
kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null "http://httpbin:8000/status/500?check=explicit"
after=$(kubectl logs deploy/httpbin -c httpbin | grep -c "status/500?check=explicit")
if [ "$((after - before))" != "4" ]; then
  echo "A 500 reached httpbin $((after - before)) times, not 4 (the first try and 3 retries on 5xx): apply the step's VirtualService with attempts: 3 and retryOn: 5xx."
  exit 1
fi
