# Step 3: v2's httpbin log has served a request, which only the mirror can have sent it.
pod=$(kubectl get pod -l app=httpbin,version=v2 -o jsonpath={.items..metadata.name})
if [ -z "$pod" ]; then
  echo "There is no httpbin v2 pod: deploy it as in step 1."
  exit 1
fi
if ! kubectl logs "$pod" -c httpbin | grep -q 'GET /headers'; then
  echo "v2's log shows no request yet: send the step's curl from the sleep pod with the mirror rule applied, then check again."
  exit 1
fi
