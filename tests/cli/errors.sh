# Errors a user meets: missing database, bad queries and dates, usage; exit 2 with a clear message.
source "$(dirname "$0")/lib.bash"
run newsdex-search --db "$TMP/nope.db" oil
expect_status 2 "missing database"
expect_err "^newsdex-search: error: .*nope.db: no such database" "missing database message"
expect_err "^hint: " "missing database hint"
grep -q "Xapian" <<<"$err" && fail "no Xapian trace for a missing database"

mkdir -p "$TMP/foreign"; echo "not a database" >"$TMP/foreign/file"
run newsdex-search --db "$TMP/foreign" oil
expect_status 2 "foreign directory"
expect_err "not a newsdex database" "foreign directory message"

db="$TMP/db"
printf 'date 2025-07-13 Oil prices rise\nOil rose in Kúrsk and Paris.\n' >"$TMP/a.txt"
run newsdex-index --db "$db" "$TMP/a.txt"
expect_status 0 "index one article"

while IFS='|' read -r q pattern; do
  run newsdex-search --db "$db" "$q"
  expect_status 2 "bad query $q"
  expect_err "$pattern" "bad query $q message"
done <<'CASES'
date:2025-13-45|month 13 does not exist at column 6
date:2025-02-30|day 30 does not exist
date:2025-07-01..2025-07-99|day 99 does not exist
date:2025/07|expected YYYY, YYYY-MM or YYYY-MM-DD
"oil prices|unterminated quote at column 1
(oil OR gas|unmatched '\(' at column 1
oil)|unmatched '\)' at column 4
oil AND|operator AND at column 5 is missing an operand
actor:|has no value
CASES

run newsdex-search --db "$db" --sort sideways oil
expect_status 2 "bad --sort"
expect_err "unknown sort order" "bad --sort message"
run newsdex-search --help
expect_status 0 "--help"
expect_out "date:2025-07-01..2025-07-31" "--help explains dates"
run newsdex-search --db "$db"
expect_status 2 "no query"
run newsdex-index --help
expect_status 0 "index --help"
run newsdex-index --db "$db" --format yaml "$TMP/a.txt"
expect_status 2 "bad --format"
finish
