INGRESS_PORT=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.spec.ports[?(@.name=="http2")].nodePort}')
INGRESS_HOST=$(kubectl get po -l istio=ingressgateway -n istio-system -o jsonpath='{.items[0].status.hostIP}')
code=$(curl -s -o /dev/null -w "%{http_code}" -HHost:httpbin.example.com "http://$INGRESS_HOST:$INGRESS_PORT/status/200")
if [ "$code" != "200" ]; then
  echo "The ingress gateway answers $code, not 200, for httpbin.example.com/status/200: it needs both the Gateway (the host on port 80) and the VirtualService bound to it (the /status route to httpbin on port 8000)."
  exit 1
fi
