// Places and actors of non-English articles from gazetteers, localized names and capitals.
#include "entities/localized_recognizer.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "entities/gazetteer.h"
#include "entities/language.h"
#include "entities/localized_names.h"
#include "entities/ner_tokenize.h"
#include "text/tokenizer.h"

namespace newsdex::entities {
namespace {

// Bodies are read in pieces of about this size (cut at a line break or space), so per-token
// state stays small for a huge one-paragraph article, as in the English recogniser.
constexpr std::size_t kPieceBytes = 64 * 1024;

using WordSet = std::unordered_set<std::string>;

WordSet folded_set(std::initializer_list<const char*> words) {
  WordSet set;
  for (const char* w : words) {
    std::string f = text::fold(w);
    if (!f.empty()) set.insert(std::move(f));
  }
  return set;
}

// Capitalised words that are not names: function words (capitalised at a sentence start),
// months, days, forms of address, for each language with actors. Folded.
const WordSet& stop_words(const std::string& lang) {
  static const std::map<std::string, WordSet> table = [] {
    std::map<std::string, WordSet> t;
    t["de"] = folded_set(
        {"der",      "die",      "das",    "den",      "dem",      "des",        "ein",
         "eine",     "einer",    "einem",  "einen",    "eines",    "und",        "oder",
         "aber",     "doch",     "mit",    "von",      "vom",      "zu",         "zum",
         "zur",      "im",       "in",     "ins",      "am",       "an",         "auf",
         "aus",      "bei",      "nach",   "vor",      "für",      "über",       "unter",
         "zwischen", "durch",    "gegen",  "ohne",     "um",       "seit",       "bis",
         "als",      "wie",      "wenn",   "weil",     "dass",     "ob",         "er",
         "sie",      "es",       "wir",    "ihr",      "ich",      "du",         "man",
         "sein",     "seine",    "ihre",   "ihm",      "ihn",      "dies",       "diese",
         "dieser",   "dieses",   "jede",   "jeder",    "alle",     "auch",       "noch",
         "nur",      "schon",    "so",     "dann",     "da",       "hier",       "dort",
         "nicht",    "kein",     "keine",  "mehr",     "sehr",     "heute",      "gestern",
         "morgen",   "laut",     "trotz",  "während",  "januar",   "februar",    "märz",
         "april",    "mai",      "juni",   "juli",     "august",   "september",  "oktober",
         "november", "dezember", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
         "samstag",  "sonntag",  "herr",   "frau",     "dr",       "prof",       "nun",
         "jetzt",    "anfang",   "ende",   "mitte",    "beim",     "wer",        "was",
         "wo",       "wann",     "warum"});
    t["fr"] = folded_set(
        {"le",       "la",    "les",       "l",       "un",       "une",      "des",    "du",
         "de",       "d",     "au",        "aux",     "et",       "ou",       "mais",   "donc",
         "car",      "ni",    "dans",      "sur",     "sous",     "pour",     "par",    "avec",
         "sans",     "chez",  "entre",     "vers",    "depuis",   "pendant",  "selon",  "il",
         "elle",     "ils",   "elles",     "on",      "nous",     "vous",     "je",     "ce",
         "cet",      "cette", "ces",       "son",     "sa",       "ses",      "leur",   "leurs",
         "qui",      "que",   "quand",     "si",      "tout",     "toute",    "toutes", "tous",
         "en",       "y",     "janvier",   "février", "mars",     "avril",    "mai",    "juin",
         "juillet",  "août",  "septembre", "octobre", "novembre", "décembre", "lundi",  "mardi",
         "mercredi", "jeudi", "vendredi",  "samedi",  "dimanche", "monsieur", "madame", "m",
         "mme",      "selon", "après",     "avant"});
    t["es"] = folded_set({"el",
                          "la",
                          "los",
                          "las",
                          "lo",
                          "un",
                          "una",
                          "unos",
                          "unas",
                          "del",
                          "de",
                          "al",
                          "a",
                          "y",
                          "e",
                          "o",
                          "u",
                          "pero",
                          "en",
                          "con",
                          "sin",
                          "por",
                          "para",
                          "desde",
                          "hasta",
                          "entre",
                          "sobre",
                          "tras",
                          "según",
                          "durante",
                          "ante",
                          "él",
                          "ella",
                          "ellos",
                          "ellas",
                          "nosotros",
                          "este",
                          "esta",
                          "estos",
                          "estas",
                          "ese",
                          "esa",
                          "su",
                          "sus",
                          "que",
                          "cuando",
                          "si",
                          "no",
                          "también",
                          "enero",
                          "febrero",
                          "marzo",
                          "abril",
                          "mayo",
                          "junio",
                          "julio",
                          "agosto",
                          "septiembre",
                          "octubre",
                          "noviembre",
                          "diciembre",
                          "lunes",
                          "martes",
                          "miércoles",
                          "jueves",
                          "viernes",
                          "sábado",
                          "domingo",
                          "señor",
                          "señora",
                          "sr",
                          "sra",
                          "don",
                          "doña",
                          "queremos",
                          "como",
                          "más",
                          "nacional",
                          "internacional",
                          "central",
                          "general"});
    t["it"] = folded_set({"il",       "lo",       "la",       "i",        "gli",       "le",
                          "un",       "uno",      "una",      "di",       "del",       "della",
                          "dei",      "delle",    "degli",    "a",        "al",        "alla",
                          "da",       "dal",      "in",       "nel",      "nella",     "con",
                          "su",       "sul",      "per",      "tra",      "fra",       "e",
                          "o",        "ma",       "che",      "non",      "lui",       "lei",
                          "questo",   "questa",   "gennaio",  "febbraio", "marzo",     "aprile",
                          "maggio",   "giugno",   "luglio",   "agosto",   "settembre", "ottobre",
                          "novembre", "dicembre", "lunedì",   "martedì",  "mercoledì", "giovedì",
                          "venerdì",  "sabato",   "domenica", "signor",   "signora"});
    t["pt"] = folded_set(
        {"o",       "a",     "os",     "as",     "um",       "uma",       "de",       "do",
         "da",      "dos",   "das",    "em",     "no",       "na",        "nos",      "nas",
         "ao",      "aos",   "com",    "sem",    "por",      "pelo",      "pela",     "para",
         "entre",   "sobre", "e",      "ou",     "mas",      "que",       "não",      "ele",
         "ela",     "eles",  "este",   "esta",   "janeiro",  "fevereiro", "março",    "abril",
         "maio",    "junho", "julho",  "agosto", "setembro", "outubro",   "novembro", "dezembro",
         "segunda", "terça", "quarta", "quinta", "sexta",    "sábado",    "domingo",  "senhor",
         "senhora"});
    t["nl"] = folded_set({"de",       "het",     "een",      "en",        "of",        "maar",
                          "van",      "in",      "op",       "te",        "voor",      "met",
                          "bij",      "naar",    "uit",      "aan",       "om",        "over",
                          "door",     "tot",     "hij",      "zij",       "ze",        "wij",
                          "dit",      "dat",     "deze",     "die",       "er",        "niet",
                          "ook",      "januari", "februari", "maart",     "april",     "mei",
                          "juni",     "juli",    "augustus", "september", "oktober",   "november",
                          "december", "maandag", "dinsdag",  "woensdag",  "donderdag", "vrijdag",
                          "zaterdag", "zondag"});
    t["ru"] = folded_set({"в",       "во",      "на",      "с",           "со",      "к",
                          "ко",      "по",      "о",       "об",          "от",      "до",
                          "из",      "за",      "для",     "при",         "без",     "и",
                          "а",       "но",      "или",     "что",         "как",     "он",
                          "она",     "они",     "мы",      "это",         "этот",    "эта",
                          "по",      "также",   "однако",  "января",      "февраля", "марта",
                          "апреля",  "мая",     "июня",    "июля",        "августа", "сентября",
                          "октября", "ноября",  "декабря", "понедельник", "вторник", "среда",
                          "четверг", "пятница", "суббота", "воскресенье", "жара",    "врачи"});
    return t;
  }();
  static const WordSet kNone;
  auto it = table.find(lang);
  return it == table.end() ? kNone : it->second;
}

// Given names common in European news that the US census lists (Gazetteer::is_first_name)
// lack. Folded.
const WordSet& extra_first_names() {
  static const WordSet set = folded_set(
      {"lukas",     "florian",  "jürgen",  "jörg",    "klaus",     "uwe",        "dieter",
       "wolfgang",  "günter",   "günther", "helmut",  "horst",     "manfred",    "olaf",
       "annalena",  "ursula",   "sigmar",  "heiko",   "katarzyna", "małgorzata", "agnieszka",
       "krzysztof", "piotr",    "tomasz",  "andrzej", "aino",      "gábor",      "lászló",
       "zoltán",    "françois", "jérôme",  "hélène",  "emmanuel",  "ségolène",   "matteo",
       "giuseppe",  "giorgia",  "sergio",  "pedro",   "joão",      "xosé",       "jordi",
       "iñigo",     "mariano",  "gonzalo", "rafael",  "jesús",     "ingrid",     "sven",
       "lars",      "henrik",   "bjørn",   "thierry", "jacques",   "yves",       "élodie",
       "aurélie",   "amélie",   "benoît",  "étienne"});
  return set;
}

// A lower-case word that joins the parts of a name ("Aeropuertos de Cuba", "Fête des
// Lumières", "Ludwig van Beethoven").
bool is_connector(std::string_view folded) {
  static const WordSet set = folded_set({"de", "del", "della", "di", "da", "do", "dos", "das",
                                         "des", "du", "van", "von", "der", "den", "y", "e"});
  return set.count(std::string(folded)) > 0;
}

// Words that make a name an event or a body rather than a person.
bool is_event_word(std::string_view folded) {
  static const WordSet set =
      folded_set({"cup", "open", "prize", "award", "festival", "games", "league", "liga", "trophy",
                  "memorial", "stiftung", "foundation", "fundación", "fondation", "airlines",
                  "airport", "aeropuerto", "aéroport", "flughafen"});
  return set.count(std::string(folded)) > 0;
}

// German capitalises every noun: without a given name, a run is an organisation only with one
// of these (or an acronym).
bool is_german_org_cue(std::string_view folded) {
  static const WordSet set = folded_set(
      {"ag",     "gmbh",        "se",     "kg",       "ev",       "verband",     "bank",
       "partei", "ministerium", "gruppe", "stiftung", "institut", "universitat", "konzern",
       "werke",  "airlines",    "bund",   "union",    "akademie", "gesellschaft"});
  if (set.count(std::string(folded))) return true;
  for (const char* suffix : {"verband", "ministerium", "bank", "partei", "konzern"}) {
    const std::size_t n = std::char_traits<char>::length(suffix);
    if (folded.size() > n && folded.compare(folded.size() - n, n, suffix) == 0) return true;
  }
  return false;
}

UChar32 first_code_point(std::string_view s, UScriptCode* script = nullptr) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0 && u_isalpha(c)) {
      if (script) {
        UErrorCode status = U_ZERO_ERROR;
        *script = uscript_getScript(c, &status);
      }
      return c;
    }
  }
  return -1;
}

bool is_all_caps_word(std::string_view word) {
  const auto* p = reinterpret_cast<const uint8_t*>(word.data());
  const auto n = static_cast<int32_t>(word.size());
  int letters = 0;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || !u_isalpha(c)) continue;
    if (!u_isupper(c)) return false;
    ++letters;
  }
  return letters >= 2;
}

// Russian surname endings (nominative and oblique): a run of capitalised Cyrillic words ending
// in one is a person ("Анны Белоусовой").
bool has_russian_surname_ending(std::string_view folded) {
  // Folded: й is и.
  for (const char* e : {"ов", "ова", "овои", "ову", "ева", "ев", "евои", "ин", "ина", "инои",
                        "скии", "ская", "ского", "скои", "цкии", "цкая", "енко"}) {
    const std::size_t n = std::char_traits<char>::length(e);
    if (folded.size() > n + 2 && folded.compare(folded.size() - n, n, e) == 0) return true;
  }
  return false;
}

// Korean particles and suffixes that may follow a place name in the same word: 부산에, 서울뿐,
// 부산시는. A name followed by anything else is part of another word.
bool korean_tail_ok(std::string_view tail) {
  if (tail.empty()) return true;
  static const char* const kStarts[] = {
      "은",   "는", "이", "가",   "을",   "를", "에", "의", "와", "과", "도", "로", "으로", "까지",
      "부터", "만", "뿐", "보다", "처럼", "시", "구", "군", "항", "역", "발", "행", "측"};
  for (const char* s : kStarts) {
    if (tail.rfind(s, 0) == 0) return true;
  }
  return false;
}

struct PlaceAcc {
  const Place* place = nullptr;
  int mentions = 0;
  std::size_t first = 0;
  std::vector<std::string> aliases;
};

struct ActorAcc {
  EntityType type = EntityType::person;
  std::string name;
  std::string folded;
  std::string last_word;  // folded surname of a person
  int mentions = 0;
  std::size_t first = 0;
  std::vector<std::string> aliases;
};

class Recognition {
 public:
  Recognition(const Gazetteer& g, const std::string& lang)
      : g_(g),
        lang_(lang),
        names_(LocalizedNames::get(g, lang)),
        stop_(stop_words(lang)),
        unspaced_(is_unspaced_language(lang)) {}

  void text(std::string_view text) {
    if (text.empty()) return;
    if (unspaced_) {
      characters(text, text::tokenize(text, /*with_punct=*/true));
      return;
    }
    for (const NerSentence& s : ner_tokenize(text)) sentence(text, s);
  }

  ArticleEntities result() {
    ArticleEntities out;
    std::vector<PlaceAcc*> places;
    for (auto& [p, acc] : places_) places.push_back(&acc);
    std::stable_sort(places.begin(), places.end(), [](const PlaceAcc* a, const PlaceAcc* b) {
      if (a->mentions != b->mentions) return a->mentions > b->mentions;
      return a->first < b->first;
    });
    for (PlaceAcc* acc : places) {
      Entity e;
      e.type = EntityType::place;
      e.id = acc->place->id;
      e.name = acc->place->name;
      e.country = acc->place->country;
      if (acc->place->kind == Place::Kind::city) e.region = acc->place->region;
      e.mentions = acc->mentions;
      const std::string canonical = text::fold_phrase(e.name);
      std::unordered_set<std::string> seen{canonical};
      for (const std::string& alias : acc->aliases) {
        if (seen.insert(text::fold_phrase(alias)).second) e.aliases.push_back(alias);
      }
      out.places.push_back(std::move(e));
    }
    std::vector<ActorAcc*> actors;
    for (ActorAcc& a : actors_) actors.push_back(&a);
    std::stable_sort(actors.begin(), actors.end(), [](const ActorAcc* a, const ActorAcc* b) {
      if (a->mentions != b->mentions) return a->mentions > b->mentions;
      return a->first < b->first;
    });
    for (ActorAcc* a : actors) {
      Entity e;
      e.type = a->type;
      e.name = a->name;
      e.id = a->folded;
      e.mentions = a->mentions;
      std::unordered_set<std::string> seen{a->folded};
      for (const std::string& alias : a->aliases) {
        if (seen.insert(text::fold_phrase(alias)).second) e.aliases.push_back(alias);
      }
      out.actors.push_back(std::move(e));
    }
    return out;
  }

 private:
  void add_place(const Place* place, std::string_view surface) {
    PlaceAcc& acc = places_[place];
    if (acc.mentions == 0) {
      acc.place = place;
      acc.first = order_;
      // The name in this language as the catalog writes it ("Москва" for "Москве").
      if (const std::string& local = names_.name_of(place); !local.empty()) {
        acc.aliases.push_back(local);
      }
    }
    ++order_;
    ++acc.mentions;
    std::string s(surface);
    if (std::find(acc.aliases.begin(), acc.aliases.end(), s) == acc.aliases.end()) {
      acc.aliases.push_back(std::move(s));
    }
  }

  ActorAcc& actor(EntityType type, const std::string& surface) {
    const std::string folded = text::fold_phrase(surface);
    if (auto it = actor_index_.find(folded); it != actor_index_.end()) return actors_[it->second];
    actor_index_.emplace(folded, actors_.size());
    ActorAcc a;
    a.type = type;
    a.name = surface;
    a.folded = folded;
    a.first = order_;
    if (type == EntityType::person) {
      a.last_word = folded.substr(folded.rfind(' ') + 1);
      by_surname_.emplace(a.last_word, actors_.size());
    }
    actors_.push_back(std::move(a));
    return actors_.back();
  }

  bool stop(const std::string& folded) const {
    return stop_.count(folded) > 0 || g_.is_stop_entity(folded);
  }

  bool first_name(const std::string& folded) const {
    return g_.is_first_name(folded) || extra_first_names().count(folded) > 0;
  }

  // The place named by `folded` (a word sequence): localized names exactly, then (Latin
  // script) the gazetteer's own names, then localized names stem by stem. `single`: one word.
  // `located`: after a word such as "in"; `named_on`: a capitalised name word follows ("Davis"
  // of "Davis Cup").
  const Place* lookup(const std::string& folded, bool latin, bool single, bool located,
                      bool named_on) const {
    if (const auto& v = names_.places(folded); !v.empty()) {
      if (!(latin && single && named_on && v.front()->kind == Place::Kind::city)) return v.front();
      return nullptr;
    }
    if (latin) {
      const auto& v = g_.places(folded);
      if (!v.empty()) {
        const Place* p = v.front();
        const bool town = single && p->kind != Place::Kind::country;
        // German capitalises nouns, some of which are also towns somewhere (Essen, Halle, Ende):
        // a city known only by its English-gazetteer name needs a place-like context there.
        const bool noun_risk = lang_ == "de" && !located && p->population < 100000;
        if (!(town && (named_on || noun_risk))) return p;
      }
      // German genitive: Zürichs, Münchens.
      if (lang_ == "de" && folded.size() > 4 && folded.back() == 's') {
        const std::string base = folded.substr(0, folded.size() - 1);
        if (const auto& w = names_.places(base); !w.empty()) return w.front();
      }
      // Latin-script names barely inflect, and stems of names meet common words there
      // (Sieg -> Siegen, Hélène -> Helena): no stem matching.
      return nullptr;
    }
    // Cyrillic and other inflecting scripts: stem by stem (Курске -> Курск), a stem of at least
    // four letters (Анны is not Ана).
    const std::string key = names_.stem_key(folded);
    std::size_t letters = 0;
    for (unsigned char c : key) letters += (c & 0xC0) != 0x80 && c != ' ';
    if (letters < 4) return nullptr;
    if (const auto& v = names_.stemmed(key); !v.empty()) return v.front();
    return nullptr;
  }

  void sentence(std::string_view text, const NerSentence& s) {
    const std::size_t n = s.size();
    std::vector<std::string> folded(n);
    std::vector<bool> caps(n, false), covered(n, false);
    std::vector<UScriptCode> script(n, USCRIPT_COMMON);
    for (std::size_t i = 0; i < n; ++i) {
      if (!s[i].is_word) continue;
      folded[i] = fold_name(s[i].text);
      UScriptCode sc = USCRIPT_COMMON;
      const UChar32 c = first_code_point(s[i].text, &sc);
      script[i] = sc;
      caps[i] = c >= 0 && (u_isupper(c) || u_istitle(c));
    }
    const std::size_t max_words =
        std::min<std::size_t>(4, std::max(names_.max_words(), g_.max_name_words()));
    // Places: the longest known name starting at a capitalised word.
    for (std::size_t i = 0; i < n; ++i) {
      if (!s[i].is_word || !caps[i] || folded[i].empty()) continue;
      const bool latin = script[i] == USCRIPT_LATIN;
      for (std::size_t len = std::min(max_words, n - i); len >= 1; --len) {
        const std::size_t e = i + len;
        if (!s[e - 1].is_word) continue;
        if (len == 1 && stop(folded[i])) break;
        std::string phrase =
            len == 1 ? folded[i] : fold_name(text.substr(s[i].begin, s[e - 1].end - s[i].begin));
        if (phrase.empty()) continue;
        const bool located = i > 0 && s[i - 1].is_word && is_locative(folded[i - 1]);
        const bool named_on = e < n && s[e].is_word && caps[e] && !stop(folded[e]);
        const Place* p = lookup(phrase, latin, len == 1, located, named_on);
        // After a given name, a one-word town is a surname ("Giuseppe Sala" is not Šaľa).
        if (p != nullptr && latin && len == 1 && p->kind != Place::Kind::country && i > 0 &&
            s[i - 1].is_word && caps[i - 1] && first_name(folded[i - 1])) {
          p = nullptr;
        }
        if (p != nullptr) {
          add_place(p, text.substr(s[i].begin, s[e - 1].end - s[i].begin));
          for (std::size_t k = i; k < e; ++k) covered[k] = true;
          i = e - 1;
          break;
        }
      }
    }
    if (n == 0) return;
    UScriptCode sc = USCRIPT_COMMON;
    for (std::size_t i = 0; i < n && sc == USCRIPT_COMMON; ++i) sc = script[i];
    const bool latin = sc == USCRIPT_LATIN, cyrillic = sc == USCRIPT_CYRILLIC;
    if (!latin && !cyrillic) return;
    // Actors: runs of capitalised words.
    auto name_word = [&](std::size_t k) {
      return k < n && s[k].is_word && caps[k] && !covered[k] && !folded[k].empty() &&
             !stop(folded[k]) && script[k] == sc;
    };
    std::vector<bool> in_run(n, false);
    for (std::size_t i = 0; i < n; ++i) {
      if (!name_word(i)) continue;
      std::vector<std::size_t> run{i};
      std::size_t j = i + 1;
      while (j < n) {
        if (name_word(j)) {
          run.push_back(j++);
        } else if (latin && s[j].is_word && !caps[j] && is_connector(folded[j]) &&
                   name_word(j + 1)) {
          run.push_back(j);
          run.push_back(j + 1);
          j += 2;
        } else {
          break;
        }
      }
      if (run.size() > 1) {
        for (std::size_t k : run) in_run[k] = true;
      }
      i = j - 1;
      name_run(text, s, folded, caps, covered, run, latin);
    }
    // A surname alone joins the person of the article ("Brenner" after "Lukas Brenner").
    for (std::size_t i = 0; i < n; ++i) {
      if (in_run[i] || !name_word(i)) continue;
      if (auto it = by_surname_.find(folded[i]); it != by_surname_.end()) {
        ++actors_[it->second].mentions;
        ++order_;
      }
    }
  }

  // An actor from the capitalised run `run` (token indexes, connectors included), if any.
  void name_run(std::string_view text, const NerSentence& s, const std::vector<std::string>& folded,
                const std::vector<bool>& caps, const std::vector<bool>& covered,
                const std::vector<std::size_t>& run, bool latin) {
    auto surface = [&](std::size_t b, std::size_t e) {  // run[b] .. run[e - 1]
      return std::string(text.substr(s[run[b]].begin, s[run[e - 1]].end - s[run[b]].begin));
    };
    if (latin) {
      // Events and bodies named after a person are not that person ("Davis Cup").
      bool event = false;
      for (std::size_t k : run) event = event || is_event_word(folded[k]);
      // A person: a given name and up to two more capitalised words (connectors between).
      for (std::size_t k = 0; !event && k + 1 < run.size(); ++k) {
        if (!caps[run[k]] || !first_name(folded[run[k]])) continue;
        std::size_t e = k + 1, words = 1;
        while (e < run.size() && words < 3) {
          if (caps[run[e]]) {
            ++words;
            ++e;
          } else if (e + 1 < run.size() && words < 3) {
            e += 2;
            ++words;
          } else {
            break;
          }
        }
        if (words < 2) return;
        ActorAcc& a = actor(EntityType::person, surface(k, e));
        ++a.mentions;
        ++order_;
        return;
      }
      std::size_t capitals = 0;
      bool cue = false;
      for (std::size_t k : run) {
        if (!caps[k]) continue;
        ++capitals;
        cue = cue || is_all_caps_word(s[k].text) || is_german_org_cue(folded[k]);
      }
      if (capitals < 2) return;
      if (lang_ == "de" && !cue) return;
      // "Aeropuertos de Cuba": an organisation named after a place takes the place in its name.
      std::size_t end = run.back() + 1;
      if (end + 1 < s.size() && is_connector(folded[end]) && covered[end + 1] && !caps[end]) {
        std::size_t last = end + 1;
        while (last + 1 < s.size() && covered[last + 1]) ++last;
        ActorAcc& a =
            actor(EntityType::organisation,
                  std::string(text.substr(s[run[0]].begin, s[last].end - s[run[0]].begin)));
        ++a.mentions;
        ++order_;
        return;
      }
      ActorAcc& a = actor(EntityType::organisation, surface(0, run.size()));
      ++a.mentions;
      ++order_;
      return;
    }
    // Cyrillic: a capitalised word and a surname (by its ending) after it: a person.
    if (run.size() < 2) return;
    if (!has_russian_surname_ending(folded[run.back()])) return;
    ActorAcc& a = actor(EntityType::person, surface(run.size() - 2, run.size()));
    ++a.mentions;
    ++order_;
  }

  bool is_locative(const std::string& folded_word) const {
    static const WordSet set =
        folded_set({"in", "aus", "nach", "von", "bei", "bis", "nahe", "zwischen", "und", "sowie",
                    "im", "nördlich", "südlich", "östlich", "westlich"});
    return set.count(folded_word) > 0;
  }

  // Chinese and Japanese: the longest localized name at each word boundary that also ends at
  // one (ICU's dictionary segmentation: 北京 in 北京大学 is a word, 京大 is not). Korean: a
  // name at the start of a word, followed by nothing or a particle (부산에).
  void characters(std::string_view text, const std::vector<text::Token>& tokens) {
    std::vector<bool> starts(text.size() + 1, false), ends(text.size() + 1, false);
    for (const text::Token& t : tokens) {
      starts[t.begin] = true;
      ends[t.end] = true;
    }
    const std::size_t max = names_.max_raw_bytes();
    for (std::size_t i = 0; i < text.size();) {
      if (!starts[i]) {
        ++i;
        continue;
      }
      std::size_t matched = 0;
      for (std::size_t len = std::min(max, text.size() - i); len >= 3; --len) {
        const std::size_t e = i + len;
        if (!ends[e]) continue;
        const auto* v = names_.raw(text.substr(i, len));
        if (v == nullptr || v->empty()) continue;
        add_place(v->front(), text.substr(i, len));
        matched = len;
        break;
      }
      i += matched > 0 ? matched : 1;
    }
  }

  void korean(std::string_view text) {
    const std::size_t max = names_.max_raw_bytes();
    for (const text::Token& t : text::tokenize(text, /*with_punct=*/false)) {
      const std::string_view word = text.substr(t.begin, t.end - t.begin);
      for (std::size_t len = std::min(max, word.size()); len >= 6; --len) {
        if (len < word.size() && (static_cast<unsigned char>(word[len]) & 0xC0) == 0x80) continue;
        const auto* v = names_.raw(word.substr(0, len));
        if (v == nullptr || v->empty() || !korean_tail_ok(word.substr(len))) continue;
        add_place(v->front(), word.substr(0, len));
        break;
      }
    }
  }

 public:
  void korean_text(std::string_view text) { korean(text); }

 private:
  const Gazetteer& g_;
  const std::string& lang_;
  const LocalizedNames& names_;
  const WordSet& stop_;
  const bool unspaced_;
  std::map<const Place*, PlaceAcc> places_;
  std::vector<ActorAcc> actors_;
  std::unordered_map<std::string, std::size_t> actor_index_;
  std::unordered_map<std::string, std::size_t> by_surname_;  // first person of each surname
  std::size_t order_ = 0;
};

// End of the piece of `body` that starts at `start`: the last line break, else space, before
// start + kPieceBytes, else a cut at a character boundary.
std::size_t piece_end(const std::string& body, std::size_t start) {
  if (body.size() - start <= kPieceBytes) return body.size();
  const std::size_t limit = start + kPieceBytes, floor = start + kPieceBytes / 4;
  for (const char* sep : {"\n", " "}) {
    const std::size_t at = body.rfind(sep, limit);
    if (at != std::string::npos && at > floor) return at + 1;
  }
  std::size_t cut = limit;
  while (cut > start && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}

}  // namespace

ArticleEntities recognize_localized(const Gazetteer& gazetteer, const std::string& lang,
                                    const std::string& title, const std::string& body) {
  Recognition r(gazetteer, lang);
  const bool korean = lang == "ko";
  auto run = [&](std::string_view text) {
    if (korean) {
      r.korean_text(text);
    } else {
      r.text(text);
    }
  };
  run(title);
  for (std::size_t start = 0; start < body.size();) {
    const std::size_t end = piece_end(body, start);
    run(std::string_view(body).substr(start, end - start));
    start = end;
  }
  return r.result();
}

}  // namespace newsdex::entities
