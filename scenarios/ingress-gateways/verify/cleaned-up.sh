if kubectl get gateway httpbin-gateway >/dev/null 2>&1; then
  echo "The Gateway httpbin-gateway is still there: delete it with the step's first command."
  exit 1
fi
if kubectl get virtualservice httpbin >/dev/null 2>&1; then
  echo "The VirtualService httpbin is still there: delete it with the step's second command."
  exit 1
fi
