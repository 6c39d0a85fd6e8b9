# Shared helpers for the CLI tests: run a binary, capture stdout/stderr/status separately.
set -uo pipefail
BIN="${NEWSDEX_BIN:?set by CTest}"
SRC="${NEWSDEX_SOURCE_DIR:?set by CTest}"
SHARED="${NEWSDEX_SHARED_DIR:-$SRC/../shared}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
failures=0
export NO_COLOR=1

# run PROGRAM ARGS... : sets $status, $out (stdout), $err (stderr).
run() {
  local prog="$1"; shift
  "$BIN/$prog" "$@" >"$TMP/out" 2>"$TMP/err"
  status=$?
  out="$(cat "$TMP/out")"
  err="$(cat "$TMP/err")"
}

fail() {
  echo "FAIL: $*" >&2
  echo "  status: $status" >&2
  echo "  stdout: ${out:0:2000}" >&2
  echo "  stderr: ${err:0:2000}" >&2
  failures=$((failures + 1))
}

expect_status() {  # expect_status N description
  [[ "$status" == "$1" ]] || fail "$2: expected exit $1, got $status"
}

expect_out() {  # expect_out REGEX description
  grep -Eq -- "$1" <<<"$out" || fail "$2: stdout does not match /$1/"
}

expect_err() {  # expect_err REGEX description
  grep -Eq -- "$1" <<<"$err" || fail "$2: stderr does not match /$1/"
}

# search DB QUERY... : runs newsdex-search --json and checks every line is JSON with a "type".
search_json() {
  local db="$1"; shift
  run newsdex-search --db "$db" --json "$@"
  if [[ -n "$out" ]]; then
    jq -e 'has("type")' <<<"$out" >/dev/null 2>&1 || fail "search $*: a --json line is not JSON with a type"
  fi
}

need_shared() {
  if [[ ! -d "$SHARED/corpora" ]]; then
    echo "SKIPPED: ../shared is absent" >&2
    exit 77
  fi
}

# rss_meaningful WHAT: true, except under a sanitizer (scripts/sanitize sets NEWSDEX_SANITIZER),
# whose allocator sets the peak RSS (ASan's quarantine keeps freed memory, its shadow grows with
# it): then false, saying which check is skipped.
rss_meaningful() {
  [[ -z "${NEWSDEX_SANITIZER:-}" ]] && return 0
  echo "SKIPPED check: $1 (peak RSS means nothing under the $NEWSDEX_SANITIZER sanitizer)"
  return 1
}

finish() {
  if ((failures)); then
    echo "$failures check(s) failed" >&2
    exit 1
  fi
  echo "all checks passed"
  exit 0
}
