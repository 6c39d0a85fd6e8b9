# Remote shards: two local shards and one behind xapian-tcpsrv (and one behind xapian-progsrv in a
# stub file) give the same hits, counts, timelines and single-valued facets as one merged database;
# actor/place/country facets over them are refused with a message saying why.
source "$(dirname "$0")/lib.bash"
if ! command -v xapian-tcpsrv >/dev/null || ! command -v xapian-progsrv >/dev/null; then
  echo "SKIPPED: xapian-tcpsrv or xapian-progsrv is not installed (Debian: xapian-tools)" >&2
  exit 77
fi

S="$SRC/corpus/sample"
# The same file arguments for the shards and the merged database, so article ids are equal.
run newsdex-index -q --db "$TMP/a.db" "$S"/2025-0[56]*.txt
expect_status 0 "index shard a (May, June)"
run newsdex-index -q --db "$TMP/b.db" "$S"/2025-0[78]*.txt
expect_status 0 "index shard b (July, August)"
run newsdex-index -q --db "$TMP/c.db" "$S"/2025-09*.txt
expect_status 0 "index shard c (September)"
run newsdex-index -q --db "$TMP/merged.db" "$S"/2025-*.txt
expect_status 0 "index the merged database"

# Whether something accepts connections on 127.0.0.1:$1.
accepting() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Serve c.db on a free loopback port: a port in use makes xapian-tcpsrv exit, so try a few.
SRV_PID=""
PORT=""
# xapian-tcpsrv signals its whole process group when it is stopped (to end the children serving
# connections), so it runs in a group of its own, and the trap stops that group, not this test.
stop_server() { [[ -n "$SRV_PID" ]] && kill -- "-$SRV_PID" 2>/dev/null; SRV_PID=""; }
trap 'stop_server; rm -rf "$TMP"' EXIT
for try in 1 2 3 4 5 6 7 8; do
  p=$((20000 + (RANDOM * 7 + try * 977) % 40000))
  accepting "$p" && continue
  setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$p" "$TMP/c.db" >"$TMP/srv.log" 2>&1 &
  SRV_PID=$!
  for _ in $(seq 50); do
    kill -0 "$SRV_PID" 2>/dev/null || break
    accepting "$p" && break
    sleep 0.1
  done
  sleep 0.2
  if kill -0 "$SRV_PID" 2>/dev/null && accepting "$p"; then
    PORT=$p
    break
  fi
  stop_server
done
if [[ -z "$PORT" ]]; then
  echo "FAIL: could not start xapian-tcpsrv on a loopback port: $(cat "$TMP/srv.log")" >&2
  exit 1
fi

REMOTE=(--db "$TMP/a.db" --db "$TMP/b.db" --db "tcp://127.0.0.1:$PORT")
MERGED=(--db "$TMP/merged.db")
# A stub file mixing a local shard (relative path), and xapian-progsrv started as a pipe (what
# "remote :ssh HOST xapian-progsrv DB" does over a network, without the ssh).
printf 'auto a.db\nauto %s\nremote :xapian-progsrv %s\n' "$TMP/b.db" "$TMP/c.db" >"$TMP/prog.stub"
STUB=(--db "$TMP/prog.stub")

# What a search prints, less the timing: every line of --json, elapsed_ms dropped, hits kept in
# order. For relevance, hits with the same score (boolean queries: all 0) come in docid order,
# which differs between shards and the merged database, so there ties are sorted by id.
answers() {  # answers FILE MODE DB-ARGS... -- SEARCH-ARGS...
  local file="$1" mode="$2"; shift 2
  local dbs=()
  while [[ "$1" != "--" ]]; do dbs+=("$1"); shift; done
  shift
  run newsdex-search "${dbs[@]}" --json "$@"
  : >"$file"
  [[ "$status" == 0 || "$status" == 1 ]] || { fail "search ${dbs[*]} $*: exit $status"; return; }
  local jq_hits='select(.type=="hit") | [.id, .date, (.score * 1e9 | round)]'
  if [[ "$mode" == ranked ]]; then
    jq -c "$jq_hits" <<<"$out" | jq -sc 'sort_by(-.[2], .[0])[]' >"$file"
  else
    jq -c "$jq_hits" <<<"$out" >"$file"
  fi
  jq -c 'select(.type!="hit") | del(.elapsed_ms)' <<<"$out" >>"$file"
}

# same MODE DESCRIPTION SEARCH-ARGS...: the remote shards, the progsrv stub and the merged
# database answer alike, and the answer is not empty.
same() {
  local mode="$1" what="$2"; shift 2
  local want got stub
  answers "$TMP/want" "$mode" "${MERGED[@]}" -- "$@"
  answers "$TMP/got" "$mode" "${REMOTE[@]}" -- "$@"
  answers "$TMP/stub" "$mode" "${STUB[@]}" -- "$@"
  want="$(cat "$TMP/want")" got="$(cat "$TMP/got")" stub="$(cat "$TMP/stub")"
  if [[ "$got" != "$want" ]]; then
    fail "$what: two local shards + tcp:// differ from the merged database"
    diff <(echo "$want") <(echo "$got") | head -20 >&2
  fi
  if [[ "$stub" != "$want" ]]; then
    fail "$what: a stub file with a progsrv remote line differs from the merged database"
    diff <(echo "$want") <(echo "$stub") | head -20 >&2
  fi
  grep -q '^\[\|"matches":[1-9]' <<<"$want" || fail "$what: the merged database found nothing"
}

same ranked "words" talks
same ranked "two words" 'shipping talks'
same ranked "a phrase" '"Kestrel Semiconductor"'
same ranked "OR" 'brenner OR lavrov' --limit 50
same ranked "actor:" 'actor:lavrov'
same ranked "place:" 'place:geneva'
same ranked "a date range (boolean, all scores 0)" 'date:2025-06..2025-08' --limit 50
same ranked "words in a date range" 'talks date:2025-07..2025-09' --limit 50
same ordered "--sort date" 'date:2025' --sort date --limit 50
same ordered "--sort -date" 'date:2025' --sort -date --limit 50
same ordered "--sort -date, words" talks --sort -date
same ordered "--offset across shards" 'date:2025' --sort date --offset 10 --limit 15
same ordered "--count" --count 'date:2025'
same ordered "--count, words" --count talks
# Over remote shards facets and timelines count articles (the stock servers' spies cannot tell a
# story's copies apart), as --all-copies does on the merged database.
same ordered "--timeline month" --limit 0 --all-copies --timeline month 'date:2025'
same ordered "--timeline week --normalize" --limit 0 --all-copies --timeline week --normalize 'talks date:2025-06..2025-09'
same ordered "--facets source,lang,year,month" --limit 0 --all-copies --facets source,lang,year,month 'date:2025'
same ordered "--facets and --timeline with hits" --all-copies --facets source,month --timeline day talks
run newsdex-search "${REMOTE[@]}" --json --limit 0 --facets source --timeline month 'date:2025'
[[ "$(jq -r 'select(.type=="facet" or .type=="timeline") | .counts' <<<"$out" | sort -u)" == articles ]] ||
  fail "remote facets and timelines say they count articles"

# The merged answer really covers all three shards (a shard left out would still agree with
# itself, not with 36).
run newsdex-search "${REMOTE[@]}" --json --count 'date:2025'
[[ "$(jq -r 'select(.type=="summary")|.matches' <<<"$out")" == 36 ]] ||
  fail "--count over the shards counts all 36 sample articles"

# List facets need newsdex's own match spy, which the stock servers cannot run.
for asked_refused in actor=actor place,source=place country,actor=country,actor; do
  facets="${asked_refused%%=*}" refused="${asked_refused#*=}"
  run newsdex-search "${REMOTE[@]}" --facets "$facets" talks
  expect_status 2 "--facets $facets over tcp://"
  expect_err "error: facets? $refused cannot be counted over remote shards \(tcp://127\.0\.0\.1:$PORT\)" \
    "--facets $facets: says which facet and which shard"
  expect_err "one value slot, .*Xapian's built-in spies" "--facets $facets: says why"
  expect_err "hint: counts, timelines and the source, lang, year and month facets work" \
    "--facets $facets: says what works"
done
run newsdex-search "${STUB[@]}" --limit 0 --facets source,place talks
expect_status 2 "--facets place through a stub file with a remote line"
expect_err "error: facet place cannot be counted over remote shards \(.*prog\.stub\)" \
  "--facets place through a stub: names the facet and the stub file"
# Local shards alone still count them.
run newsdex-search --db "$TMP/a.db" --db "$TMP/b.db" --facets actor,place,country talks
expect_status 0 "list facets over local shards"

# A port nothing listens on: a database error naming the address, with how to start a server.
closed=""
for p in 1 9 47 79; do accepting "$p" || { closed=$p; break; }; done
if [[ -n "$closed" ]]; then
  run newsdex-search --db "$TMP/a.db" --db "tcp://127.0.0.1:$closed" talks
  expect_status 2 "an unreachable tcp:// shard"
  expect_err "error: tcp://127\.0\.0\.1:$closed: cannot reach xapian-tcpsrv at 127\.0\.0\.1:$closed: .*refused" \
    "an unreachable shard: what and where"
  expect_err "hint: start it with: xapian-tcpsrv --port $closed --interface 127\.0\.0\.1 DB" \
    "an unreachable shard: the hint"
  [[ -z "$out" ]] || fail "an unreachable shard prints no hits"
fi
run newsdex-search --db "tcp://127.0.0.1" talks
expect_status 2 "a tcp:// address without a port"
expect_err "not a remote database address" "a tcp:// address without a port: says so"
printf 'remote 127.0.0.1:%s\n' "${closed:-1}" >"$TMP/dead.stub"
run newsdex-search --db "$TMP/dead.stub" talks
expect_status 2 "a stub file whose remote shard is unreachable"
expect_err "hint: is the xapian-tcpsrv or xapian-progsrv of each remote line in .*dead\.stub running" \
  "a stub file whose remote shard is unreachable: the hint"

finish
