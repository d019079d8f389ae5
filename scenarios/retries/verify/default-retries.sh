# a 503 of its own (the query keeps it apart from the learner's requests in httpbin's log)
if kubectl get virtualservice httpbin >/dev/null 2>&1; then
  echo "There is a VirtualService httpbin: this step looks at the default retry policy, which applies only without one. Delete it with: kubectl delete virtualservice httpbin"
  exit 1
fi
before=$(kubectl logs deploy/httpbin -c httpbin | grep -c "status/503?check=default")
kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null "http://httpbin:8000/status/503?check=default"
# access logs are written as each try ends, not before the caller has its answer: give the last one a moment
for i in 1 2 3 4 5 6 7 8 9 10; do
  after=$(kubectl logs deploy/httpbin -c httpbin | grep -c "status/503?check=default")
  if [ "$((after - before))" -ge 3 ]; then
    break
  fi
  sleep 0.3
done
if [ "$((after - before))" != "3" ]; then
  echo "A 503 reached httpbin $((after - before)) times, not 3 (the first try and Istio's 2 default retries)."
  exit 1
fi
