#!/bin/bash
#
# Traffic Lab's version of Istio 1.8.1's samples/bookinfo/platform/kube/cleanup.sh.
#
# Like the original, it deletes every DestinationRule, VirtualService and Gateway in the namespace, one at a
# time, printing kubectl's "deleted" lines. Unlike the original:
#   - Bookinfo itself stays installed (the original ends with kubectl delete -f bookinfo.yaml), because the
#     lab's product page and the next lesson need it;
#   - there is no 30 second wait for pods to terminate (nothing terminates);
#   - it ends by restoring the lesson's start state, bookinfo-gateway.yaml and destination-rule-all.yaml, so
#     you can start the lesson again. Your edited files go back to the originals too.

NAMESPACE=${NAMESPACE:-default}
echo "using NAMESPACE=${NAMESPACE}"

for proto in destinationrules virtualservices gateways; do
  for resource in $(kubectl get -n ${NAMESPACE} "$proto" -o name); do
    kubectl delete -n ${NAMESPACE} "$resource"
  done
done

echo "Application cleanup successful (Bookinfo stays installed in Traffic Lab)"

# The lab's own step: put back what a new sandbox starts with.
lab restore-lesson-start
