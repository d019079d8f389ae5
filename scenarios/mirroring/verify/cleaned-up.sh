# Step 4: the rules, the Deployments and the Service of the lesson are gone.
for kind in virtualservice destinationrule service; do
  if kubectl get "$kind" httpbin >/dev/null 2>&1; then
    echo "The $kind httpbin is still there: run the step's kubectl delete $kind httpbin."
    exit 1
  fi
done
for d in httpbin-v1 httpbin-v2 sleep; do
  if kubectl get deployment "$d" >/dev/null 2>&1; then
    echo "The Deployment $d is still there: run the step's kubectl delete deploy."
    exit 1
  fi
done
