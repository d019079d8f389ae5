#!/bin/bash
launch.sh
curl -L https://istio.io/downloadIstio | ISTIO_VERSION=1.8.1 sh -
export PATH=$PWD/istio-1.8.1/bin:$PATH
istioctl install --set profile=demo -y
kubectl label namespace default istio-injection=enabled
echo "done" >> /opt/.backgroundfinished
