#!/bin/bash
echo "Waiting for the scenario..."
while [ ! -f /opt/.backgroundfinished ] ; do sleep 2; done
