# kill -9 during a bulk load (fresh parts, then the merge): the database opens and holds none
# or all of the load, never part of an article; a rerun completes it; the latest of two
# articles with one id wins.
source "$(dirname "$0")/lib.bash"
n=25000  # 13 chunks of at most 2,000 documents, each written into its own part
awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++)
  printf "{\"id\":\"a%d\",\"date\":\"2025-07-%02d\",\"title\":\"Story %d\",\"body\":\"Oil and grain prices in Kursk moved by %d points on the day.\"}\n", i, (i % 28) + 1, i, i }' >"$TMP/feed.jsonl"
# Two articles again at the end, in the last chunk: their new text replaces the first.
printf '%s\n' '{"id":"a7","date":"2025-07-08","title":"Story seven revised","body":"Wheat harvest in Tambov."}' \
  '{"id":"a12000","date":"2025-07-09","title":"Story twelve thousand revised","body":"Barley in Orel."}' >>"$TMP/feed.jsonl"

# kill_when DB FILE: starts a bulk load into DB and kills it with SIGKILL once FILE exists.
kill_when() {
  local db="$1" file="$2"
  "$BIN/newsdex-index" --db "$db" --no-entities -q "$TMP/feed.jsonl" 2>"$TMP/idx-err" &
  local pid=$!
  for _ in $(seq 1 2000); do
    [[ -e "$file" ]] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.005
  done
  kill -9 "$pid" 2>/dev/null || echo "note: indexing ended before the kill; the test proved less" >&2
  wait "$pid" 2>/dev/null
}

check_whole() {  # check_whole DB WHEN: the database opens and holds none or all of the load
  run newsdex-search --db "$1" --count --all-copies 'date:2025'
  [[ "$status" == 0 || "$status" == 1 ]] || fail "the database opens after kill -9 $2"
  [[ "$out" == 0 || "$out" == "$n" ]] || fail "none or all of the load after kill -9 $2 (got $out)"
}

db="$TMP/db"
kill_when "$db" "$db.newsdex-bulk/chunk-3-0"  # the fourth chunk is being written
check_whole "$db" "while writing parts"
[[ "$out" == 0 ]] || fail "nothing of the load is visible before the merge (got $out)"
kill_when "$db" "$db.newsdex-bulk/merged"     # the merge has begun
check_whole "$db" "while merging"

run newsdex-index --db "$db" --no-entities "$TMP/feed.jsonl"
expect_status 0 "re-indexing after the crashes"
expect_err "now holds $n documents" "every article exactly once after resuming"
[[ ! -e "$db.newsdex-bulk" ]] || fail "the parts are cleared after the load"
run newsdex-search --db "$db" --count --all-copies 'date:2025'
[[ "$out" == "$n" ]] || fail "the merged database counts every article (got $out)"
search_json "$db" 'wheat'
[[ "$(jq -r 'select(.type == "hit") | .id' <<<"$out")" == a7 ]] || fail "the later a7 replaced the first"
search_json "$db" '"story 7"'
[[ -z "$(jq -r 'select(.type == "hit") | .id' <<<"$out")" ]] || fail "the first a7 is gone"
search_json "$db" 'barley'
[[ "$(jq -r 'select(.type == "hit") | .id' <<<"$out")" == a12000 ]] || fail "the later a12000 (other part) wins"
# Several workers write chunks at once; the merged database still numbers the articles in input
# order, as one thread does: a filter-only query lists its hits in document id order.
run newsdex-index --db "$TMP/serial" --jobs 1 --no-entities "$TMP/feed.jsonl"
expect_status 0 "indexing on one thread"
ids() { search_json "$1" 'date:2025-07-03' --all-copies --limit 1000; jq -r 'select(.type == "hit") | .id' <<<"$out"; }
serial_ids="$(ids "$TMP/serial")"
parallel_ids="$(ids "$db")"
[[ "$(wc -l <<<"$serial_ids")" -gt 800 ]] || fail "the order check has hits to compare"
[[ "$serial_ids" == "$parallel_ids" ]] || fail "a parallel load keeps the input order of one thread"
[[ "$(head -1 <<<"$parallel_ids")" == a2 ]] || fail "the first hit is the first article of that day (got $(head -1 <<<"$parallel_ids"))"
# Few open files allowed: the parts merge in two levels (8 at a time), with the same result.
(ulimit -n 120 && "$BIN/newsdex-index" --db "$TMP/levels" --no-entities -q "$TMP/feed.jsonl") \
  || fail "indexing with at most 120 open files"
[[ "$(ids "$TMP/levels")" == "$serial_ids" ]] || fail "a two-level merge keeps the input order"
run newsdex-search --db "$TMP/levels" --count --all-copies 'date:2025'
[[ "$out" == "$n" ]] || fail "a two-level merge keeps every article (got $out)"
finish
