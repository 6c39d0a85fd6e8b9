# Searching a database while newsdex-index writes it: the loop of tests/cli/search_while_indexing.sh
# (small, in CI) and bench/search-while-indexing (full size). Source it; needs $BIN (the
# directory holding newsdex-index and newsdex-search) and $TMP (scratch space).

# Exit statuses of the searches so far: 0 hits, 1 none, 2 error, other (a crash, a signal, a
# sanitizer's report). The stderr of the first few failures is printed.
live_hits=0 live_none=0 live_errors=0 live_other=0
live_shown=0

# live_index DB ARGS...: starts newsdex-index --db DB --batch-size 100 ARGS... in the background
# (a commit every 100 articles, each one overwriting what readers have open); its pid is
# $live_indexer, its stderr $TMP/index.err.
live_index() {
  local db=$1
  shift
  "$BIN/newsdex-index" --db "$db" --batch-size 100 "$@" 2>"$TMP/index.err" &
  live_indexer=$!
}

# live_indexing: true while the indexer started last is still running.
live_indexing() { kill -0 "$live_indexer" 2>/dev/null; }

# live_search ARGS...: runs newsdex-search ARGS... once (stdout discarded) and counts its status.
live_search() {
  local st=0
  "$BIN/newsdex-search" "$@" >/dev/null 2>"$TMP/search.err" || st=$?
  case $st in
    0) live_hits=$((live_hits + 1)) ;;
    1) live_none=$((live_none + 1)) ;;
    *)
      if ((st == 2)); then live_errors=$((live_errors + 1)); else live_other=$((live_other + 1)); fi
      if ((live_shown < 5)); then
        live_shown=$((live_shown + 1))
        echo "newsdex-search $* exited $st:" >&2
        head -5 "$TMP/search.err" >&2
      fi
      ;;
  esac
}

# live_failed: the number of searches that did not answer (exit 2 or worse).
live_failed() { echo $((live_errors + live_other)); }
