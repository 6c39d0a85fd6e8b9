# Incremental re-indexing (issue 8): unchanged files are not read again, a changed file's
# articles are replaced (none left behind), --prune and --delete remove exactly what they name,
# stdin is always read, and kill -9 during a rerun leaves a database the next run completes.
source "$(dirname "$0")/lib.bash"
corpus="$TMP/corpus"
db="$TMP/db"
mkdir -p "$corpus/d0" "$corpus/d1"

# word N J: a word unique to article J of file N (letters only, so it is one token).
word() { tr 0-9 a-j <<<"zq$1x$2"; }
# write_file N ARTICLES [EXTRA]: file N with that many articles; EXTRA goes into every body.
write_file() {
  local n="$1" k="$2" extra="${3:-}" j
  for ((j = 1; j <= k; j++)); do
    printf 'date 2025-%02d-%02d Story %d part %d\nCommon filler text %s %s.\n' \
      $(((n % 12) + 1)) $(((j % 28) + 1)) "$n" "$j" "$(word "$n" "$j")" "$extra"
  done >"$corpus/d$((n % 2))/f$n.txt"
}
path_of() { echo "$corpus/d$(($1 % 2))/f$1.txt"; }
total=0
for ((n = 1; n <= 1000; n++)); do
  write_file "$n" $(((n % 3) + 1))
  total=$((total + (n % 3) + 1))
done
# Old stamps, so the rerun may trust size and mtime (a file modified within the last two
# seconds is "racy" and compared by content instead).
find "$corpus" -type f -exec touch -d '2025-01-01 00:00' {} +

holds() { grep -Eo 'now holds [0-9]+' <<<"$err" | grep -Eo '[0-9]+$'; }
count() {  # count QUERY: number of matching articles
  run newsdex-search --db "$db" --count "$1"
  echo "$out"
}
idx() { run newsdex-index --db "$db" --no-entities "$@"; }

t0=$(date +%s.%N)
idx "$corpus"
t1=$(date +%s.%N)
expect_status 0 "first run"
expect_err "read $total articles: $total indexed, 0 skipped; unchanged 0 \(0 files\), added $total, updated 0 \(0 files\), removed 0" "first run: everything added"
[[ "$(holds)" == "$total" ]] || fail "first run holds $total documents"

# Unchanged corpus: nothing is read, nothing written.
idx "$corpus"
t2=$(date +%s.%N)
expect_status 0 "unchanged rerun"
expect_err "read 0 articles: 0 indexed, 0 skipped; unchanged $total \(1000 files\), added 0, updated 0 \(0 files\), removed 0" "unchanged rerun"
[[ "$(holds)" == "$total" ]] || fail "unchanged rerun holds $total documents"
echo "timing: full $(echo "$t1 - $t0" | bc) s, unchanged rerun $(echo "$t2 - $t1" | bc) s (1000 files)"

# Size and mtime are trusted: new content under the same size and stamp is not seen (this is
# what proves the rerun did not read the files), until --force reads everything again.
f7="$(path_of 7)"
sed -i 's/filler/FILLER/' "$f7" && touch -d '2025-01-01 00:00' "$f7"
idx "$corpus"
expect_err "unchanged $total \(1000 files\), added 0, updated 0" "same size and mtime: not read"
idx --force "$corpus"
expect_err "read $total articles: $total indexed, 0 skipped; unchanged 0 \(0 files\), added 0, updated $total \(1000 files\), removed 0" "--force reads every file"
[[ "$(holds)" == "$total" ]] || fail "--force holds $total documents"

# touch alone: the content hash says unchanged.
touch "$(path_of 10)"
idx "$corpus"
expect_err "read 0 articles.*unchanged $total \(1000 files\), added 0, updated 0 \(0 files\)" "touch re-indexes nothing"

# A changed body: only that file's articles (file 11 has 3) are indexed again.
old11="$(word 11 2)"
write_file 11 3 newgnuword
idx "$corpus"
expect_status 0 "rerun after a change"
expect_err "read 3 articles: 3 indexed, 0 skipped; unchanged $((total - 3)) \(999 files\), added 0, updated 3 \(1 files\), removed 0" "a changed file: only its articles"
[[ "$(holds)" == "$total" ]] || fail "a changed file: still $total documents"
[[ "$(count newgnuword)" == 3 ]] || fail "the new text is found in its 3 articles"
[[ "$(count "$old11")" == 1 ]] || fail "the unchanged article text of the file is still found once"

# A file that loses an article (3 -> 2) leaves nothing behind; single-threaded writer path.
gone3="$(word 14 3)"
[[ "$(count "$gone3")" == 1 ]] || fail "file 14's third article is there before"
write_file 14 2
idx -j 1 "$corpus"
expect_err "read 2 articles: 2 indexed, 0 skipped; unchanged $((total - 3)) \(999 files\), added 0, updated 2 \(1 files\), removed 1" "3 -> 2 articles"
total=$((total - 1))
[[ "$(holds)" == "$total" ]] || fail "3 -> 2 articles: $total documents"
[[ "$(count "$gone3")" == 0 ]] || fail "the article a file no longer holds is gone"

# A new file is added; a removed one is pruned with exactly its articles.
write_file 1001 2
rm "$(path_of 17)"  # 17 % 3 + 1 = 3 articles
idx --prune "$corpus"
expect_status 0 "--prune with a new and a vanished file"
expect_err "read 2 articles: 2 indexed, 0 skipped; unchanged $((total - 3)) \(999 files\), added 2, updated 0 \(0 files\), removed 3" "prune removes exactly the file's 3 articles"
total=$((total + 2 - 3))
[[ "$(holds)" == "$total" ]] || fail "after prune: $total documents"
for j in 1 2 3; do
  [[ "$(count "$(word 17 "$j")")" == 0 ]] || fail "pruned article 17/$j is gone"
done
[[ "$(count "$(word 1001 2)")" == 1 ]] || fail "the new file's articles are found"
# Without --prune a vanished file's articles stay (the rerun says nothing about it).
rm "$(path_of 20)"  # 20 % 3 + 1 = 3 articles
idx "$corpus"
[[ "$(holds)" == "$total" ]] || fail "without --prune, articles of a vanished file stay"
# --prune with no input: every recorded file that is gone.
run newsdex-index --db "$db" --prune
expect_status 0 "--prune alone"
expect_err "removed 3;" "--prune alone removes the vanished file's 3 articles"
total=$((total - 3))
[[ "$(holds)" == "$total" ]] || fail "after --prune alone: $total documents"

# --delete by id; the article does not come back on a rerun while its file is unchanged.
del_word="$(word 23 1)"
run newsdex-index --db "$db" --delete d1/f23.txt
expect_status 0 "--delete an existing id"
expect_err "removed 1;" "--delete removes one article"
total=$((total - 1))
[[ "$(holds)" == "$total" ]] || fail "after --delete: $total documents"
[[ "$(count "$del_word")" == 0 ]] || fail "the deleted article is not found"
idx "$corpus"
[[ "$(holds)" == "$total" ]] || fail "a deleted article stays deleted while its file is unchanged"
expect_err "updated 0 \(0 files\)" "the deletion keeps the file's record current"
run newsdex-index --db "$db" --delete d1/f23.txt#2 no/such/id
expect_status 1 "--delete with an unknown id"
expect_err "no article with id 'no/such/id'" "an unknown id is reported"
expect_err "removed 1;" "the known id is still deleted"
total=$((total - 1))

# Stdin has no record: read every time (the same id replaces, so the count grows once).
printf 'date 2025-06-01 Piped\nid: piped-1\nPiped body text.\n' >"$TMP/piped.txt"
for _ in 1 2; do
  run newsdex-index --db "$db" --no-entities - <"$TMP/piped.txt"
  expect_err "read 1 articles: 1 indexed, 0 skipped; unchanged 0 \(0 files\), added 1" "stdin is always read"
done
total=$((total + 1))
[[ "$(holds)" == "$total" ]] || fail "stdin article counted once: $total documents"

# kill -9 during an incremental rerun that rewrites 600 files (several commits): the database
# opens, and the next run finishes the job exactly.
for ((n = 100; n < 700; n++)); do
  [[ -f "$(path_of "$n")" ]] && write_file "$n" $(((n % 3) + 1)) killword
done
expected=0
for ((n = 100; n < 700; n++)); do [[ -f "$(path_of "$n")" ]] && expected=$((expected + (n % 3) + 1)); done
"$BIN/newsdex-index" --db "$db" --no-entities --batch-size 50 -q "$corpus" 2>/dev/null &
pid=$!
sleep 0.3
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
run newsdex-search --db "$db" --count killword
[[ "$status" == 0 || "$status" == 1 ]] || fail "the database opens after kill -9 in a rerun"
[[ "$out" -le "$expected" ]] || fail "no article doubled after the kill ($out > $expected)"
[[ "$out" -lt "$expected" ]] || echo "note: the rerun finished before the kill; the test proved less" >&2
idx "$corpus"
expect_status 0 "rerun after the kill"
[[ "$(holds)" == "$total" ]] || fail "after the kill and a rerun: $total documents"
[[ "$(count killword)" == "$expected" ]] || fail "after the kill and a rerun: $expected articles with the new text"
idx "$corpus"
expect_err "read 0 articles" "then everything is recorded as unchanged"
finish
