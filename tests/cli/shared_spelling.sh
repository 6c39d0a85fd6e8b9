# Did you mean on Reuters-21578 (issue 11): petrolium suggests petroleum; real words and names of
# the corpus that find little are left alone, in a field or not.
source "$(dirname "$0")/lib.bash"
need_shared
if [[ -n "${NEWSDEX_SANITIZER:-}" ]]; then
  # All of Reuters with entities takes ten times longer under a sanitizer; the suggestion code
  # runs under it in spelling_test and cli.did_you_mean.
  echo "SKIPPED: the whole-corpus spelling checks run in the normal build"
  exit 77
fi
db="$TMP/reuters.db"
run newsdex-index --db "$db" "$SHARED"/corpora/reuters21578/reut2-*.sgm
expect_status 1 "articles without a body are skipped"
expect_err "now holds 19043 documents" "Reuters indexed"

summary() { jq -c 'select(.type=="summary")' <<<"$out"; }
suggested() { jq -r 'select(.type=="summary") | .suggestion.query // ""' <<<"$out"; }

# The acceptance check, in text (stderr) and JSON.
run newsdex-search --db "$db" petrolium
expect_status 1 "petrolium matches nothing"
expect_err '^newsdex-search: did you mean: petroleum\? \([0-9]+ stories\)$' "text: petroleum"
search_json "$db" petrolium
[[ "$(suggested)" == "petroleum" ]] || fail "json: petrolium -> petroleum ($(summary))"
# The suggestion's count is what --count would say for it: stories, or articles with --all-copies.
stories=$(jq -r 'select(.type=="summary") | .suggestion.matches' <<<"$out")
run newsdex-search --db "$db" --count petroleum
[[ "$out" == "$stories" ]] || fail "the suggestion's count ($stories) is what --count finds ($out)"
search_json "$db" --all-copies petrolium
articles=$(jq -r 'select(.type=="summary") | .suggestion.matches' <<<"$out")
run newsdex-search --db "$db" --count --all-copies petroleum
[[ "$out" == "$articles" ]] || fail "with --all-copies, the suggestion's count ($articles) is what --count --all-copies finds ($out)"
((articles > stories)) || fail "Reuters resends petroleum stories: $articles articles, $stories stories"
run newsdex-search --db "$db" --all-copies petrolium
expect_err "did you mean: petroleum\\? \\($articles articles\\)" "text with --all-copies counts articles"
search_json "$db" 'crude oil pirces'
[[ "$(suggested)" == "crude oil prices" ]] || fail "json: only the misspelt word changes ($(summary))"

# Real words of the corpus that find fewer than 3 articles get none: "brownsville" (one story;
# its nearest dictionary word, "brooksville", is in only 3), and place and actor names, free or
# in their field: "alameda" (a place of two stories, two edits from "blamed") and "abboud" (an
# actor of one, one edit from "about").
for q in brownsville alameda place:alameda abboud actor:Abboud; do
  search_json "$db" "$q"
  n=$(jq -r 'select(.type=="summary") | .matches_estimated' <<<"$out")
  ((n >= 1 && n < 3)) || fail "$q: expected 1 or 2 matches, got $n (the check would say nothing)"
  [[ -z "$(suggested)" ]] || fail "$q: no suggestion for a word of the corpus ($(summary))"
done

finish
