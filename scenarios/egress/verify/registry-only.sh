# REGISTRY_ONLY is installed, and an HTTPS call to www.google.com (no ServiceEntry yet) fails.
mode=$(kubectl get istiooperator installed-state -n istio-system -o jsonpath='{.spec.meshConfig.outboundTrafficPolicy.mode}')
if [ "$mode" != "REGISTRY_ONLY" ]; then
  echo "The outbound traffic policy is ${mode:-not set (so ALLOW_ANY)}, not REGISTRY_ONLY: run the step's istioctl install command."
  exit 1
fi
SOURCE_POD=$(kubectl get pod -l app=sleep -o jsonpath='{.items..metadata.name}')
if [ -z "$SOURCE_POD" ]; then
  echo "There is no sleep pod to call from: deploy it again as in step 1."
  exit 1
fi
if kubectl exec "$SOURCE_POD" -c sleep -- curl -sI https://www.google.com >/dev/null 2>&1; then
  echo "The sleep pod still reached www.google.com: a ServiceEntry for it lets it through."
  exit 1
fi
