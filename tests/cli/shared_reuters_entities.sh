# Who and where on all of Reuters-21578 (issue 10): former countries by date, and places that
# are what the story says (no Papua New Guinea for "the Gulf").
source "$(dirname "$0")/lib.bash"
need_shared
if [[ -n "${NEWSDEX_SANITIZER:-}" ]]; then
  # All of Reuters with entities takes ten times longer under a sanitizer; the recogniser's
  # code runs under it in entities_sample and shared_answers.
  echo "SKIPPED: the whole-corpus entity checks run in the normal build"
  exit 77
fi
db="$TMP/reuters.db"
run newsdex-index --db "$db" --format reuters "$SHARED"/corpora/reuters21578/reut2-*.sgm
expect_status 1 "Reuters-21578 with entities (some stories have no body)"

count() { "$BIN/newsdex-search" --db "$db" --count "$1"; }
ids() { "$BIN/newsdex-search" --db "$db" --json --limit 100000 "$1" | jq -r 'select(.type=="hit")|.id' | sort; }

# East and West Germany are different places; East German stories carry DD.
east=$(ids 'place:"East Germany"')
west=$(ids 'place:"West Germany"')
[[ -n "$east" && -n "$west" && "$east" != "$west" ]] ||
  fail "place:\"East Germany\" and place:\"West Germany\" return different, non-empty sets"
[[ -z "$(comm -12 <(echo "$east") <(echo "$west") | comm -23 - <(ids '"west germany" OR "west german" OR "west germans" OR bonn OR germany'))" ]] ||
  fail "a story in both sets names West Germany too"
dd=$(count 'country:DD')
[[ "$dd" -gt 0 ]] || fail "country:DD finds East German stories ($dd)"
named=$(count 'country:DD AND ("east germany" OR "east german" OR "east germans" OR gdr OR leipzig OR dresden OR "east berlin" OR rostock)')
[[ "$dd" == "$named" ]] || fail "every country:DD story names East Germany or one of its cities ($named of $dd)"
# In 1987 Moscow was in the Soviet Union.
su=$(count 'country:SU AND moscow')
[[ "$su" -gt 50 ]] || fail "Moscow stories are country:SU ($su)"
[[ "$(count 'country:RU date:1987')" == 0 ]] || fail "no 1987 story is in country:RU"

# Papua New Guinea: only stories that name it or its places ("the Gulf" is not Gulf Province).
pg=$(count 'country:PG')
pg_named=$(count 'country:PG AND (papua OR png OR "port moresby" OR bulolo OR morobe OR misima OR "new guinea")')
[[ "$pg" == "$pg_named" && "$pg" -lt 30 ]] ||
  fail "country:PG returns only stories naming PNG or its places ($pg_named of $pg)"
# "Federal funds" is not Argentina, "ICO" not Icó (Brazil), "Asia" not a Philippine town.
[[ "$(count 'country:AR AND "federal funds" -argentina -argentine -"buenos aires"')" == 0 ]] ||
  fail "\"Federal funds\" stories are not in Argentina"
[[ "$(count 'place:Asia AND country:PH -philippines -philippine -manila')" == 0 ]] ||
  fail "Asia is not a Philippine town"
finish
