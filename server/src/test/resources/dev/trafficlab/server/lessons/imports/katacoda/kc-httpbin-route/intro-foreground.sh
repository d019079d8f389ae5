echo "Waiting for the environment..."
while [ ! -f /opt/.backgroundfinished ] ; do sleep 2; done
kubectl get namespace default --show-labels
helm version
