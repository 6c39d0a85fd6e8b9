# The man pages render without warnings, name every option --help lists, and newsdex(7) names
# every query field newsdex-search --help lists.
source "$(dirname "$0")/lib.bash"
status=0 out="" err=""
man="$SRC/docs/man"
render() {  # render PAGE: sets $out to the page as plain text, $err to man's warnings
  LC_ALL=C MANWIDTH=100 man --warnings -l "$man/$1" >"$TMP/page" 2>"$TMP/warn"
  status=$?
  out="$(col -b <"$TMP/page")"
  err="$(cat "$TMP/warn")"
}
for page in newsdex-index.1 newsdex-search.1 newsdex.7; do
  render "$page"
  expect_status 0 "man -l $page"
  [[ -z "$err" ]] || fail "man -l $page renders without warnings"
  expect_out "^NAME" "$page has a NAME section"
done

for program in newsdex-index newsdex-search; do
  run "$program" --help
  help="$out"
  render "$program.1"
  page="$out"
  # Option lines of --help, in its first block after "Usage:": "  -d, --db arg   ..." or
  # "      --prune   ...".
  mapfile -t options < <(awk '/^$/ {blank++; next} blank == 1' <<<"$help" |
    grep -oE '^ +(-[a-zA-Z], )?--[a-z][a-z-]*' | sed 's/^ *//')
  ((${#options[@]} > 10)) || fail "$program --help lists its options (found ${#options[@]})"
  for option in "${options[@]}"; do
    # An OPTIONS entry starts its line: "-d, --db DB" or "--prune".
    grep -qE -- "^ +${option}( |$)" <<<"$page" || { out="$option"; fail "$program.1 has an entry for $option"; }
  done
done

run newsdex-search --help
# Fields in the block "Query syntax": title:word, actor:lavrov, ...
mapfile -t fields < <(awk '/^Query syntax/ {on = 1; next} on && /^$/ {exit} on' <<<"$out" |
  grep -oE '(^| )[a-z]+:[A-Za-z0-9".]' | grep -oE '[a-z]+:' | sort -u)
((${#fields[@]} >= 7)) || fail "newsdex-search --help lists the query fields (found ${#fields[@]})"
render newsdex.7
for field in "${fields[@]}"; do
  grep -qE -- "(^| )${field}" <<<"$out" || fail "newsdex.7 describes $field"
done
finish
