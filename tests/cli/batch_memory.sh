# A --queries run holds its memory flat: peak RSS over 100,000 queries is within 10% of 1,000.
source "$(dirname "$0")/lib.bash"
[[ -x /usr/bin/time ]] || { echo "SKIPPED: GNU time (Debian package time) is not installed" >&2; exit 77; }
db="$TMP/sample.db"
run newsdex-index --db "$db" "$SRC/corpus/sample"
expect_status 0 "indexing corpus/sample"
# A mix that goes through every path: words, phrases, operators, fields, dates, bad lines.
mix=('talks' 'oil OR gas' '"crude oil"' 'place:russia' 'actor:lavrov' 'country:CH date:2025-07'
     'date:2025-05..2025-08' 'title:talks' 'zzzznothing' 'ministers NOT oil' 'oil AND')
sizes=(1000 100000)
# Under a sanitizer only the RSS needs the long run, and it is not compared (below).
[[ -n "${NEWSDEX_SANITIZER:-}" ]] && sizes=(1000)
for n in "${sizes[@]}"; do
  for ((i = 0; i < n; ++i)); do echo "${mix[i % ${#mix[@]}]}"; done >"$TMP/q$n.txt"
  /usr/bin/time -f '%M' -o "$TMP/rss$n" "$BIN/newsdex-search" --db "$db" --queries "$TMP/q$n.txt" \
    --json --limit 1 --facets actor,place --timeline month >"$TMP/out$n" 2>/dev/null
  status=$?
  [[ "$status" == 2 ]] || fail "$n queries with bad lines exit 2 (got $status)"
  summaries=$(grep -c '"type":"summary"' "$TMP/out$n")
  errors=$(grep -c '"type":"error"' "$TMP/out$n")
  [[ $((summaries + errors)) == "$n" ]] || fail "$n queries give $n results ($summaries + $errors)"
done
if rss_meaningful "peak RSS of 100,000 queries within 10% of 1,000"; then
  small=$(tail -1 "$TMP/rss1000") big=$(tail -1 "$TMP/rss100000")
  echo "peak RSS: 1,000 queries $small KB, 100,000 queries $big KB"
  ((big * 10 <= small * 11)) || fail "peak RSS grows from $small KB (1,000 queries) to $big KB (100,000)"
fi
finish
