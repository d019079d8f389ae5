while ! kubectl get nodes | grep -w "Ready"; do sleep 1; done
kubectl taint nodes controlplane node-role.kubernetes.io/master:NoSchedule-
touch /ks/.k8sfinished
curl -L https://istio.io/downloadIstio | ISTIO_VERSION=1.8.1 TARGET_ARCH=x86_64 sh -
touch /ks/.initfinished
