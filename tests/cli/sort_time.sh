# Time of day (issue 11): --sort date and -date order the articles of one day by their time;
# hits show the time in text, JSON ("time") and CSV (the time column).
source "$(dirname "$0")/lib.bash"
db="$TMP/time.db"
mkdir -p "$TMP/in"
# In the file, the order of neither the dates alone nor the articles.
cat >"$TMP/in/day.txt" <<'TXT'
date 2025-07-13 12:00 Noon grain report
Grain prices at noon.

date 2025-07-13 18:30 Evening grain report
Grain prices in the evening.

date 2025-07-13 Undated grain report
Grain prices, some time that day.

date 2025-07-13T09:15:00+03:00 Morning grain report
Grain prices in the morning, Moscow time (06:15 UTC).
TXT
run newsdex-index --db "$db" "$TMP/in/day.txt"
expect_status 0 "indexing"

titles() { jq -r 'select(.type=="hit") | .title | split(" ") | first' <<<"$out" | tr '\n' ' '; }
search_json "$db" --sort -date grain
expect_status 0 "-date"
[[ "$(titles)" == "Evening Noon Morning Undated " ]] || fail "-date: newest first by time (got: $(titles))"
search_json "$db" --sort date grain
[[ "$(titles)" == "Undated Morning Noon Evening " ]] || fail "date: oldest first by time (got: $(titles))"
[[ "$(jq -r 'select(.type=="hit" and (.title|startswith("Morning"))) | .time' <<<"$out")" == \
  "09:15:00+03:00" ]] || fail "json: the hit's time as given"
[[ "$(jq -r 'select(.type=="hit" and (.title|startswith("Undated"))) | .time' <<<"$out")" == "" ]] ||
  fail "json: an empty time without one"

run newsdex-search --db "$db" --sort -date grain
expect_out '^1\. 2025-07-13 18:30  Evening grain report$' "text: the time after the date"
expect_out '^4\. 2025-07-13  Undated grain report$' "text: no time, no gap filler"

run newsdex-search --db "$db" --sort -date --format csv --fields title,date,time grain
expect_out '^title,date,time' "csv: a time column"
expect_out '^Morning grain report,2025-07-13,09:15:00\+03:00' "csv: the time"

finish
