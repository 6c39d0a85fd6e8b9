# Issue 3 acceptance through the CLIs: actor:, place:, country: on the seed article.
source "$(dirname "$0")/lib.bash"
need_shared
db="$TMP/seed.db"
run newsdex-index --db "$db" "$SHARED/seeds/seed-article.txt"
expect_status 0 "indexing the seed with entities"
for q in 'actor:"Kim Jong Un"' 'actor:lavrov' 'actor:"Sergey Lavrov"' 'actor:"Wang Yi"' \
         'actor:"Choe Son Hui"' 'actor:KCNA' 'place:wonsan' 'place:"North Korea"' 'place:Kursk' \
         'place:Beijing' 'place:russia' 'place:ukraine' 'country:RU' 'country:KP' 'country:CN' \
         'actor:LAVROV' 'place:KÚRSK' 'country:ru' 'country:"North Korea"' 'place:kyiv'; do
  search_json "$db" "$q"
  expect_status 0 "$q finds the seed"
done
for q in 'actor:wonsan' 'place:lavrov' 'place:Brazil' 'country:BR'; do
  search_json "$db" "$q"
  expect_status 1 "$q does not find the seed"
done
# Hits show their actors and places, in JSON and in text.
search_json "$db" 'actor:lavrov'
jq -se 'map(select(.type=="hit"))[0].actors | map(.name) | index("Sergey Lavrov") != null' <<<"$out" >/dev/null ||
  fail "JSON hit lists Sergey Lavrov among its actors"
jq -se 'map(select(.type=="hit"))[0].places | map(select(.country=="KP")) | length > 0' <<<"$out" >/dev/null ||
  fail "JSON hit lists a place in KP"
run newsdex-search --db "$db" 'actor:lavrov'
expect_out "actors: .*Sergey Lavrov" "text hit lists actors"
expect_out "places: .*Kursk" "text hit lists places"

# --entities prints one JSON line per article and indexes nothing.
run newsdex-index --entities "$SHARED/seeds/seed-article.txt"
expect_status 0 "--entities"
[[ "$(wc -l <<<"$out")" == 1 ]] || fail "--entities prints one line per article"
jq -e '.id and (.actors | length > 0) and (.places | length > 0)' <<<"$out" >/dev/null || fail "--entities line has id, actors, places"
jq -e '.actors[] | select(.name=="Kim Jong Un") | .mentions >= 2' <<<"$out" >/dev/null || fail "Kim Jong Un with a mention count"
finish
