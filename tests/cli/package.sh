# Installs libnewsdex into a temporary prefix and builds a consumer with find_package(newsdex).
source "$(dirname "$0")/lib.bash"
build="$BIN/.."
cmake --install "$build" --prefix "$TMP/prefix" >"$TMP/install.log" 2>&1 || { cat "$TMP/install.log"; fail "cmake --install"; finish; }
[[ -f "$TMP/prefix/include/newsdex/searcher.h" ]] || fail "public headers installed"
grep -rq "xapian.h\|unicode/" "$TMP/prefix/include/newsdex/" && fail "public headers include no Xapian or ICU headers"
cmake -S "$SRC/tests/package" -B "$TMP/consumer" -DCMAKE_PREFIX_PATH="$TMP/prefix" >"$TMP/cfg.log" 2>&1 || { cat "$TMP/cfg.log"; fail "configure consumer"; }
cmake --build "$TMP/consumer" >"$TMP/build.log" 2>&1 || { tail -20 "$TMP/build.log"; fail "build consumer"; }
"$TMP/consumer/consumer" "$TMP/db" >"$TMP/out" 2>&1 || fail "consumer runs: $(cat "$TMP/out")"
grep -q "^one 2025-07-13" "$TMP/out" || fail "consumer finds its article"
finish
