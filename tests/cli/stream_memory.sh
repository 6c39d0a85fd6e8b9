# stdin is read as a stream: indexing twice as much JSON Lines from a pipe (42 MB more) adds
# less than 20 MB to peak RSS (seen: 0.3-4.5 MB, from Xapian's own caches), where reading it
# whole would add at least the 42 MB.
source "$(dirname "$0")/lib.bash"
rss_meaningful "the whole test" || exit 77
[[ -x /usr/bin/time ]] || { echo "SKIPPED: GNU time (Debian package time) is not installed" >&2; exit 77; }
# N articles of about 7 KB each, as one JSON Lines stream.
gen() {
  awk -v n="$1" 'BEGIN {
    for (i = 0; i < 1000; i++) body = body "word" (i % 97) " "
    for (i = 0; i < n; i++)
      printf "{\"date\":\"2025-07-%02d\",\"title\":\"t%d\",\"body\":\"%s\"}\n", (i % 28) + 1, i, body
  }'
}
for n in 6000 12000; do
  gen "$n" | /usr/bin/time -f '%M' -o "$TMP/rss$n" "$BIN/newsdex-index" --db "$TMP/s$n.db" \
    --no-entities --batch-size 200 --format jsonl - 2>"$TMP/err$n"
  status=$?
  out="" err="$(cat "$TMP/err$n")"
  [[ "$status" == 0 ]] || fail "indexing $n articles from stdin exits 0 (got $status)"
  grep -q "read $n articles: $n indexed" "$TMP/err$n" || fail "all $n articles from stdin indexed"
done
small=$(tail -1 "$TMP/rss6000") big=$(tail -1 "$TMP/rss12000")
echo "peak RSS: 6,000 articles (42 MB) $small KB, 12,000 articles (84 MB) $big KB"
((big - small < 20 * 1024)) || fail "peak RSS grows from $small KB to $big KB with twice the stream"
finish
