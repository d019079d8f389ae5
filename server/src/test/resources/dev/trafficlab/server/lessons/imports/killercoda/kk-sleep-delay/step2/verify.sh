kubectl get virtualservice httpbin -o jsonpath='{.spec.http[0].fault.delay.fixedDelay}' | grep -q 2s
