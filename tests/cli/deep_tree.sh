# A very deep directory tree is walked without recursion: 1,500 levels under a 512 KB stack
# (the recursive walk crashed: SIGSEGV), and the article at the bottom is found.
source "$(dirname "$0")/lib.bash"
root="$TMP/deep"
mkdir -p "$root"
# perl (in every Debian system) builds it in one process; a mkdir per level takes half a minute.
( cd "$root" && perl -e 'for (1 .. 1500) { mkdir "a" or die "mkdir: $!"; chdir "a" or die }
  open(my $f, ">", "bottom.txt") or die; print $f "date 2025-07-01 At the bottom\nDeep text.\n"' ) ||
  fail "building the tree"
printf 'date 2025-07-02 At the top\nShallow text.\n' >"$root/top.txt"
( ulimit -s 512 && exec "$BIN/newsdex-index" --db "$TMP/deep.db" --no-entities "$root" ) \
  >"$TMP/out" 2>"$TMP/err"
status=$? out="$(cat "$TMP/out")" err="$(cat "$TMP/err")"
expect_status 0 "indexing a 1,500-level tree with a 512 KB stack"
expect_err "read 2 articles: 2 indexed" "both articles, the deepest too"
run newsdex-search --db "$TMP/deep.db" --count 'bottom'
[[ "$out" == 1 ]] || fail "the article at the bottom is searchable"
finish
