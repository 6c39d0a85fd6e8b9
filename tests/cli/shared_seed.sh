# Issue 2 acceptance on the seed article: words, phrases, titles and every date form.
source "$(dirname "$0")/lib.bash"
need_shared
db="$TMP/seed.db"
run newsdex-index --db "$db" "$SHARED/seeds/seed-article.txt"
expect_status 0 "indexing the seed"
expect_err "1 indexed, 0 skipped" "index summary"

for q in 'Lavrov' 'LAVROV' '"invincible alliance"' 'title:Kim' 'date:2025-07' 'date:2025-07-13' \
         'date:2025-07-01..2025-07-31' 'date:..2025-07-13' 'date:2025-07-13..' 'date:2025' \
         'Kúrsk' 'KURSK' 'kursk' 'russia' 'Pyongyang' 'meetings' 'meeting'; do
  search_json "$db" "$q"
  expect_status 0 "query $q finds the seed"
  expect_out '"type":"hit"' "query $q prints a hit"
done
for q in 'date:2025-08' 'lavrov date:2024' 'date:2025-07-14..' 'title:Lavrov'; do
  search_json "$db" "$q"
  expect_status 1 "query $q finds nothing"
  expect_out '"type":"summary"' "query $q still prints a summary"
done
search_json "$db" Lavrov
expect_out '"date":"2025-07-13"' "JSON hit carries the date"
[[ "$(jq -r 'select(.type=="hit") | .snippet.text' <<<"$out" | head -1)" == *Lavrov* ]] ||
  fail "snippet shows the matched word"

# Re-indexing the same input leaves the document count unchanged.
run newsdex-index --db "$db" "$SHARED/seeds/seed-article.txt"
expect_err "now holds 1 documents" "re-index replaces"
finish
