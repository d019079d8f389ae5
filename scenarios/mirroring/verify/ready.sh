# Step 1: both httpbin versions, their Service and the sleep pod are there and ready.
for d in httpbin-v1 httpbin-v2 sleep; do
  if ! kubectl get deployment "$d" >/dev/null 2>&1; then
    echo "There is no Deployment $d yet: run the step's commands that create it."
    exit 1
  fi
  if [ "$(kubectl get deployment "$d" -o jsonpath='{.status.readyReplicas}')" != "1" ]; then
    echo "The pod of $d is not ready yet: wait a moment (or run the step's kubectl wait), then check again."
    exit 1
  fi
done
if ! kubectl get service httpbin >/dev/null 2>&1; then
  echo "There is no Service httpbin yet: run the step's kubectl create of the Service."
  exit 1
fi
