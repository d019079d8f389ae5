/ks/wait-background.sh
cd istio-1.8.1
export PATH=$PWD/bin:$PATH
istioctl install --set profile=demo -y
kubectl wait --for=condition=Ready pods --all -n istio-system
kubectl apply -f samples/sleep/sleep.yaml
cd
echo "YOU ARE READY TO GO!"
