# "Did you mean" (issue 11): a query that finds little gets a spelling correction, on stderr in
# text and CSV output, as the summary's "suggestion" in JSON; the exit status is unchanged.
source "$(dirname "$0")/lib.bash"
db="$TMP/spell.db"
mkdir -p "$TMP/in"
{
  for d in 01 02 03 04; do
    printf 'date 2025-07-%s Petroleum exports\nPetroleum exports rose again, traders said.\n\n' "$d"
  done
  printf 'date 2025-07-05 Grain\nWheat and barley harvests in the south.\n'
} >"$TMP/in/news.txt"
run newsdex-index --db "$db" "$TMP/in/news.txt"
expect_status 0 "indexing"

run newsdex-search --db "$db" petrolium
expect_status 1 "a misspelt word matches nothing: exit 1 as before"
expect_err '^newsdex-search: did you mean: petroleum\? \(4 stories\)$' "text: the correction on stderr"
expect_out 'no matches' "text: stdout keeps the summary"
grep -q 'did you mean' <<<"$out" && fail "text: the suggestion is not on stdout"

search_json "$db" petrolium
expect_status 1 "json: exit 1"
[[ "$(jq -r 'select(.type=="summary") | .suggestion.query' <<<"$out")" == "petroleum" ]] ||
  fail "json: summary.suggestion.query is the corrected query"
[[ "$(jq -r 'select(.type=="summary") | .suggestion.matches' <<<"$out")" == "4" ]] ||
  fail "json: summary.suggestion.matches counts its matches"
grep -q 'did you mean' <<<"$err" && fail "json: nothing on stderr"

# The rest of the query stays as typed.
search_json "$db" 'title:Petrolium -grain date:2025-07'
[[ "$(jq -r 'select(.type=="summary") | .suggestion.query' <<<"$out")" == \
  "title:petroleum -grain date:2025-07" ]] || fail "json: fields and operators kept"

# A query that finds something, or words that are right, get none.
search_json "$db" petroleum
expect_status 0 "a right word"
[[ "$(jq -r 'select(.type=="summary") | has("suggestion")' <<<"$out")" == "false" ]] ||
  fail "json: no suggestion for a right word"
run newsdex-search --db "$db" petroleum barley
expect_status 1 "right words that match nothing together"
grep -q 'did you mean' <<<"$err" && fail "text: no suggestion for right words"

# CSV: the rows stay clean, the suggestion goes to stderr.
run newsdex-search --db "$db" --format csv petrolium
expect_err 'did you mean: petroleum\?' "csv: the correction on stderr"
grep -q 'petroleum' <<<"$out" && fail "csv: stdout holds only the header"

# Batch: each query's suggestion names its line.
printf 'petroleum\npetrolium exports\n' >"$TMP/queries"
run newsdex-search --db "$db" --queries "$TMP/queries"
expect_err "^newsdex-search: $TMP/queries:2: did you mean: petroleum exports\\? \\(4 stories\\)$" \
  "batch text: with file and line"
[[ "$(grep -c 'did you mean' <<<"$err")" == "1" ]] || fail "batch text: one suggestion"
run newsdex-search --db "$db" --json --queries "$TMP/queries"
[[ "$(jq -r 'select(.type=="summary" and .line==2) | .suggestion.query' <<<"$out")" == \
  "petroleum exports" ]] || fail "batch json: the summary of line 2 carries it"

# The dictionary follows the documents: with two of the four "petroleum" articles deleted, the
# word is in too few articles to be a correction; indexing them again brings it back.
search_json "$db" petroleum
mapfile -t two < <(jq -r 'select(.type=="hit") | .id' <<<"$out" | head -2)
run newsdex-index --db "$db" --delete "${two[@]}"
expect_status 0 "deleting two articles"
run newsdex-search --db "$db" petrolium
grep -q 'did you mean' <<<"$err" && fail "after --delete: petroleum (2 articles) is no correction"
run newsdex-index --db "$db" --force "$TMP/in/news.txt"
run newsdex-search --db "$db" petrolium
expect_err 'did you mean: petroleum\? \(4 stories\)' "re-indexed: the correction is back"

finish
