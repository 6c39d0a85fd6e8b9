# Searches while the same database is being indexed (commits every 100 articles) all answer:
# a search whose revision is overwritten reopens and runs again (issue 9 row 6). Batch mode
# (one long-lived reader) and one process per query. The full-size run is bench material.
source "$(dirname "$0")/lib.bash"
db="$TMP/live.db"
awk 'BEGIN { for (i = 0; i < 30000; i++)
  printf "{\"date\":\"2025-%02d-%02d\",\"title\":\"Oil report %d\",\"body\":\"Oil prices and grain talks, item %d.\"}\n",
         i % 12 + 1, i % 28 + 1, i, i }' >"$TMP/feed.jsonl"
head -100 "$TMP/feed.jsonl" >"$TMP/first.jsonl"
run newsdex-index --db "$db" --no-entities "$TMP/first.jsonl"
expect_status 0 "a first commit to search"
"$BIN/newsdex-index" --db "$db" --no-entities --batch-size 100 "$TMP/feed.jsonl" 2>"$TMP/index.err" &
indexer=$!
for i in $(seq 1 3000); do
  case $((i % 4)) in
    0) echo 'oil' ;; 1) echo 'grain talks' ;; 2) echo '"oil prices" date:2025-03' ;; 3) echo 'report OR item' ;;
  esac
done >"$TMP/queries.txt"
bad=0 runs=0
while kill -0 "$indexer" 2>/dev/null && ((runs < 20)); do
  "$BIN/newsdex-search" --db "$db" --queries "$TMP/queries.txt" --count --format csv \
    >/dev/null 2>"$TMP/batch.err"
  st=$?
  ((st == 2)) && bad=$((bad + 1)) && head -3 "$TMP/batch.err" >&2
  for q in oil 'grain talks' 'report OR item'; do
    "$BIN/newsdex-search" --db "$db" --limit 20 --facets month --timeline month "$q" \
      >/dev/null 2>"$TMP/one.err"
    st=$?
    ((st == 2)) && bad=$((bad + 1)) && head -3 "$TMP/one.err" >&2
  done
  runs=$((runs + 1))
done
wait "$indexer"
status=$? out="" err="$(cat "$TMP/index.err")"
expect_status 0 "the indexer finishes"
echo "$runs rounds of 3,000 batch queries and 3 single queries ran while indexing"
((runs >= 2)) || fail "searches ran while indexing ($runs rounds)"
((bad == 0)) || fail "$bad searches failed while the database was being updated"
finish
