# Bad input: each problem reported as path:line: reason, the rest indexed, counts add up, exit 1.
source "$(dirname "$0")/lib.bash"
d="$TMP/in"; mkdir -p "$d"
printf 'date 2025-07-13 Good one\nOil rose.\n' >"$d/good.txt"
printf 'no date line here\njust text\n' >"$d/nodate.txt"
printf 'date 2025-13-45 Impossible\nbody\n' >"$d/baddate.txt"
: >"$d/empty.txt"
printf 'date 2025-07-14 Bad bytes\nCaf\xe9 au lait in Paris.\n' >"$d/latin1.txt"
printf '{"date":"2025-07-15","title":"JSON ok","body":"gas prices"}\nnot json\n{"title":"no date"}\n' >"$d/feed.jsonl"
run newsdex-index --db "$TMP/db" "$d"
expect_status 1 "some inputs skipped"
expect_err "nodate.txt:1: " "missing date line reported with path:line"
expect_err "baddate.txt:1: .*2025-13-45" "impossible date reported with path:line"
expect_err "empty.txt(:[0-9]+)?: .*empty" "empty file reported"
expect_err "feed.jsonl:2: " "bad JSON line reported with its line"
expect_err "feed.jsonl:3: .*date" "JSON line without a date reported"
expect_err "latin1.txt:2: warning: .*UTF-8" "invalid UTF-8 repaired with a warning"
read_n=$(grep -Eo 'read [0-9]+' <<<"$err" | grep -Eo '[0-9]+')
ind_n=$(grep -Eo '[0-9]+ indexed' <<<"$err" | grep -Eo '[0-9]+')
skip_n=$(grep -Eo '[0-9]+ skipped' <<<"$err" | grep -Eo '[0-9]+')
[[ -n "$read_n" && $((ind_n + skip_n)) -eq "$read_n" ]] || fail "read = indexed + skipped ($read_n, $ind_n, $skip_n)"
[[ "$ind_n" == 3 ]] || fail "three good articles indexed (got $ind_n)"
search_json "$TMP/db" 'lait'
expect_status 0 "the repaired article is searchable"
search_json "$TMP/db" 'gas'
expect_status 0 "the good JSON line is indexed"

# stdin needs no file name.
printf 'date 2025-07-20 From stdin\nPiped text about copper.\n' |
  "$BIN/newsdex-index" --db "$TMP/db" - 2>"$TMP/err2"
[[ $? == 0 ]] || fail "indexing stdin: $(cat "$TMP/err2")"
search_json "$TMP/db" copper
expect_status 0 "stdin article is searchable"
finish
