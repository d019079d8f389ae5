INGRESS_PORT=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.spec.ports[?(@.name=="http2")].nodePort}')
INGRESS_HOST=$(kubectl get po -l istio=ingressgateway -n istio-system -o jsonpath='{.items[0].status.hostIP}')
code=$(curl -s -o /dev/null -w "%{http_code}" "http://$INGRESS_HOST:$INGRESS_PORT/headers")
if [ "$code" != "200" ]; then
  echo "A browser's request for /headers (Host $INGRESS_HOST:$INGRESS_PORT) gets $code, not 200: apply the step's Gateway and VirtualService with hosts \"*\"."
  exit 1
fi
