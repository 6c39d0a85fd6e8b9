# kill -9 in the middle of indexing: the database opens, holds whole committed batches, resumes.
source "$(dirname "$0")/lib.bash"
n=30000
awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++)
  printf "{\"id\":\"a%d\",\"date\":\"2025-07-%02d\",\"title\":\"Story %d\",\"body\":\"Oil and grain prices in Kursk moved by %d points on the day.\"}\n", i, (i % 28) + 1, i, i }' >"$TMP/feed.jsonl"
db="$TMP/db"
"$BIN/newsdex-index" --db "$db" --no-entities --batch-size 1000 -q "$TMP/feed.jsonl" 2>"$TMP/idx-err" &
pid=$!
# Wait until at least one batch is committed, then kill without warning.
for _ in $(seq 1 200); do
  c=$("$BIN/newsdex-search" --db "$db" --count 'date:2025' 2>/dev/null || true)
  [[ "${c:-0}" -ge 1000 ]] && break
  sleep 0.05
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
run newsdex-search --db "$db" --count 'date:2025'
[[ "$status" == 0 || "$status" == 1 ]] || fail "the database opens after kill -9"
count="$out"
# (A count of 0, or all n, would prove nothing about a crash: both fail.)
[[ "$count" =~ ^[0-9]+$ && $((count % 1000)) == 0 ]] || fail "only whole batches survive (got $count)"
[[ "$count" -ge 1000 ]] || fail "a committed batch survives the kill (got $count)"
[[ "$count" -lt "$n" ]] || fail "the kill came after indexing had finished: nothing was tested"
# The write lock is gone with the process: indexing again completes and nothing is doubled.
run newsdex-index --db "$db" --no-entities --batch-size 1000 "$TMP/feed.jsonl"
expect_status 0 "re-indexing after the crash"
expect_err "now holds $n documents" "every article exactly once after resuming"
finish
