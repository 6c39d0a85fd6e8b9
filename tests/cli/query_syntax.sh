# Query syntax a user meets: phrases as operands, unknown fields and countries, date ranges.
source "$(dirname "$0")/lib.bash"
db="$TMP/db"
printf 'date 1987-03-05 Crude oil falls\nCrude oil prices fell as OPEC ministers met in Vienna.\n' >"$TMP/a.txt"
printf 'date 1987-03-06 Fund talks\nThe International Monetary Fund lent money to Mexico. Oil was not discussed.\n' >"$TMP/b.txt"
printf 'date 1988-01-02 Visit\nMinisters visited Moscow in the new year.\n' >"$TMP/c.txt"
run newsdex-index --db "$db" "$TMP/a.txt" "$TMP/b.txt" "$TMP/c.txt"
expect_status 0 "index three articles"

# query|expected titles, sorted, comma-separated
while IFS='|' read -r q expected; do
  search_json "$db" "$q"
  got="$(jq -r 'select(.type == "hit") | .title' <<<"$out" | sort | paste -sd, -)"
  [[ "$got" == "$expected" ]] || fail "query $q: expected [$expected], got [$got]"
  [[ -n "$expected" ]] && expect_status 0 "query $q"
done <<'CASES'
mexico OR "international monetary fund"|Fund talks
"crude oil" AND opec|Crude oil falls
oil NOT "crude oil"|Fund talks
ministers NOT "crude oil"|Visit
title:"crude oil" OR visit|Crude oil falls,Visit
DATE:1987-03|Crude oil falls,Fund talks
date:1987-03-06..|Fund talks,Visit
date:..1987-03-05|Crude oil falls
date:1900..2100|Crude oil falls,Fund talks,Visit
date:1987-12-31..1988-01-02|Visit
"10:30"|
CASES

while IFS='|' read -r q pattern; do
  run newsdex-search --db "$db" "$q"
  expect_status 2 "bad query $q"
  expect_err "$pattern" "bad query $q message"
done <<'CASES'
foo:bar|unknown field 'foo:' at column 1
oil titel:oil|unknown field 'titel:' at column 5
oil http://example.com|hint: fields are title:, date:, actor:, place:, country:, source:, lang:
country:XX|unknown country 'XX' at column 9
country:narnia|hint: use an ISO 3166-1 code such as RU, KP or US
"crude oil" NEAR opec|NEAR at column 13 takes single words
"crude oil" AND|operator AND at column 13 is missing an operand
CASES
finish
