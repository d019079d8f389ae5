if kubectl get virtualservice httpbin >/dev/null 2>&1; then
  echo "The VirtualService httpbin is still there: delete it with the step's first command."
  exit 1
fi
if kubectl get deployment httpbin >/dev/null 2>&1; then
  echo "The Deployment httpbin is still there: delete it with the step's second command."
  exit 1
fi
if kubectl get deployment sleep >/dev/null 2>&1; then
  echo "The Deployment sleep is still there: delete it with the step's third command."
  exit 1
fi
