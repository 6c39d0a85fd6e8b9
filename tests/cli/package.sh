# Installs this build into a temporary prefix (not /usr/local) and builds small embedders
# against the installed copy, with find_package(newsdex) and with pkg-config (no --static):
# each indexes, searches, fetches and deletes by id, and recognises entities in a string,
# which proves the installed model and gazetteers are found. Checks the library's flavour
# (static, or shared with its SONAME and exported symbols) and that a moved prefix still
# finds its data. $NEWSDEX_PACKAGE_BUILD names another build tree to check instead of this one
# (scripts/test passes its shared build).
source "$(dirname "$0")/lib.bash"
status=0 out="" err=""
build="${NEWSDEX_PACKAGE_BUILD:-$BIN/..}"
prefix="$TMP/opt/newsdex"
unset NEWSDEX_DATA_DIR
cmake --install "$build" --prefix "$prefix" >"$TMP/install.log" 2>&1 || { cat "$TMP/install.log"; fail "cmake --install"; finish; }
libdir="$(dirname "$(find "$prefix" -name newsdex.pc)")/.."
[[ -f "$prefix/include/newsdex/newsdex.h" ]] || fail "umbrella header installed"
for page in man1/newsdex-index.1 man1/newsdex-search.1 man7/newsdex.7; do
  [[ -f "$prefix/share/man/$page" ]] || fail "man page $page installed"
done
grep -q '"0\.[0-9]*\.[0-9]*"' "$prefix/include/newsdex/version.h" || fail "version.h generated with the project version"
grep -rEq '#include *[<"](xapian|unicode/)' "$prefix/include/newsdex/" && fail "installed headers include no Xapian or ICU header"
grep -rhE '#include *[<"]' "$prefix/include/newsdex/" | grep -vE '<newsdex/[a-z_]+\.h>|<[a-z_]+>' && fail "installed headers include only newsdex/ and standard headers"

# The commands are built on the public API only: their sources include newsdex/ headers, the
# standard library, cxxopts and nlohmann-json, nothing else.
grep -hE '^#include' "$SRC"/indexer/*.cpp "$SRC"/searcher/*.cpp |
  grep -vE '^#include <(newsdex/[a-z_]+\.h|cxxopts\.hpp|nlohmann/[a-z_]+\.hpp|[a-z_]+)>$' >"$TMP/includes"
[[ -s "$TMP/includes" ]] && fail "the commands include only public headers: $(cat "$TMP/includes")"

if [[ -e "$libdir/libnewsdex.so" ]]; then
  flavour=shared
  soname="$(objdump -p "$libdir/libnewsdex.so" | awk '/SONAME/ {print $2}')"
  [[ "$soname" =~ ^libnewsdex\.so\.0\.[0-9]+$ ]] || fail "SONAME from the project version: got '$soname'"
  nm -DC --defined-only "$libdir/libnewsdex.so" >"$TMP/symbols"
  grep -q 'newsdex::Searcher::search(' "$TMP/symbols" || fail "shared library exports the public API"
  grep -q 'newsdex::EntityRecognizer::recognize_text(' "$TMP/symbols" || fail "shared library exports recognize_text"
  # Functions only: GCC gives std::thread's state vtables default visibility whatever the lambda.
  grep -E ' [TW] ' "$TMP/symbols" | grep 'newsdex::index::\|newsdex::text::\|::Impl::' >"$TMP/internal"
  [[ -s "$TMP/internal" ]] && fail "shared library hides internals: $(head -3 "$TMP/internal")"
  grep -q 'Requires.private:.*xapian-core' "$libdir/pkgconfig/newsdex.pc" || fail "shared newsdex.pc keeps dependencies private"
else
  flavour=static
  [[ -f "$libdir/libnewsdex.a" ]] || fail "libnewsdex.a installed"
fi
echo "checking a $flavour install in $prefix"
# The installed library, static or shared, carries no tagger training or CoNLL code either.
lib="$libdir/libnewsdex.a"
[[ $flavour = shared ]] && lib="$libdir/libnewsdex.so"
bash "$SRC/tests/library/no_training_code.sh" "$lib" >"$TMP/training.log" 2>&1
case $? in
  0|77) ;;
  *) fail "installed library has no training code: $(head -3 "$TMP/training.log")" ;;
esac

check_consumer() {  # check_consumer HOW: runs $TMP/consumer-bin, checks its output
  "$TMP/consumer-bin" "$TMP/db-$1" >"$TMP/out" 2>&1 || { out="$(cat "$TMP/out")"; fail "$1 consumer runs"; return; }
  out="$(cat "$TMP/out")"
  expect_out "^one 2025-07-13" "$1 consumer finds its article"
  expect_out "^stored: Kúrsk is found by kursk\.$" "$1 consumer fetches it by id"
  expect_out "^after remove: 0$" "$1 consumer deletes it and reopens"
  expect_out "^actor: Sergey Lavrov$" "$1 consumer recognises an actor (installed model found)"
  expect_out "^place: Beijing$" "$1 consumer recognises a place (installed gazetteers found)"
  expect_out "^version: 0\.[0-9]+\.[0-9]+ 1$" "$1 consumer runs with its own library version"
}

cmake -S "$SRC/tests/package" -B "$TMP/consumer" -DCMAKE_PREFIX_PATH="$prefix" >"$TMP/cfg.log" 2>&1 || { cat "$TMP/cfg.log"; fail "configure find_package consumer"; }
if cmake --build "$TMP/consumer" >"$TMP/build.log" 2>&1; then
  cp "$TMP/consumer/consumer" "$TMP/consumer-bin"
  check_consumer find_package
else
  tail -20 "$TMP/build.log"; fail "build find_package consumer"
fi

export PKG_CONFIG_PATH="$libdir/pkgconfig"
flags="$(pkg-config --cflags --libs newsdex)" || fail "pkg-config --cflags --libs newsdex"
# shellcheck disable=SC2086
if g++ -std=c++20 -o "$TMP/consumer-bin" "$SRC/tests/package/consumer.cpp" $flags 2>"$TMP/gcc.log"; then
  LD_LIBRARY_PATH="$libdir" check_consumer pkg-config
else
  cat "$TMP/gcc.log"; fail "build with pkg-config --cflags --libs newsdex: $flags"
fi

# The Python module, when built, is installed into the prefix's site-packages and finds the
# prefix's data too.
module="$(find "$prefix" -path '*/site-packages/newsdex*.so' | head -1)"
if [[ -n "$module" ]]; then
  PYTHONPATH="$(dirname "$module")" /usr/bin/python3 -c 'import newsdex; print([e.name for e in newsdex.EntityRecognizer().recognize("Sergey Lavrov flew to Beijing.").actors])' >"$TMP/py" 2>&1 || fail "installed Python module imports: $(cat "$TMP/py")"
  grep -q "Sergey Lavrov" "$TMP/py" || fail "installed Python module recognises entities: $(cat "$TMP/py")"
elif compgen -G "$build/python/newsdex*.so" >/dev/null; then
  fail "the built Python module is installed"
fi

# The installed commands find the data of their prefix, also after the prefix is moved, and
# not the source tree's: with the data gone, recognition fails.
seed="$SRC/corpus/sample"
"$prefix/bin/newsdex-index" --entities "$seed" >"$TMP/entities" 2>"$TMP/err" || fail "installed newsdex-index --entities: $(cat "$TMP/err")"
grep -q '"name":"Sergey Lavrov"' "$TMP/entities" || fail "installed newsdex-index recognises entities"
mv "$TMP/opt" "$TMP/moved"
moved="$TMP/moved/newsdex"
"$moved/bin/newsdex-index" --entities "$seed" >"$TMP/entities" 2>"$TMP/err" || fail "moved newsdex-index --entities: $(cat "$TMP/err")"
grep -q '"name":"Sergey Lavrov"' "$TMP/entities" || fail "moved newsdex-index recognises entities"
rm -rf "$moved/share/newsdex"
"$moved/bin/newsdex-index" --entities "$seed" >/dev/null 2>&1 && fail "without its share/newsdex an installed copy does not fall back to the source tree"
finish
