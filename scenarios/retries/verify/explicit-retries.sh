before=$(kubectl logs deploy/httpbin -c httpbin | grep -c "status/500?check=explicit")
kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null "http://httpbin:8000/status/500?check=explicit"
# access logs are written as each try ends, not before the caller has its answer: give the last one a moment
for i in 1 2 3 4 5 6 7 8 9 10; do
  after=$(kubectl logs deploy/httpbin -c httpbin | grep -c "status/500?check=explicit")
  if [ "$((after - before))" -ge 4 ]; then
    break
  fi
  sleep 0.3
done
if [ "$((after - before))" != "4" ]; then
  echo "A 500 reached httpbin $((after - before)) times, not 4 (the first try and 3 retries on 5xx): apply the step's VirtualService with attempts: 3 and retryOn: 5xx."
  exit 1
fi
