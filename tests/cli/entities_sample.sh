# Entity search on the sample corpus: recurring actors, countries gathering their cities, ranking.
source "$(dirname "$0")/lib.bash"
db="$TMP/sample.db"
run newsdex-index --db "$db" "$SRC/corpus/sample"
expect_status 0 "indexing corpus/sample with entities"

run newsdex-search --db "$db" --json --sort date 'actor:lavrov'
dates=$(jq -r 'select(.type=="hit")|.date' <<<"$out" | tr '\n' ' ')
[[ "$dates" == "2025-05-12 2025-07-08 2025-09-02 " ]] || fail "actor:lavrov finds his three articles (got $dates)"

run newsdex-search --db "$db" --json --limit 50 'place:germany'
n=$(jq -r 'select(.type=="hit")|.id' <<<"$out" | sort -u | wc -l)
[[ "$n" -ge 5 ]] || fail "place:germany gathers articles naming German cities (got $n)"
run newsdex-search --db "$db" --json --limit 50 'country:DE'
m=$(jq -r 'select(.type=="hit")|.id' <<<"$out" | sort -u | wc -l)
[[ "$m" == "$n" ]] || fail "country:DE finds what place:germany finds ($m vs $n)"

# Ranking: with only an entity filter, the article naming the place most often comes first.
run newsdex-search --db "$db" --json --limit 50 'place:switzerland'
counts=$(jq -r 'select(.type=="hit") | [.places[] | select(.country=="CH") | .mentions] | add' <<<"$out")
first=$(head -1 <<<"$counts")
max=$(sort -n <<<"$counts" | tail -1)
[[ -n "$first" && "$first" == "$max" ]] || fail "place:switzerland ranks the most-mentioning article first ($counts)"

# Articles not in English (issue 10): places from localized names, found across scripts.
hits() { jq -r 'select(.type=="hit")|.date' <<<"$out" | sort | tr '\n' ' '; }
run newsdex-search --db "$db" --json --limit 50 'place:Kursk'
[[ "$(hits)" == "2025-05-22 2025-08-14 " ]] || fail "place:Kursk finds Курске (ru) and Kúrsk (es) (got $(hits))"
run newsdex-search --db "$db" --json --limit 50 'place:Shenzhen'
[[ "$(hits)" == "2025-06-18 " ]] || fail "place:Shenzhen finds 深圳 (zh) (got $(hits))"
run newsdex-search --db "$db" --json --limit 50 'place:Busan'
[[ "$(hits)" == *2025-09-17* && "$(hits)" == *2025-06-10* ]] || fail "place:Busan finds 부산 (ko) and Busan (en) (got $(hits))"
run newsdex-search --db "$db" --json --limit 50 'place:Москва'
[[ "$(hits)" == "2025-05-12 2025-05-22 " ]] || fail "place:Москва finds the English Moscow article and the ru one (got $(hits))"
run newsdex-search --db "$db" --json --limit 50 'place:深圳'
[[ "$(hits)" == "2025-06-18 " ]] || fail "place:深圳 finds the zh article (got $(hits))"
run newsdex-search --db "$db" --json --limit 50 'Place:上海 无人机'
[[ "$(hits)" == "2025-06-18 " ]] || fail "Place:上海 with a word finds the zh article (got $(hits))"
run newsdex-search --db "$db" --json --limit 50 'country:Россия'
[[ "$(hits)" == *2025-05-22* && "$(hits)" == *2025-05-12* ]] || fail "country:Россия is country:RU (got $(hits))"
# The Russian, Chinese and Korean articles have places; none of the German, Spanish or French
# articles has a common noun or article word as an actor.
for lang in ru zh ko; do
  run newsdex-search --db "$db" --json "lang:$lang"
  n=$(jq -r 'select(.type=="hit")|.places|length' <<<"$out")
  [[ "$n" -ge 3 ]] || fail "the $lang article has places (got ${n:-none})"
done
for lang in de es fr; do
  run newsdex-search --db "$db" --json "lang:$lang"
  actors=$(jq -r 'select(.type=="hit")|.actors[]|.name' <<<"$out")
  for noun in Familie Juni Finale Sieg Publikum Spiel Turniere Schweiz La España Ciudad; do
    grep -qx "$noun" <<<"$actors" && fail "$noun is an actor in the $lang article"
  done
done
run newsdex-search --db "$db" --json 'lang:de'
brenner=$(jq -r 'select(.type=="hit")|.actors[]|select(.name=="Lukas Brenner")|.type' <<<"$out")
[[ "$brenner" == person ]] || fail "Lukas Brenner is a person in the de article (got ${brenner:-nothing})"

# A user alias file merges variants under one canonical name; a malformed one is an error.
printf 'Lukas Brenner\tLuki\n' >"$TMP/aliases.tsv"
printf 'date 2025-10-01 Luki wins again\nLuki won the final in Basel.\n' >"$TMP/luki.txt"
run newsdex-index --db "$db" --aliases "$TMP/aliases.tsv" "$TMP/luki.txt"
expect_status 0 "indexing with --aliases"
run newsdex-search --db "$db" --json 'actor:"Lukas Brenner" date:2025-10'
expect_status 0 "the alias reaches the canonical actor"
printf 'only-one-column\n' >"$TMP/bad.tsv"
run newsdex-index --db "$db" --aliases "$TMP/bad.tsv" "$TMP/luki.txt"
expect_status 2 "malformed aliases file"
expect_err "bad.tsv:1: " "malformed aliases file points at path:line"
finish
