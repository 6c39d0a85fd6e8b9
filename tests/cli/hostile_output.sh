# Hostile text and broken outputs (issue 9 rows 7, 8, 10, 14): control characters never reach
# the terminal; a write error is an error; huge --offset values do not wrap around; a query of
# tens of thousands of terms is refused rather than run for a minute.
source "$(dirname "$0")/lib.bash"
db="$TMP/hostile.db"
esc=$'\e' bel=$'\a'
printf '{"date":"2025-07-01","title":"Oil %s]0;pwned%s rises","body":"Prices %s[31mred%s[0m rose.\\u0007"}\n' \
  '\u001b' '\u0007' '\u001b' '\u001b' >"$TMP/hostile.jsonl"
printf '{"date":"2025-07-02","title":"Calm oil","body":"Nothing odd here."}\n' >>"$TMP/hostile.jsonl"
run newsdex-index --db "$db" --no-entities "$TMP/hostile.jsonl"
expect_status 0 "indexing articles with control characters"
expect_err 'hostile.jsonl:1: .*control characters replaced by spaces' "the replacement is reported at path:line"
for color in never always; do
  run newsdex-search --db "$db" --color "$color" --limit 5 oil
  expect_status 0 "search --color $color"
  [[ "$out" != *"]0;pwned"*"$bel"* && "$out" != *"$bel"* ]] || fail "--color $color: no BEL from the article"
  # With colour, ESC may only start our own SGR sequences (ESC[...m), never an OSC (ESC]).
  [[ "$out" != *"$esc]"* ]] || fail "--color $color: no OSC sequence from the article"
  [[ "$color" == always || "$out" != *"$esc"* ]] || fail "--color never: no ESC at all"
done
run newsdex-search --db "$db" --json oil
[[ "$out" != *"$esc"* && "$out" != *"$bel"* ]] || fail "JSON holds no raw control bytes"
# A query quoting control characters: the error message shows them escaped.
run newsdex-search --db "$db" "country:\"Nar${esc}]0;x${bel}nia\""
expect_status 2 "an unknown country quoting control characters"
[[ "$err" != *"$esc"* && "$err" != *"$bel"* ]] || fail "error messages escape control characters"
expect_err '\\x1B' "the escape is visible"

# Write errors: a full disk is an error, a closed pipe is not.
"$BIN/newsdex-search" --db "$db" oil >/dev/full 2>"$TMP/err"
status=$? err="$(cat "$TMP/err")" out=""
expect_status 2 "search into /dev/full"
expect_err "cannot write the results: No space left on device" "says why"
"$BIN/newsdex-search" --db "$db" --queries <(for i in $(seq 2000); do echo oil; done) | head -1 >/dev/null
[[ "${PIPESTATUS[0]}" == 0 ]] || fail "a closed pipe ends a batch quietly with status 0"

# --offset beyond 2^32 does not wrap to the first results.
run newsdex-search --db "$db" --json --offset 4294967296 --limit 2 oil
jq -se 'map(select(.type=="hit")) | length == 0' <<<"$out" >/dev/null ||
  fail "--offset 4294967296 returns no hits (it used to return ranks 1-2)"
run newsdex-search --db "$db" --offset 18446744073709551615 --limit 18446744073709551615 oil
expect_status 0 "the largest --offset and --limit are accepted (matches exist, none shown)"
# 40,000 OR'ed words used to take 53 s: more than 1,000 terms are refused at once (row 14).
awk 'BEGIN { for (i = 1; i < 40000; i++) printf "w%d OR ", i; print "oil" }' >"$TMP/huge.txt"
awk 'BEGIN { for (i = 1; i < 1000; i++) printf "w%d OR ", i; print "oil" }' >"$TMP/large.txt"
run newsdex-search --db "$db" --count --queries "$TMP/huge.txt"
expect_status 2 "a query of 40,000 terms"
expect_err "the query has 40000 terms; at most 1000" "says how many terms are allowed"
run newsdex-search --db "$db" --count --queries "$TMP/large.txt"
expect_status 0 "a query of 1,000 terms runs"
finish
