# Step 1: the httpbin Deployment exists and its pod is ready (with its sidecar).
if ! kubectl get deployment httpbin >/dev/null 2>&1; then
  echo "There is no Deployment httpbin yet: run the step's kubectl apply of samples/httpbin/httpbin.yaml."
  exit 1
fi
ready=$(kubectl get deployment httpbin -o jsonpath='{.status.readyReplicas}')
if [ "$ready" != "1" ]; then
  echo "The httpbin pod is not ready yet: wait a moment (or run the step's kubectl wait), then check again."
  exit 1
fi
