# Answers in numbers on the sample corpus: exact counts, facets, timelines, plots, batch queries.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/answers_lib.bash"
db="$TMP/sample.db"
run newsdex-index --db "$db" "$SRC/corpus/sample"
expect_status 0 "indexing corpus/sample with entities"

for q in 'the' 'talks' 'date:2025-07' 'place:russia' 'oil OR gas' 'country:CH'; do
  check_numbers "$db" "$q"
done

# --count: the bare number in text, a JSON summary line with the exact count in JSON.
run newsdex-search --db "$db" --count 'the'
expect_status 0 "--count the"
expect_out '^[0-9]+$' "--count prints a number"
n="$out"
run newsdex-search --db "$db" --count --json 'the'
[[ "$(jq -c 'select(.type=="summary") | .matches' <<<"$out")" == "$n" ]] ||
  fail "--count --json: a summary line with matches $n"
[[ "$(wc -l <<<"$out")" == 1 ]] || fail "--count --json prints exactly one line"
run newsdex-search --db "$db" --count 'zzzznothing'
expect_status 1 "--count with no match exits 1"
expect_out '^0$' "--count prints 0"

# Facets: text table; --facet-limit; an unknown facet names the valid ones.
run newsdex-search --db "$db" --limit 0 --facets country,lang --facet-limit 2 'the'
expect_status 0 "--facets text"
expect_out '^country +stories' "a country table (counting stories)"
expect_out '^lang +stories' "a lang table (counting stories)"
expect_out 'distinct values, top 2 shown' "the table says it shows the top 2"
run newsdex-search --db "$db" --json --limit 0 --facets country --facet-limit 2 'the'
[[ "$(jq -s 'map(select(.type=="facet"))[0].values | length' <<<"$out")" == 2 ]] ||
  fail "--facet-limit 2 gives 2 values"
run newsdex-search --db "$db" --facets actor,colour 'the'
expect_status 2 "unknown facet"
expect_err "unknown facet 'colour'" "names the bad facet"
expect_err "actor, place, country, source, lang, year and month" "lists the valid facets"

# Timeline: empty months inside the span are present with 0; the date: range widens the span.
run newsdex-search --db "$db" --json --limit 0 --timeline month 'date:2025-05..2025-12'
months=$(jq -rs 'map(select(.type=="timeline"))[0].buckets | map(.period) | join(",")' <<<"$out")
[[ "$months" == "2025-05,2025-06,2025-07,2025-08,2025-09" ]] ||
  fail "timeline months: range widened to the corpus's own dates only (got $months)"
run newsdex-search --db "$db" --json --limit 0 --timeline month 'date:2025-05 OR date:2025-09'
zeros=$(jq -rs 'map(select(.type=="timeline"))[0].buckets | map(select(.count==0) | .period) | join(",")' <<<"$out")
[[ "$zeros" == "2025-06,2025-07,2025-08" ]] || fail "empty months between are filled with 0 (got $zeros)"
run newsdex-search --db "$db" --json --limit 0 --timeline week 'date:2025-07'
jq -se 'map(select(.type=="timeline"))[0].buckets | all(.period | test("^2025-W[0-9]{2}$"))' \
  <<<"$out" >/dev/null || fail "weeks are ISO weeks (2025-Www)"
# --normalize: share = count / all articles of the period; a query matching everything is 1.
run newsdex-search --db "$db" --json --limit 0 --timeline month --normalize 'date:2025'
jq -se 'map(select(.type=="timeline"))[0] | .normalized and (.buckets | all(.share == 1 and .total == .count))' \
  <<<"$out" >/dev/null || fail "--normalize: every article matches, so every share is 1"
run newsdex-search --db "$db" --json --limit 0 --timeline month --normalize 'talks'
jq -se 'map(select(.type=="timeline"))[0].buckets | all(.total >= .count and (.share - (if .total > 0 then .count / .total else 0 end) | fabs) < 1e-9)' \
  <<<"$out" >/dev/null || fail "--normalize: share is count / total"
run newsdex-search --db "$db" --timeline month --normalize 'talks'
expect_out '^2025-0[5-9] .*%' "text timeline shows shares"
run newsdex-search --db "$db" --timeline fortnight 'the'
expect_status 2 "unknown period"
expect_err "day, week, month and year" "lists the valid periods"

# Batch: one query per line, each result tagged with its line; a bad line is reported and the
# rest still run; exit 2 if any line was bad.
printf '%s\n' 'talks' '# a comment' '' 'oil AND' 'place:russia' 'zzzznothing' >"$TMP/queries.txt"
run newsdex-search --db "$db" --queries "$TMP/queries.txt" --json --limit 1
expect_status 2 "a bad line makes the exit status 2"
jq -se 'all(has("line"))' <<<"$out" >/dev/null || fail "every JSON line carries its line number"
[[ "$(jq -rs 'map(select(.type=="summary") | .line) | join(",")' <<<"$out")" == "1,5,6" ]] ||
  fail "summaries for lines 1, 5 and 6"
[[ "$(jq -rs 'map(select(.type=="error")) | map("\(.line):\(.query)") | join(",")' <<<"$out")" == "4:oil AND" ]] ||
  fail "an error result for line 4"
expect_err "queries.txt:4: bad query" "the error on stderr names file:line"
# The same queries from stdin, counts as CSV.
out=$(printf 'talks\nplace:russia\n' | "$BIN/newsdex-search" --db "$db" --queries - --count \
  --format csv --fields query,count)
status=$?
[[ "$status" == 0 ]] || fail "--queries - --count --format csv exits 0"
[[ "$(head -1 <<<"$out" | tr -d '\r')" == "query,count" ]] || fail "CSV header query,count"
n_talks=$("$BIN/newsdex-search" --db "$db" --count talks)
[[ "$(sed -n 2p <<<"$out" | tr -d '\r')" == "talks,$n_talks" ]] || fail "CSV row talks,$n_talks"
run newsdex-search --db "$db" --queries "$TMP/queries.txt" --timeline month --format csv \
  --fields query,month,count
expect_out '^query,month,count' "CSV query,month,count header"
expect_out '^place:russia,2025-0[5-9],[0-9]+' "CSV rows per month"
run newsdex-search --db "$db" --count --format csv --fields query,colour talks
expect_status 2 "unknown CSV field"
expect_err "line, query, count, elapsed_ms" "names the valid CSV fields"
run newsdex-search --db "$db" --queries "$TMP/missing.txt"
expect_status 2 "a missing queries file"
expect_err "missing.txt: No such file" "says why"

# Plot: two queries, one line each, a valid SVG; an unwritable path leaves nothing behind.
printf 'talks\nthe\n' >"$TMP/two.txt"
run newsdex-search --db "$db" --queries "$TMP/two.txt" --count --plot "$TMP/plot.svg"
expect_status 0 "--plot with two queries"
xmllint --noout "$TMP/plot.svg" 2>"$TMP/xml.err" || fail "the SVG parses as XML: $(cat "$TMP/xml.err")"
grep -q '>talks<' "$TMP/plot.svg" && grep -q '>the<' "$TMP/plot.svg" || fail "the legend names both queries"
series=$(xmllint --xpath 'count(//*[local-name()="g"][@class="series"])' "$TMP/plot.svg" 2>/dev/null)
lines=$(xmllint --xpath 'count(//*[local-name()="path"])' "$TMP/plot.svg" 2>/dev/null)
[[ "$series" == 2 && "$lines" == 2 ]] || fail "one series (one line) per query: $series series, $lines lines"
run newsdex-search --db "$db" --plot "$TMP/no/such/dir/plot.svg" talks
expect_status 2 "--plot into a missing directory"
expect_err "cannot write plot" "says it cannot write the plot"
[[ ! -e "$TMP/no/such/dir/plot.svg" ]] || fail "no partial plot file"
[[ -z "$out" ]] || fail "nothing printed when the plot path is bad"

# Facets and timelines over several databases (a stub file listing two halves of the sample)
# equal those over one database holding everything.
run newsdex-index --db "$TMP/half1.db" "$SRC"/corpus/sample/2025-0[56]*.txt
run newsdex-index --db "$TMP/half2.db" "$SRC"/corpus/sample/2025-0[789]*.txt
printf 'auto %s\nauto %s\n' "$TMP/half1.db" "$TMP/half2.db" >"$TMP/halves.stub"
for q in 'the' 'place:russia OR talks'; do
  args=(--json --limit 0 --facet-limit 0 --facets actor,place,country,source,lang,month --timeline week --normalize "$q")
  whole=$("$BIN/newsdex-search" --db "$db" "${args[@]}" | jq -cS 'select(.type!="summary")')
  run newsdex-search --db "$TMP/halves.stub" "${args[@]}"
  expect_status 0 "$q over a stub file"
  [[ -n "$whole" && "$(jq -cS 'select(.type!="summary")' <<<"$out")" == "$whole" ]] ||
    fail "$q: facets and timeline over a stub file of two halves equal those over one database"
done

# After deletions, exact counts of filters that every article matches still work: Xapian
# 1.4.22 failed them with "Unexpected end of posting list" (it takes a few thousand articles).
awk 'BEGIN { for (i = 0; i < 5000; i++)
  printf "{\"id\":\"a%d\",\"date\":\"2025-07-%02d\",\"title\":\"Item %d\",\"body\":\"oil item %d\"}\n", i, i % 28 + 1, i, i }' \
  >"$TMP/five.jsonl"
run newsdex-index --db "$TMP/five.db" --no-entities "$TMP/five.jsonl"
run newsdex-index --db "$TMP/five.db" --delete a10 a2500 a4999
expect_status 0 "deleting three articles"
for q in 'date:2025' 'date:2025-07-01..2025-07-31' 'oil'; do
  run newsdex-search --db "$TMP/five.db" --count "$q"
  expect_status 0 "--count $q after deletions"
  [[ "$out" == 4997 ]] || fail "--count $q after deletions is 4997 (got $out)"
  run newsdex-search --db "$TMP/five.db" --json --limit 0 --facets month --timeline week "$q"
  expect_status 0 "--facets --timeline $q after deletions"
done

# Query front end: a query starting with '-' after --; a phrase as an operand.
run newsdex-search --db "$db" -oil
expect_status 2 "-oil is not an option"
expect_err "put it after --" "says to use --"
run newsdex-search --db "$db" --count -- '-zzzznothing talks'
expect_status 0 "a query after -- may start with -"

finish
