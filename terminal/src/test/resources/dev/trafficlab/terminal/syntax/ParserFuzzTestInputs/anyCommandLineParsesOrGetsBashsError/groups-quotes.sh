x=a; { echo "$x" `echo \`echo deep\``; (cd /; ls) ; } 2>&1 >/dev/null || echo 'single' \
  continued # comment