# Errors that say what is wrong (issue 9 row 11): a read-only database is not "locked", a
# directory that cannot be created says why, a full disk says "No space left on device".
source "$(dirname "$0")/lib.bash"
printf '{"date":"2025-07-01","title":"One","body":"Oil."}\n' >"$TMP/one.jsonl"
awk 'BEGIN { for (i = 0; i < 3000; i++)
  printf "{\"date\":\"2025-01-01\",\"title\":\"t%d\",\"body\":\"words %d and %d\"}\n", i, i, i * 7 }' \
  >"$TMP/many.jsonl"
run newsdex-index --db "$TMP/ro.db" --no-entities "$TMP/one.jsonl"
expect_status 0 "a database to make read-only"

# Permissions do not apply to root: run these as nobody when we are root, else as ourselves.
as_user() {
  if [[ $(id -u) == 0 ]]; then
    command -v setpriv >/dev/null || return 77
    setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
  else
    "$@"
  fi
}
chmod 755 "$TMP"
chmod -R a-w "$TMP/ro.db"
as_user "$BIN/newsdex-index" --db "$TMP/ro.db" --no-entities "$TMP/one.jsonl" >/dev/null 2>"$TMP/err"
status=$? err="$(cat "$TMP/err")" out=""
if [[ $status == 77 ]]; then
  echo "SKIPPED part: setpriv is missing" >&2
else
  expect_status 2 "writing to a read-only database"
  expect_err "cannot write to the database: Permission denied" "says permission is denied"
  [[ "$err" != *"locked by another writer"* ]] || fail "a read-only database is not 'locked'"
  mkdir -p "$TMP/closed" && chmod 555 "$TMP/closed"
  as_user "$BIN/newsdex-index" --db "$TMP/closed/new.db" --no-entities "$TMP/one.jsonl" \
    >/dev/null 2>"$TMP/err"
  status=$? err="$(cat "$TMP/err")"
  expect_status 2 "a new database in a directory that cannot be written"
  expect_err "closed/new.db.*Permission denied" "says why it cannot be created"
fi

# Too many threads (issue 9 row 3): --jobs 100000 runs (at most 256 are used); threads that
# cannot be started are an error, not an abort ("terminate called without an active exception").
run newsdex-index --db "$TMP/jobs.db" --no-entities --jobs 100000 "$TMP/many.jsonl"
expect_status 0 "--jobs 100000"
chmod 777 "$TMP"
as_user bash -c "ulimit -u 64 && exec '$BIN/newsdex-index' --db '$TMP/jobs2.db' --no-entities --jobs 200 '$TMP/many.jsonl'" \
  >/dev/null 2>"$TMP/err"
status=$? err="$(cat "$TMP/err")"
if [[ $status != 77 ]]; then
  expect_status 2 "--jobs 200 under ulimit -u 64"
  # A first load: 200 threads analyse and write (an update would start 199 analysing).
  expect_err "cannot start 200 indexing threads .*Resource temporarily unavailable" "says why"
  expect_err "hint: use a smaller --jobs" "and what to do"
fi

# Entities of another tagger model are not mixed into a database whose entities came from one
# (issue 9 row 15): the stored model id is changed here as an older model would have left it.
printf 'date 2025-07-01 Oil in Kuwait\nReagan met Gorbachev in Geneva.\n' >"$TMP/t1.txt"
printf 'date 2025-07-02 More oil\nKuwait and OPEC talks in Vienna.\n' >"$TMP/t2.txt"
run newsdex-index --db "$TMP/tagger.db" "$TMP/t1.txt"
expect_status 0 "indexing with entities"
[[ "$(xapian-metadata get "$TMP/tagger.db" newsdex:tagger)" =~ ^[0-9a-f]{16}$ ]] ||
  fail "the database records its tagger model"
run newsdex-index --db "$TMP/tagger.db" "$TMP/t2.txt"
expect_status 0 "the same model adds articles"
xapian-metadata set "$TMP/tagger.db" newsdex:tagger 0123456789abcdef
printf 'date 2025-07-03 Third\nOPEC met in Vienna.\n' >"$TMP/t3.txt"
run newsdex-index --db "$TMP/tagger.db" "$TMP/t3.txt"
expect_status 2 "adding entities from another model"
expect_err "recognised by tagger model 0123456789abcdef, this newsdex's model is [0-9a-f]{16}" "names both"
expect_err "hint: re-index into a new --db" "says how to re-index"
run newsdex-index --db "$TMP/tagger.db" --no-entities "$TMP/t3.txt"
expect_status 0 "--no-entities still adds articles"

# A full disk (a 2 MB tmpfs; mounting needs root, as in CI).
mkdir -p "$TMP/small"
if mount -t tmpfs -o size=2m tmpfs "$TMP/small" 2>/dev/null; then
  run newsdex-index --db "$TMP/small/full.db" --no-entities "$TMP/many.jsonl"
  umount "$TMP/small"
  expect_status 2 "indexing onto a full disk"
  expect_err "No space left on device" "says the disk is full"
else
  echo "SKIPPED part: cannot mount a small tmpfs (not root)" >&2
fi
finish
