# Answers in numbers on real data: the seed article with the sample corpus, and Reuters-21578
# with entities (counts, facets and timelines agree with the hits and with filtered queries).
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/answers_lib.bash"
need_shared

# Who appears with Kim Jong Un, and where.
db="$TMP/seed.db"
run newsdex-index --db "$db" "$SRC/corpus/sample" "$SHARED/seeds/seed-article.txt"
expect_status 0 "indexing the sample and the seed"
run newsdex-search --db "$db" --all-copies --json --limit 0 --facets actor,place 'actor:"Kim Jong Un"'
expect_status 0 "actor:\"Kim Jong Un\" --facets actor,place"
jq -se 'map(select(.type=="facet" and .field=="actor"))[0].values | map(.name) | index("Sergey Lavrov") != null' \
  <<<"$out" >/dev/null || fail "the actor facet lists Sergey Lavrov"
jq -se 'map(select(.type=="facet" and .field=="place"))[0].values | map(select(.name=="Wonsan" and .country=="KP")) | length == 1' \
  <<<"$out" >/dev/null || fail "the place facet lists Wonsan (KP)"
run newsdex-search --db "$db" --all-copies --limit 0 --facets actor,place 'actor:"Kim Jong Un"'
expect_out '^Sergey Lavrov +1$' "text facet table: Sergey Lavrov"
expect_out '^Wonsan \(KP\) +1$' "text facet table: Wonsan (KP)"
check_numbers "$db" 'actor:"Kim Jong Un"'

# Reuters-21578 with entities, searched as two shards: facets and timelines over several
# databases equal those over one. Under a sanitizer (ten times slower) two files per shard.
first='[0-9]'
[[ -z "${NEWSDEX_SANITIZER:-}" ]] || first='[01]'
db="$TMP/reuters.db"
run newsdex-index --db "$db" --format reuters "$SHARED"/corpora/reuters21578/reut2-00$first.sgm
expect_status 1 "Reuters 000-009 (some stories have no body)"
db2="$TMP/reuters2.db"
run newsdex-index --db "$db2" --format reuters "$SHARED"/corpora/reuters21578/reut2-01$first.sgm
for q in 'oil' 'coffee' 'place:japan' 'actor:opec' 'oil date:1987-03-01..1987-03-15' 'country:GB'; do
  check_numbers "$db" "$q"
done
for q in 'oil' 'place:japan'; do
  one=$("$BIN/newsdex-search" --db "$db" --db "$db2" --all-copies --json --limit 0 --facet-limit 0 \
    --facets actor,country,month --timeline week "$q" | jq -cS 'select(.type!="summary")')
  run newsdex-search --db "$db" --all-copies --json --limit 0 --facet-limit 0 --facets actor,country,month \
    --timeline week "$q"
  a="$out"
  run newsdex-search --db "$db2" --all-copies --json --limit 0 --facet-limit 0 --facets actor,country,month \
    --timeline week "$q"
  b="$out"
  # Sum the two shards' counts per (facet, id) and per week, and compare with the combined run.
  summed=$(jq -cSs '
    [ .[] | select(.type=="facet") | .field as $f | .values[] | {k: "\($f)|\(.id)", c: .count} ]
    + [ .[] | select(.type=="timeline") | .buckets[] | select(.count > 0) | {k: "week|\(.period)", c: .count} ]
    | group_by(.k) | map({key: .[0].k, value: (map(.c) | add)}) | from_entries' <<<"$a"$'\n'"$b")
  combined=$(jq -cSs '
    [ .[] | select(.type=="facet") | .field as $f | .values[] | {k: "\($f)|\(.id)", c: .count} ]
    + [ .[] | select(.type=="timeline") | .buckets[] | select(.count > 0) | {k: "week|\(.period)", c: .count} ]
    | map({key: .k, value: .c}) | from_entries' <<<"$one")
  [[ "$summed" == "$combined" && "$summed" != "{}" ]] ||
    fail "$q: facets and timeline over two databases equal the sums of each"
done
finish
