# Step 6: the rule, the Deployments and the Services of the lesson are gone.
if kubectl get destinationrule httpbin >/dev/null 2>&1; then
  echo "The DestinationRule httpbin is still there: run kubectl delete destinationrule httpbin."
  exit 1
fi
for d in httpbin fortio-deploy; do
  if kubectl get deployment "$d" >/dev/null 2>&1; then
    echo "The Deployment $d is still there: run the step's kubectl delete deploy."
    exit 1
  fi
done
for s in httpbin fortio; do
  if kubectl get service "$s" >/dev/null 2>&1; then
    echo "The Service $s is still there: run the step's kubectl delete svc."
    exit 1
  fi
done
