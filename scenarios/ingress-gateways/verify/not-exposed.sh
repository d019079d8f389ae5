INGRESS_PORT=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.spec.ports[?(@.name=="http2")].nodePort}')
INGRESS_HOST=$(kubectl get po -l istio=ingressgateway -n istio-system -o jsonpath='{.items[0].status.hostIP}')
code=$(curl -s -o /dev/null -w "%{http_code}" -HHost:httpbin.example.com "http://$INGRESS_HOST:$INGRESS_PORT/headers")
if [ "$code" != "404" ]; then
  echo "/headers on httpbin.example.com answers $code, not 404: keep the step 3 VirtualService, which routes only /status and /delay."
  exit 1
fi
code=$(curl -s -o /dev/null -w "%{http_code}" -HHost:unknown.example.com "http://$INGRESS_HOST:$INGRESS_PORT/status/200")
if [ "$code" != "404" ]; then
  echo "A host no Gateway names (unknown.example.com) answers $code, not 404: keep the Gateway's hosts to httpbin.example.com as in step 3."
  exit 1
fi
