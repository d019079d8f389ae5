# Ten requests to reviews, as productpage sends them: each must be answered by v3 (red stars).
for i in 1 2 3 4 5 6 7 8 9 10; do
  curl -s http://reviews:9080/reviews/0 | grep -q '"color": "red"' || { echo "A request to reviews was answered without red stars, so not by v3: not all traffic goes to v3 yet."; exit 1; }
done
