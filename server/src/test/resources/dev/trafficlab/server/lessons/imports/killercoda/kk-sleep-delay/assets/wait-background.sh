#!/bin/bash
echo "Initialising Kubernetes..."
while [ ! -f /ks/.initfinished ]; do sleep 1; done
