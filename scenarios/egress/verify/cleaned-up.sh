# Cleaned up: no ServiceEntry or VirtualService of the lesson left, the default mode back, sleep gone.
for se in httpbin-ext google; do
  if kubectl get serviceentry "$se" >/dev/null 2>&1; then
    echo "The ServiceEntry $se is still there: delete it with the step's first run button."
    exit 1
  fi
done
if kubectl get virtualservice httpbin-ext >/dev/null 2>&1; then
  echo "The VirtualService httpbin-ext is still there: delete it with the step's second run button."
  exit 1
fi
mode=$(kubectl get istiooperator installed-state -n istio-system -o jsonpath='{.spec.meshConfig.outboundTrafficPolicy.mode}')
if [ "$mode" = "REGISTRY_ONLY" ]; then
  echo "The mesh still blocks unknown hosts (REGISTRY_ONLY): run the step's istioctl install command to go back to ALLOW_ANY."
  exit 1
fi
if kubectl get deployment sleep >/dev/null 2>&1; then
  echo "The sleep Deployment is still there: delete it with the step's last run button."
  exit 1
fi
