# Issue 11 acceptance on Reuters-21578: --like on a coffee story returns coffee stories in its top
# five, never the story itself. "Coffee story" is the Reuters editors' TOPICS label, read from the
# SGML here (newsdex does not index it), so the check does not lean on newsdex's own words.
source "$(dirname "$0")/lib.bash"
need_shared
db="$TMP/reuters.db"
corpus="$SHARED/corpora/reuters21578"
run newsdex-index --db "$db" --no-entities "$corpus"/reut2-*.sgm
expect_status 1 "articles without a body are skipped"
expect_err "now holds 19043 documents" "Reuters indexed"

# reuters:NEWID<TAB>topic topic ... for every article.
cat "$corpus"/reut2-*.sgm | awk '
  /<REUTERS / { match($0, /NEWID="[0-9]+"/); id = substr($0, RSTART + 7, RLENGTH - 8) }
  /<TOPICS>/ { t = $0; gsub(/<\/?TOPICS>|<D>/, "", t); gsub(/<\/D>/, " ", t); print "reuters:" id "\t" t }
' >"$TMP/topics.tsv"
[[ $(grep -c $'\tcoffee ' "$TMP/topics.tsv") -gt 100 ]] || fail "the TOPICS labels were read"
declare -A topics
while IFS=$'\t' read -r id t; do topics[$id]=" $t"; done <"$TMP/topics.tsv"
is_coffee() { [[ "${topics[$1]:-}" == *" coffee "* ]]; }
hit_ids() { jq -r 'select(.type=="hit") | .id' <<<"$out"; }

# The top coffee story about export quotas (the commonest coffee story of 1987): all five of its
# most similar articles are coffee stories.
search_json "$db" --limit 1 'title:coffee quota'
story=$(hit_ids)
is_coffee "$story" || fail "the top hit of title:coffee quota ($story) is a coffee story"
search_json "$db" --limit 5 --like "$story"
expect_status 0 "--like $story"
mapfile -t hits < <(hit_ids)
[[ ${#hits[@]} == 5 ]] || fail "--like $story: five hits (got ${#hits[@]})"
for h in "${hits[@]}"; do
  is_coffee "$h" || fail "--like $story: $h (topics:${topics[$h]:-}) is not a coffee story"
  [[ "$h" != "$story" ]] || fail "--like $story: the story itself is a hit"
  # What a reader sees agrees with the label: --show prints a story that speaks of coffee.
  run newsdex-search --db "$db" --show "$h" --json
  jq -e '(.title + " " + .body) | test("coffee"; "i")' <<<"$out" >/dev/null ||
    fail "--show $h: a story about coffee"
done

# Over every coffee story among the top ten of title:coffee (the first is a short table of Thai
# export figures): at least 40% of their top five are coffee stories, against 0.7% of the
# corpus. Measured when this was written: 20 of 40 (eight stories; three get five of five, one
# a table of German import figures none).
search_json "$db" --limit 10 'title:coffee'
coffee=0
total=0
stories=0
for s in $(hit_ids); do
  is_coffee "$s" || continue
  stories=$((stories + 1))
  search_json "$db" --limit 5 --like "$s"
  for h in $(hit_ids); do
    total=$((total + 1))
    is_coffee "$h" && coffee=$((coffee + 1))
    [[ "$h" != "$s" ]] || fail "--like $s: the story itself is a hit"
  done
done
((stories >= 5)) || fail "at least five coffee stories among the top ten of title:coffee"
echo "--like on $stories coffee stories: $coffee of their $total top-five hits are coffee stories"
((total == 5 * stories && coffee * 5 >= total * 2)) ||
  fail "--like on coffee stories: 40% of their top five are coffee stories ($coffee of $total)"

# With a date: only April 1987, still coffee stories first.
search_json "$db" --limit 5 --like "$story" date:1987-04
expect_status 0 "--like $story date:1987-04"
[[ "$(jq -r 'select(.type=="hit") | .date[0:7]' <<<"$out" | sort -u)" == "1987-04" ]] ||
  fail "--like date:1987-04: only April 1987"
first=$(hit_ids | head -1)
is_coffee "$first" || fail "--like date:1987-04: a coffee story first (got $first)"
finish
