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
NEWSDEX_DB="$TMP/one.db" run newsdex-search --json copper
expect_status 0 "NEWSDEX_DB sets the default database"
finish
