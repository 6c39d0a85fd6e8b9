# Runs the examples on corpus/sample and checks what they print (CTest: examples.cpp and
# examples.python). Fails on any wrong or missing line.
set -uo pipefail
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
sample="$NEWSDEX_SOURCE_DIR/corpus/sample"
check() {  # check FILE REGEX WHAT
  grep -Eq -- "$2" "$1" || { echo "FAIL: $3: no line matches /$2/ in:"; cat "$1"; exit 1; }
}
if [[ "${1:-}" != python && ! -x "$NEWSDEX_EXAMPLES/index_folder" ]]; then
  # A build of only some targets (scripts/sanitize builds what the other tests run).
  echo "SKIPPED: the examples are not built in $NEWSDEX_EXAMPLES"
  exit 77
fi
if [[ "${1:-}" == python ]]; then
  "$NEWSDEX_PYTHON" "$NEWSDEX_SOURCE_DIR/examples/notebook.py" "$sample" >"$tmp/out" 2>&1 || { cat "$tmp/out"; exit 1; }
  check "$tmp/out" "'indexed': [0-9]+" "notebook indexes"
  check "$tmp/out" "^[0-9]+ articles$" "notebook counts"
  check "$tmp/out" "Sergey Lavrov" "notebook recognises entities"
  check "$tmp/out" "^column [0-9]+: " "notebook shows a query error"
  exit 0
fi
"$NEWSDEX_EXAMPLES/index_folder" "$tmp/news.db" "$sample" >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/out" "$tmp/err"; exit 1; }
check "$tmp/out" "^indexed [1-9][0-9]*, skipped 0, unchanged 0; [1-9][0-9]* documents$" "index_folder"
"$NEWSDEX_EXAMPLES/index_folder" "$tmp/news.db" "$sample" >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/out" "$tmp/err"; exit 1; }
check "$tmp/out" "^indexed 0, skipped 0, unchanged [1-9][0-9]*;" "index_folder again: incremental"
"$NEWSDEX_EXAMPLES/faceted_search" "$tmp/news.db" 'actor:lavrov date:2025-06..2025-07' >"$tmp/out" 2>&1 || { cat "$tmp/out"; exit 1; }
check "$tmp/out" "^[1-9][0-9]* matching articles$" "faceted_search counts"
check "$tmp/out" "^actor:$" "faceted_search facets actors"
check "$tmp/out" "Sergey Lavrov" "faceted_search names Lavrov"
check "$tmp/out" "^2025-07  #+$" "faceted_search timeline"
"$NEWSDEX_EXAMPLES/faceted_search" "$tmp/news.db" 'oil AND' >"$tmp/out" 2>&1
status=$?
[[ $status == 2 ]] || { echo "FAIL: faceted_search 'oil AND' exits 2, not $status"; exit 1; }
check "$tmp/out" "^bad query at column" "faceted_search reports a bad query"
exit 0
