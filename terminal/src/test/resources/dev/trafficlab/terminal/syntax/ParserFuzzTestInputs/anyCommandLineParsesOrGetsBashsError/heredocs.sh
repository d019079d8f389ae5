cat <<'EOF' > /tmp/vs.yaml
apiVersion: v1
kind: x
EOF
cat <<-END
	$HOME ${x:-y}
END
