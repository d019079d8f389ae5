# Step 5: fortio's sidecar has counted requests turned away by the full pending queue.
pod=$(kubectl get pods -l app=fortio -o 'jsonpath={.items[0].metadata.name}' 2>/dev/null)
if [ -z "$pod" ]; then
  echo "There is no fortio pod: deploy it as in step 3, then run the loads of step 4."
  exit 1
fi
n=$(kubectl exec "$pod" -c istio-proxy -- pilot-agent request GET stats | grep 'httpbin.default.svc.cluster.local.upstream_rq_pending_overflow' | awk '{print $2}')
if [ "${n:-0}" -eq 0 ]; then
  echo "fortio's sidecar has turned no request away yet (upstream_rq_pending_overflow is 0): run the loads of step 4 with the DestinationRule of step 2 in place, then read the statistics again."
  exit 1
fi
