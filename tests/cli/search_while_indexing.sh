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
# Rounds of searches, each started while a pass of the indexer runs; a pass that ends before two
# rounds have run (a slow or busy machine) is followed by another with --force (every article
# written again), as in bench/search-while-indexing, so the check never depends on timing.
runs=0 passes=1
while ((runs < 20)); do
  if ! live_indexing; then
    st=0
    wait "$live_indexer" || st=$?
    ((st == 0)) || fail "indexing pass $passes exits 0 (got $st: $(head -3 "$TMP/index.err"))"
    ((runs >= 2 || passes >= 5)) && break
    passes=$((passes + 1))
    live_index "$db" --no-entities --force "$TMP/feed.jsonl"
  fi
  live_search --db "$db" --queries "$TMP/queries.txt" --count --format csv
  for q in oil 'grain talks' 'report OR item'; do
    live_search --db "$db" --limit 20 --facets month --timeline month "$q"
  done
  runs=$((runs + 1))
done
st=0
wait "$live_indexer" || st=$?
((st == 0)) || fail "the last indexing pass exits 0 (got $st)"
echo "$runs rounds of 3,000 batch queries and 3 single queries ran during $passes indexing pass(es)"
((runs >= 2)) || fail "searches ran while indexing ($runs rounds)"
bad=$(live_failed)
((bad == 0)) || fail "$bad searches failed while the database was being updated"
finish
