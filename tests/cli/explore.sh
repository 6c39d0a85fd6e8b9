# Exploring a story on the sample corpus (issue 11): --related and --network, their output
# formats, and bad input (unknown kinds and formats, unwritable --output).
source "$(dirname "$0")/lib.bash"
db="$TMP/sample.db"
run newsdex-index --db "$db" "$SRC/corpus/sample"
expect_status 0 "indexing corpus/sample with entities"

# --- bad input: exit 2 naming the valid values ---
run newsdex-search --db "$db" --related country lavrov
expect_status 2 "--related country"
expect_err "actor and place" "--related country names the valid kinds"
run newsdex-search --db "$db" --network people lavrov
expect_status 2 "--network people"
expect_err "actor, place and both" "--network people names the valid kinds"
run newsdex-search --db "$db" --network actor --format gexf lavrov
expect_status 2 "--network --format gexf"
expect_err "graphml and json" "an unknown network format names the valid ones"
run newsdex-search --db "$db" --network actor --format csv lavrov
expect_status 2 "--network --format csv"
expect_err "graphml" "--network with csv says which formats it writes"
run newsdex-search --db "$db" --format graphml lavrov
expect_status 2 "--format graphml without --network"
expect_err "network" "--format graphml alone says it needs --network"
run newsdex-search --db "$db" --related actor --format graphml lavrov
expect_status 2 "--related --format graphml"
expect_err "text, json or csv" "--related names its formats"
run newsdex-search --db "$db" --min-weight 2 lavrov
expect_status 2 "--min-weight without --network"
run newsdex-search --db "$db" --related actor --network actor lavrov
expect_status 2 "--related with --network"
[[ -z "$out" ]] || fail "bad options print nothing on stdout"

# --- unwritable --output: exit 2, no file, no temporary file ---
run newsdex-search --db "$db" --network actor --output "$TMP/missing/net.graphml" lavrov
expect_status 2 "--output in a missing directory"
expect_err "cannot write network" "the error names what could not be written"
[[ ! -e "$TMP/missing" ]] || fail "--output created the missing directory"
mkdir "$TMP/adir"
run newsdex-search --db "$db" --network actor --output "$TMP/adir" lavrov
expect_status 2 "--output naming a directory"
[[ -z "$(ls -A "$TMP/adir")" ]] || fail "--output onto a directory left files in it"
if [[ $(id -u) != 0 ]]; then
  mkdir "$TMP/ro" && chmod 555 "$TMP/ro"
  run newsdex-search --db "$db" --network actor --output "$TMP/ro/net.graphml" lavrov
  expect_status 2 "--output in a read-only directory"
  [[ -z "$(ls -A "$TMP/ro")" ]] || fail "a read-only directory got a file"
fi

# --- related: the Russian foreign minister's circle in text, JSON and CSV ---
run newsdex-search --db "$db" --related actor 'actor:lavrov'
expect_status 0 "--related actor"
expect_out "JLH" "the text names the score"
expect_out "matching stories" "the text says what it counts"
# The actor asked for is not its own related actor; the others of its articles are.
search_json "$db" --related actor --min-count 1 'actor:lavrov'
names=$(jq -r 'select(.type=="related").entities[].name' <<<"$out")
[[ -n "$names" ]] || fail "actor:lavrov has related actors"
grep -qi lavrov <<<"$names" && fail "actor:lavrov lists Lavrov as related to himself: $(tr '\n' ';' <<<"$names")"
search_json "$db" --related place 'actor:lavrov'
expect_status 0 "--related place --json"
jq -e 'select(.type=="related") | .kind=="place" and .score=="jlh" and .fg_size==3 and
       .counts=="stories" and
       (.entities | length > 0) and
       (.entities | all(.fg_count >= 1 and .bg_count >= .fg_count and .score > 0 and
                        .fg_size == 3 and (.query | startswith("place:"))))' <<<"$out" >/dev/null ||
  fail "--related --json: one related object with counts and scores"
# Each entity's counts are what --count gives for its query, within the matches and in all.
while IFS=$'\t' read -r q fg bg; do
  run newsdex-search --db "$db" --count "actor:lavrov $q"
  [[ "$out" == "$fg" ]] || fail "fg_count of $q is $fg, --count says $out"
  run newsdex-search --db "$db" --count "$q"
  [[ "$out" == "$bg" ]] || fail "bg_count of $q is $bg, --count says $out"
done < <(jq -r 'select(.type=="related").entities[] | [.query, .fg_count, .bg_count] | @tsv' \
           <<<"$("$BIN/newsdex-search" --db "$db" --json --related place 'actor:lavrov')")
run newsdex-search --db "$db" --related place --format csv 'actor:lavrov'
expect_status 0 "--related --format csv"
[[ "$(head -1 <<<"$out" | tr -d '\r')" == "rank,kind,id,name,country,fg_count,fg_size,bg_count,bg_size,score,counts" ]] ||
  fail "--related CSV header"
run newsdex-search --db "$db" --related actor zzzznothing
expect_status 1 "--related with no match exits 1"

# --- network: GraphML that networkx reads, counts equal to --count ---
q='date:2025'
run newsdex-search --db "$db" --network both --min-weight 2 --output "$TMP/net.graphml" "$q"
expect_status 0 "--network both --output"
[[ -z "$out" ]] || fail "--output leaves stdout empty"
[[ -z "$(ls -A "$TMP" | grep '\.tmp-')" ]] || fail "a temporary file was left"
xmllint --noout "$TMP/net.graphml" 2>"$TMP/xmlerr" || fail "GraphML is not well-formed XML: $(cat "$TMP/xmlerr")"
python3 "$SRC/tests/cli/graphml_read.py" "$TMP/net.graphml" >"$TMP/graph.tsv" 2>"$TMP/reader" ||
  fail "reading the GraphML: $(cat "$TMP/reader")"
nodes=$(grep -c '^node' "$TMP/graph.tsv")
edges=$(grep -c '^edge' "$TMP/graph.tsv")
((nodes >= 5 && edges >= 2)) || fail "the network of $q has $nodes nodes and $edges edges"
# One batch of --count queries: each node and each edge, in file order.
: >"$TMP/queries"
: >"$TMP/expected"
while IFS=$'\t' read -r what a b c; do
  if [[ "$what" == node ]]; then
    printf '%s %s\n' "$q" "$a" >>"$TMP/queries"
    echo "$b" >>"$TMP/expected"
  else
    ((c >= 2)) || fail "edge $a $b weighs $c, under --min-weight 2"
    printf '%s %s %s\n' "$q" "$a" "$b" >>"$TMP/queries"
    echo "$c" >>"$TMP/expected"
  fi
done <"$TMP/graph.tsv"
run newsdex-search --db "$db" --count --format csv --fields count --queries "$TMP/queries"
diff <(tail -n +2 <<<"$out" | tr -d '\r') "$TMP/expected" >"$TMP/diff" ||
  fail "node counts and edge weights differ from --count: $(head -5 "$TMP/diff")"

# JSON: one object; the same graph.
run newsdex-search --db "$db" --network both --min-weight 2 --format json "$q"
expect_status 0 "--network --format json"
jq -e --argjson n "$nodes" --argjson e "$edges" \
  '.type=="network" and (.nodes|length)==$n and (.edges|length)==$e and
   (.edges | all(.weight >= 2 and .source < .target))' <<<"$out" >/dev/null ||
  fail "JSON network has the GraphML's $nodes nodes and $edges edges"
# --max-nodes cuts the network and says so.
run newsdex-search --db "$db" --network actor --max-nodes 2 --format json "$q"
expect_status 0 "--max-nodes 2"
jq -e '.truncated and (.nodes|length)==2 and .candidates > 2' <<<"$out" >/dev/null ||
  fail "--max-nodes 2 keeps two nodes and flags the cut"
expect_err "keeps the 2" "the cut is reported on stderr"
finish
