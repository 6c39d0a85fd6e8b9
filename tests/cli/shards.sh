# Several databases searched as one: repeated --db and a Xapian stub file listing the shards.
source "$(dirname "$0")/lib.bash"
printf 'date 2025-07-01 Copper in Chile\nCopper output rose in Chile.\n' >"$TMP/a.txt"
printf 'date 2025-07-02 Copper in Zambia\nCopper exports fell in Zambia.\n' >"$TMP/b.txt"
run newsdex-index --db "$TMP/one.db" --no-entities "$TMP/a.txt"
run newsdex-index --db "$TMP/two.db" --no-entities "$TMP/b.txt"
run newsdex-search --db "$TMP/one.db" --db "$TMP/two.db" --json copper
expect_status 0 "two --db"
[[ "$(jq -r 'select(.type=="hit")|.title' <<<"$out" | sort | tr '\n' '|')" == "Copper in Chile|Copper in Zambia|" ]] ||
  fail "hits come from both databases"
printf 'auto %s\nauto %s\n' "$TMP/one.db" "$TMP/two.db" >"$TMP/all.stub"
run newsdex-search --db "$TMP/all.stub" --json --sort -date copper
expect_status 0 "stub file"
[[ "$(jq -r 'select(.type=="hit")|.date' <<<"$out" | tr '\n' ' ')" == "2025-07-02 2025-07-01 " ]] ||
  fail "a stub file searches every shard, sorted across them"
# A stub that names itself, or two that name each other, is an error, not a crash (issue 9 row 2).
printf 'auto %s\n' "$TMP/self.stub" >"$TMP/self.stub"
run newsdex-search --db "$TMP/self.stub" copper
expect_status 2 "a stub file that lists itself"
expect_err "stub file .*self.stub names itself" "says which stub loops"
printf 'auto %s\nauto %s\n' "$TMP/one.db" "$TMP/b.stub" >"$TMP/a.stub"
printf 'auto %s\n' "$TMP/a.stub" >"$TMP/b.stub"
run newsdex-search --db "$TMP/a.stub" copper
expect_status 2 "two stub files that list each other"
expect_err "a.stub -> .*b.stub -> .*a.stub" "shows the loop"
# The same database reached twice without a loop is fine.
printf 'auto %s\nauto %s\n' "$TMP/all.stub" "$TMP/two.db" >"$TMP/twice.stub"
run newsdex-search --db "$TMP/twice.stub" --json copper
expect_status 0 "a stub naming another stub and a database"
NEWSDEX_DB="$TMP/one.db" run newsdex-search --json copper
expect_status 0 "NEWSDEX_DB sets the default database"
finish
