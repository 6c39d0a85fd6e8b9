# Checks shared by the answers-in-numbers tests (sample corpus and Reuters): counts, facets and
# timelines against what the hits themselves say, in articles (--all-copies: every copy of a
# story is a hit and counts; tests/cli/shared_duplicates.sh checks the counts of stories). Source
# after lib.bash.

# check_numbers DB QUERY: --count equals the hits listed with a large --limit; every timeline
# sums to that count; every facet value's count equals the number of matching articles that
# carry the value, counted from the hits' own data (not the facet slots); and the filtered
# query for a country, year, month, source or lang value counts the same.
check_numbers() {
  local db="$1" q="$2" hits count listed facets field
  run newsdex-search --db "$db" --all-copies --json --limit 1000000 "$q"
  hits="$out"
  listed=$(jq -s 'map(select(.type=="hit")) | length' <<<"$hits")
  run newsdex-search --db "$db" --all-copies --count "$q"
  count="$out"
  [[ "$count" == "$listed" ]] || fail "$q: --count says $count, --limit 1000000 lists $listed hits"
  for period in day week month year; do
    run newsdex-search --db "$db" --all-copies --json --limit 0 --timeline "$period" "$q"
    local sum
    sum=$(jq -s 'map(select(.type=="timeline"))[0].buckets | map(.count) | add // 0' <<<"$out")
    [[ "$sum" == "$count" ]] || fail "$q: --timeline $period sums to $sum, not $count"
    jq -se 'map(select(.type=="summary"))[0].matches' <<<"$out" | grep -qx "$count" ||
      fail "$q: summary of --timeline $period does not carry matches $count"
  done

  run newsdex-search --db "$db" --all-copies --json --limit 0 --facet-limit 0 \
    --facets actor,place,country,source,lang,year,month "$q"
  facets="$out"
  # From the hits: {value: number of hits that have it}, each hit counted once per value.
  local -A from_hits=(
    [actor]='map(.actors | map(.id) | unique[])'
    [place]='map(.places | map(.id) | unique[])'
    [country]='map(.places | map(.country // empty) | unique[])'
    [source]='map(.source | ascii_downcase | select(. != ""))'
    [lang]='map(.lang | ascii_downcase | select(. != ""))'
    [year]='map(.date[0:4])'
    [month]='map(.date[0:7])'
  )
  for field in actor place country source lang year month; do
    local expected got
    expected=$(jq -sS "map(select(.type==\"hit\")) | ${from_hits[$field]} |
                       group_by(.) | map({key: .[0], value: length}) | from_entries" <<<"$hits")
    got=$(jq -sS --arg f "$field" 'map(select(.type=="facet" and .field==$f))[0].values |
                                   map({key: .id, value: .count}) | from_entries' <<<"$facets")
    [[ "$expected" == "$got" ]] ||
      fail "$q: facet $field differs from the hits: hits say $(tr -d ' \n' <<<"$expected" | head -c 300), facet says $(tr -d ' \n' <<<"$got" | head -c 300)"
  done
  # Filtered queries agree with the facets (up to 5 values of each field).
  local filter value n
  while IFS=$'\t' read -r field value n; do
    case "$field" in
      country) filter="country:$value" ;;
      year | month) filter="date:$value" ;;
      source) filter="source:\"$value\"" ;;
      lang) filter="lang:$value" ;;
    esac
    run newsdex-search --db "$db" --all-copies --count "($q) $filter"
    [[ "$out" == "$n" ]] || fail "$q: facet $field=$value counts $n, query '($q) $filter' counts $out"
  done < <(jq -r 'select(.type=="facet" and (.field|IN("country","year","month","source","lang")))
                  | .field as $f | .values[:5][] | [$f, .id, .count] | @tsv' <<<"$facets")
}
