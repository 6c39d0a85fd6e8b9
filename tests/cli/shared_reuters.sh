# Reuters-21578 as a directory: one document per article with a body; date ranges are exact.
source "$(dirname "$0")/lib.bash"
need_shared
db="$TMP/reuters.db"
run newsdex-index --db "$db" --no-entities "$SHARED/corpora/reuters21578"
expect_status 1 "articles without a body are skipped"
expect_err "19043 indexed" "19,043 articles with a body"
expect_err "now holds 19043 documents" "one document per article"
expect_err "reut2-[0-9]+\.sgm:[0-9]+: .*no body" "skips carry path:line and a reason"
search_json "$db" --limit 10000 'oil date:1987-03-01..1987-03-31'
expect_status 0 "oil in March 1987"
n=$(jq -r 'select(.type=="hit")|.date' <<<"$out" | wc -l)
bad=$(jq -r 'select(.type=="hit")|.date' <<<"$out" | grep -vc '^1987-03-')
[[ "$n" -gt 100 && "$bad" == 0 ]] || fail "only March 1987 hits ($n hits, $bad outside March)"
finish
