# Issue 10 (geography) acceptance: near:Kursk/200km finds the seed article; near:Kursk/50km does
# not find an article that names only Moscow (about 460 km away), which near:Moscow/50km does.
source "$(dirname "$0")/lib.bash"
need_shared
db="$TMP/near.db"
mkdir -p "$TMP/in"
cat >"$TMP/in/moscow-only.txt" <<'EOF'
date 2025-07-20 Heat wave in Moscow
Forecasters in Moscow said the heat would last until the weekend, and the Moscow mayor's office opened cooling centres.
EOF
run newsdex-index --db "$db" "$SHARED/seeds/seed-article.txt" "$TMP/in/moscow-only.txt"
expect_status 0 "indexing the seed and the Moscow article"
expect_err "2 indexed, 0 skipped" "index summary"
seed_id="seed-article.txt"
moscow_id="moscow-only.txt"

# Hit ids (the input's path as given; its file name here), sorted, or in rank order.
ids() { jq -r 'select(.type=="hit") | .id | split("/") | last' <<<"$out" | sort | tr '\n' ' '; }
first_id() { jq -r 'select(.type=="hit") | .id | split("/") | last' <<<"$out" | head -1; }

search_json "$db" 'near:Kursk/200km'
expect_status 0 "near:Kursk/200km finds the seed"
[[ "$(ids)" == "$seed_id " ]] || fail "near:Kursk/200km: only the seed (got: $(ids))"

search_json "$db" 'near:Kursk/50km'
expect_status 0 "near:Kursk/50km still finds the seed (it names Kursk)"
[[ "$(ids)" == *"$seed_id"* ]] || fail "near:Kursk/50km finds the seed"
[[ "$(ids)" != *"$moscow_id"* ]] || fail "near:Kursk/50km does not find the Moscow-only article"

# The Moscow article has coordinates: near Moscow finds it (so the check above can fail).
search_json "$db" 'near:Moscow/50km'
expect_status 0 "near:Moscow/50km"
[[ "$(ids)" == *"$moscow_id"* ]] || fail "near:Moscow/50km finds the Moscow-only article"
search_json "$db" 'near:55.76,37.62/30km'
[[ "$(ids)" == *"$moscow_id"* ]] || fail "near:LAT,LON finds the Moscow-only article"

# Only the Moscow article alone: near:Kursk/50km has no hit at all (exit 1), 500 km reaches it.
db2="$TMP/moscow.db"
run newsdex-index --db "$db2" "$TMP/in/moscow-only.txt"
expect_status 0 "indexing the Moscow article alone"
search_json "$db2" 'near:Kursk/50km'
expect_status 1 "near:Kursk/50km: no hit in a database of the Moscow article"
expect_out '"type":"summary"' "near: with no hit prints a summary"
search_json "$db2" 'near:Kursk/500km'
expect_status 0 "near:Kursk/500km reaches Moscow"
search_json "$db2" 'near:Kursk/310mi'
expect_status 0 "near:Kursk/310mi reaches Moscow (miles)"
search_json "$db2" 'near:Kursk/250mi'
expect_status 1 "near:Kursk/250mi does not"

# Nearest first when near: is the whole query; relevance with words.
# (The seed names Moscow too, so near:Moscow is a tie; Kursk is not.)
search_json "$db" 'near:Kursk/1000km'
[[ "$(ids)" == "$moscow_id $seed_id " ]] || fail "near:Kursk/1000km finds both (got: $(ids))"
[[ "$(first_id)" == "$seed_id" ]] ||
  fail "near:Kursk/1000km ranks the seed (Kursk) before the Moscow article"
scores=$(jq -r 'select(.type=="hit") | .score' <<<"$out" | tr '\n' ' ')
awk '{exit !($1 > $2 && $2 > 0)}' <<<"$scores" || fail "nearer scores more (scores: $scores)"
search_json "$db" 'Lavrov near:Kursk/200km'
expect_status 0 "words and near: together"
[[ "$(ids)" == "$seed_id " ]] || fail "Lavrov near:Kursk/200km finds the seed"
# --sort distance: nearest first although relevance would rank the Moscow article (which says
# "Moscow" three times) first for the word moscow.
search_json "$db" --sort distance 'moscow near:Kursk/1000km'
expect_status 0 "--sort distance"
[[ "$(first_id)" == "$seed_id" ]] || fail "--sort distance ranks the seed (Kursk) first"
search_json "$db" 'moscow near:Kursk/1000km'
[[ "$(first_id)" == "$moscow_id" ]] || fail "by relevance the Moscow article is first"
run newsdex-search --db "$db" --sort distance moscow
expect_status 2 "--sort distance without near:"
expect_err "sorting by distance needs a near:" "--sort distance without near: says why"
search_json "$db" 'heat near:Kursk/200km'
expect_status 1 "heat near:Kursk/200km: the Moscow article is outside, the seed has no 'heat'"

# Errors: exit 2, the column, a hint.
while IFS='|' read -r q pattern; do
  run newsdex-search --db "$db" "$q"
  expect_status 2 "bad near: query $q"
  expect_err "$pattern" "bad near: query $q message"
  expect_err "hint: " "bad near: query $q has a hint"
done <<'CASES'
near:Kursk|near:Kursk has no radius at column 6
oil near:Kursk/0km|radius '0km' must be greater than 0 at column 16
near:Kursk/abc|invalid radius 'abc'.* at column 12
near:Kursk/5parsecs|unknown unit 'parsecs'
near:Narnia/10km|unknown place 'Narnia' at column 6
near:"New York"/-1km|must be greater than 0 at column 17
CASES

# A database of schema version 3 (no coordinates) is refused, saying how to re-index.
xapian-metadata set "$db2" newsdex:schema 3 2>/dev/null || fail "xapian-metadata set"
run newsdex-search --db "$db2" 'near:Kursk/500km'
expect_status 2 "an old database is refused"
expect_err "schema version 3, this newsdex needs 5" "the error names both versions"
expect_err "re-index" "the hint says how to re-index"
finish
