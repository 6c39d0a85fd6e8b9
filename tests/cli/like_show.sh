# Issue 11, similar articles and one whole article: newsdex-search --like ID [QUERY] and
# --show ID, text and JSON, ids as hits print them (spaces, #, /, quotes, over 240 bytes), and
# an id that no database holds (exit 1, "no article with id ...").
source "$(dirname "$0")/lib.bash"
db="$TMP/like.db"
mkdir -p "$TMP/in"
long_id="feed/$(printf 'x%.0s' {1..300})/coffee"
# Three coffee stories on three days, two oil stories, a grain story. JSON Lines: ids, time,
# source and url of our choosing.
jq -nc --arg long "$long_id" '
  {id: "coffee frost #1", date: "2025-07-13T14:05:00+03:00", source: "Wire",
   url: "https://example.org/frost", title: "Frost hits Brazil coffee crop",
   body: "Frost in Minas Gerais damaged coffee trees, and growers in Brazil expect a smaller crop of arabica beans.\nCoffee prices rose in London as roasters bought beans."},
  {id: "coffee/\"growers\" '\''say'\''", date: "2025-07-14", title: "Coffee growers count frost damage",
   body: "Brazilian coffee growers said the frost killed young coffee trees; the arabica bean harvest will be smaller and roasters are paying more for beans."},
  {id: $long, date: "2025-07-15", title: "Colombia coffee exports steady",
   body: "Colombia exported as many bags of coffee as a year ago, the growers federation said; arabica beans from Colombia sold well to roasters."},
  {id: "oil#opec", date: "2025-07-14", title: "OPEC keeps crude output unchanged",
   body: "OPEC ministers kept crude oil output quotas, and Brent crude rose to 80 dollars a barrel; refiners bought more crude."},
  {id: "oil/refiners", date: "2025-07-15", title: "Refiners buy more crude",
   body: "Refiners bought crude oil as the barrel price rose after OPEC kept output quotas unchanged."},
  {id: "grain/wheat", date: "2025-07-14", title: "Wheat harvest starts early",
   body: "Farmers in Kansas began the wheat harvest early after a dry spring, and grain elevators filled."}
' >"$TMP/in/wire.jsonl"
run newsdex-index --db "$db" "$TMP/in/wire.jsonl"
expect_status 0 "indexing"
expect_err "6 indexed, 0 skipped" "index summary"
frost="coffee frost #1"
growers="coffee/\"growers\" 'say'"

hit_ids() { jq -r 'select(.type=="hit") | .id' <<<"$out"; }

# --show, JSON: one object with every field as indexed.
run newsdex-search --db "$db" --show "$frost" --json
expect_status 0 "--show --json"
[[ "$(grep -c . <<<"$out")" == 1 ]] || fail "--show --json prints one line"
jq -e --arg id "$frost" '.type == "article" and .id == $id and .date == "2025-07-13"
  and .time == "14:05:00+03:00" and .source == "Wire" and .url == "https://example.org/frost"
  and .title == "Frost hits Brazil coffee crop" and (.body | test("^Frost in Minas.*\nCoffee prices rose"))
  and .schema_version == 1 and (.path | endswith("wire.jsonl"))
  and any(.places[]; .name == "Brazil" and .country == "BR" and .type == "place")
  and any(.places[]; .name == "London")' <<<"$out" >/dev/null ||
  fail "--show --json: the article's fields and entities"

# --show, text: title, date and time, source, url, path, the body's lines, actors and places.
run newsdex-search --db "$db" --show "$frost"
expect_status 0 "--show"
[[ "$(head -2 <<<"$out")" == $'Frost hits Brazil coffee crop\n2025-07-13 14:05:00+03:00 · Wire' ]] ||
  fail "--show: title, then date, time and source"
expect_out "^id: +coffee frost #1$" "--show: the id"
expect_out "^url: +https://example.org/frost$" "--show: the url"
expect_out "^path: .*wire.jsonl$" "--show: the path"
expect_out "^Frost in Minas Gerais damaged coffee trees, and growers in Brazil expect a smaller crop of arabica beans.$" "--show: the body's first line"
expect_out "^Coffee prices rose in London as roasters bought beans.$" "--show: the body's second line"
expect_out "^places: .*Brazil \(BR\)" "--show: the places"
[[ "$out" != *$'\033'* ]] || fail "--show: no colour when stdout is not a terminal"

# Every id as a hit prints it fetches that article (spaces, #, /, quotes, 300 bytes).
run newsdex-search --db "$db" --json --limit 100 'coffee OR crude OR wheat'
listing=$out
mapfile -t all < <(hit_ids)
[[ ${#all[@]} == 6 ]] || fail "the query finds all six articles (got ${#all[@]})"
for id in "${all[@]}"; do
  title=$(jq -r --arg id "$id" 'select(.type=="hit" and .id==$id) | .title' <<<"$listing")
  run newsdex-search --db "$db" --show "$id" --json
  expect_status 0 "--show '$id'"
  [[ "$(jq -r .title <<<"$out")" == "$title" ]] || fail "--show '${id:0:60}' is the hit's article"
  run newsdex-search --db "$db" --show "$id"
  [[ "$(head -1 <<<"$out")" == "$title" ]] || fail "--show '${id:0:60}' (text) is its article"
done

# --like: the other coffee stories first, the article itself never.
search_json "$db" --like "$frost"
expect_status 0 "--like"
mapfile -t hits < <(hit_ids)
[[ "${hits[0]:-}" == "$growers" ]] || fail "--like: the most similar story first (got ${hits[*]})"
[[ "${hits[1]:-}" == "$long_id" ]] || fail "--like: the other coffee story second"
for h in "${hits[@]}"; do [[ "$h" != "$frost" ]] || fail "--like: not the article itself"; done
# Snippets show the shared words.
# (jq 1.6 -e looks at the result of the last line: slurp the lines into one array.)
jq -se 'any(.[]; .type=="hit" and .rank==1 and (.snippet.highlights | length > 0))' <<<"$out" >/dev/null ||
  fail "--like: the snippet highlights the words shared"
# With an id over 240 bytes, and with one with quotes.
search_json "$db" --like "$long_id"
mapfile -t hits < <(hit_ids)
[[ "${hits[0]:-}" == "$frost" || "${hits[0]:-}" == "$growers" ]] ||
  fail "--like a 300-byte id: a coffee story first (got ${hits[0]:-})"
search_json "$db" --like "$growers"
mapfile -t hits < <(hit_ids)
[[ "${hits[0]:-}" == "$frost" ]] || fail "--like an id with quotes: the frost story first"

# --like with a date: filter: only that day, the best match of that day first.
search_json "$db" --like "$frost" date:2025-07-15
expect_status 0 "--like with date:"
[[ "$(jq -r 'select(.type=="hit") | .date' <<<"$out" | sort -u)" == "2025-07-15" ]] ||
  fail "--like date:2025-07-15: only articles of that day"
[[ "$(hit_ids | head -1)" == "$long_id" ]] || fail "--like date:2025-07-15: the coffee story first"
search_json "$db" --like "$frost" date:2025-07-13
expect_status 1 "--like with a date on which only the article itself is: no hits"
# A word narrows down: only the similar articles that have it.
search_json "$db" --like "$frost" colombia
[[ "$(hit_ids)" == "$long_id" ]] || fail "--like with a word: only the articles with it"
# --count, --facets, --sort, CSV.
run newsdex-search --db "$db" --like "$frost" --count date:2025-07-15
expect_status 0 "--like --count"
n_day=$(jq -r 'select(.type=="hit")' <<<"$(run newsdex-search --db "$db" --json --like "$frost" date:2025-07-15; echo "$out")" | jq -s length)
run newsdex-search --db "$db" --like "$frost" --count date:2025-07-15
[[ "$out" == "$n_day" ]] || fail "--like --count counts the hits ($out vs $n_day)"
search_json "$db" --like "$frost" --facets month --limit 0
jq -se 'any(.[]; .type=="facet" and .values[0].id == "2025-07" and .values[0].count > 1)' \
  <<<"$out" >/dev/null ||
  fail "--like --facets month"
search_json "$db" --like "$frost" --sort -date
dates=$(jq -r 'select(.type=="hit") | .date' <<<"$out")
[[ -n "$dates" && "$dates" == "$(sort -r <<<"$dates")" ]] || fail "--like --sort -date: newest first"
run newsdex-search --db "$db" --like "$frost" --format csv --fields id
expect_status 0 "--like --format csv"
[[ "$(sed -n 2p <<<"$out" | tr -d '\r')" == "\"$(sed 's/"/""/g' <<<"$growers")\"" ]] ||
  fail "--like csv: the first row is the most similar"

# Missing ids: exit 1, "no article with id ...", nothing on stdout.
for args in "--show|nope" "--like|nope" "--show|coffee frost" "--like|" "--show|"; do
  opt=${args%%|*}
  id=${args#*|}
  run newsdex-search --db "$db" "$opt" "$id"
  expect_status 1 "$opt '$id' (no such article)"
  expect_err "no article with id '$id'" "$opt '$id' says so"
  [[ -z "$out" ]] || fail "$opt '$id': nothing on stdout"
done
run newsdex-search --db "$db" --json --like nope date:2025
expect_status 1 "--like nope with a query"
expect_err "no article with id 'nope'" "--like nope with a query says so"
# Over two databases, an article of the second: found by both options.
run newsdex-index --db "$TMP/other.db" --no-entities "$TMP/in/wire.jsonl"
echo '{"id":"extra","date":"2025-07-16","title":"Arabica coffee beans","body":"Roasters paid more for arabica coffee beans after the frost in Brazil."}' >"$TMP/in/extra.jsonl"
run newsdex-index --db "$TMP/extra.db" "$TMP/in/extra.jsonl"
run newsdex-search --db "$db" --db "$TMP/extra.db" --show extra --json
expect_status 0 "--show an article of the second database"
search_json "$db" --db "$TMP/extra.db" --like extra
expect_status 0 "--like an article of the second database"
[[ "$(hit_ids | head -3)" == *"coffee"* ]] || fail "--like over two databases: coffee stories"

# Usage errors: exit 2.
run newsdex-search --db "$db" --show "$frost" coffee
expect_status 2 "--show with a query"
expect_err "--show prints one article" "--show with a query says why"
run newsdex-search --db "$db" --show "$frost" --format csv
expect_status 2 "--show --format csv"
run newsdex-search --db "$db" --show "$frost" --like "$frost"
expect_status 2 "--show with --like"
run newsdex-search --db "$db" --show "$frost" --count
expect_status 2 "--show with --count"
run newsdex-search --db "$db" --help
expect_out "--like ID" "--help lists --like"
expect_out "--show ID" "--help lists --show"
finish
