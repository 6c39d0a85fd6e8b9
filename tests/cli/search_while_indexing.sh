# Searches while the same database is being indexed (commits every 100 articles) all answer:
# a search whose revision is overwritten reopens and runs again (issue 9 row 6). Batch mode
# (one long-lived reader) and one process per query. The full-size run is bench material.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/live_search.bash"
db="$TMP/live.db"
awk 'BEGIN { for (i = 0; i < 30000; i++)
  printf "{\"date\":\"2025-%02d-%02d\",\"title\":\"Oil report %d\",\"body\":\"Oil prices and grain talks, item %d.\"}\n",
         i % 12 + 1, i % 28 + 1, i, i }' >"$TMP/feed.jsonl"
head -100 "$TMP/feed.jsonl" >"$TMP/first.jsonl"
run newsdex-index --db "$db" --no-entities "$TMP/first.jsonl"
expect_status 0 "a first commit to search"
live_index "$db" --no-entities "$TMP/feed.jsonl"
for i in $(seq 1 3000); do
  case $((i % 4)) in
    0) echo 'oil' ;; 1) echo 'grain talks' ;; 2) echo '"oil prices" date:2025-03' ;; 3) echo 'report OR item' ;;
  esac
done >"$TMP/queries.txt"
runs=0
while live_indexing && ((runs < 20)); do
  live_search --db "$db" --queries "$TMP/queries.txt" --count --format csv
  for q in oil 'grain talks' 'report OR item'; do
    live_search --db "$db" --limit 20 --facets month --timeline month "$q"
  done
  runs=$((runs + 1))
done
wait "$live_indexer"
status=$? out="" err="$(cat "$TMP/index.err")"
expect_status 0 "the indexer finishes"
echo "$runs rounds of 3,000 batch queries and 3 single queries ran while indexing"
((runs >= 2)) || fail "searches ran while indexing ($runs rounds)"
bad=$(live_failed)
((bad == 0)) || fail "$bad searches failed while the database was being updated"
finish
