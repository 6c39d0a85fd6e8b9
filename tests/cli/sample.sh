# The sample corpus end to end: languages, folding, possessives, sorting, paging, idempotence.
source "$(dirname "$0")/lib.bash"
db="$TMP/sample.db"
run newsdex-index --db "$db" --no-entities "$SRC/corpus/sample"
expect_status 0 "indexing corpus/sample"
indexed=$(grep -Eo '[0-9]+ indexed' <<<"$err" | grep -Eo '[0-9]+')
[[ "${indexed:-0}" -ge 30 ]] || fail "at least 30 sample articles indexed (got ${indexed:-0})"

# Accents and case fold both ways: every spelling finds the same articles.
for q in 'Kúrsk' 'KURSK' 'kursk' 'Zürich' 'zurich' 'ZURICH'; do
  search_json "$db" "$q"
  expect_status 0 "query $q"
done
a=$(jq -r 'select(.type=="hit")|.id' <<<"$(run newsdex-search --db "$db" --json Kúrsk; echo "$out")" | sort)
b=$(jq -r 'select(.type=="hit")|.id' <<<"$(run newsdex-search --db "$db" --json kursk; echo "$out")" | sort)
[[ -n "$a" && "$a" == "$b" ]] || fail "Kúrsk and kursk find the same articles"

# Chinese, Korean and Russian articles are found by words of their bodies.
for q in '深圳' '上海' '부산' '해운대' 'Москве' 'москва' 'ПЕТЕРБУРГ'; do
  search_json "$db" "$q"
  expect_status 0 "non-Latin query $q"
done
search_json "$db" '부산'
expect_out '"lang":"ko"' "Korean hit is the Korean article"

# Possessives: "Germany’s" (typographic apostrophe) is found by germany, and the reverse.
search_json "$db" 'germany exporters'
expect_status 0 "germany finds Germany’s"
search_json "$db" "Germany's exporters"
expect_status 0 "Germany's finds Germany’s"

# Stemming: talked finds talks.
search_json "$db" 'talked'
expect_status 0 "stemming"

# Sorting by date and paging.
run newsdex-search --db "$db" --json --sort date --limit 50 'the'
dates=$(jq -r 'select(.type=="hit")|.date' <<<"$out")
# (On an empty or one-date list the order checks would pass vacuously: require several dates.)
[[ "$(sort -u <<<"$dates" | wc -l)" -ge 3 ]] || fail "--sort date: several dates to order"
[[ "$dates" == "$(sort <<<"$dates")" ]] || fail "--sort date is oldest first"
run newsdex-search --db "$db" --json --sort -date --limit 50 'the'
dates=$(jq -r 'select(.type=="hit")|.date' <<<"$out")
[[ "$(sort -u <<<"$dates" | wc -l)" -ge 3 ]] || fail "--sort -date: several dates to order"
[[ "$dates" == "$(sort -r <<<"$dates")" ]] || fail "--sort -date is newest first"
run newsdex-search --db "$db" --json --limit 2 --offset 1 'the'
[[ "$(jq -r 'select(.type=="hit")|.rank' <<<"$out" | tr '\n' ' ')" == "2 3 " ]] || fail "--offset 1 --limit 2 gives ranks 2 and 3"
jq -e 'select(.type=="summary") | .schema_version == 1' <<<"$out" >/dev/null || fail "summary carries schema_version 1"

# Text output: readable, no colour when not a terminal, colour when forced.
run newsdex-search --db "$db" Lavrov
expect_status 0 "text output"
grep -q $'\033\[' <<<"$out" && fail "no colour codes when stdout is not a terminal"
run newsdex-search --db "$db" --color=always Lavrov
grep -q $'\033\[' <<<"$out" || fail "--color=always colours matches"

# A broken pipe ends quietly.
"$BIN/newsdex-search" --db "$db" --limit 50 the 2>"$TMP/pipe-err" | head -1 >/dev/null
[[ ! -s "$TMP/pipe-err" ]] || fail "a closed pipe prints nothing on stderr: $(cat "$TMP/pipe-err")"

# Indexing the same input twice leaves the document count unchanged.
run newsdex-index --db "$db" --no-entities "$SRC/corpus/sample"
count_before=$(grep -Eo 'holds [0-9]+' <<<"$err")
[[ "$count_before" =~ ^holds\ [1-9][0-9]*$ ]] || fail "the summary says how many documents the database holds"
run newsdex-index --db "$db" --no-entities "$SRC/corpus/sample"
[[ "$(grep -Eo 'holds [0-9]+' <<<"$err")" == "$count_before" ]] || fail "re-indexing keeps the count"
finish
