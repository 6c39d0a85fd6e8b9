// Stage 1 of the recogniser (recognizer_stages.h): ALL-CAPS text in the case the tagger knows.
#include <newsdex/entities.h>
#include <newsdex/error.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "entities/gazetteer.h"
#include "entities/mention.h"
#include "entities/ner_tokenize.h"
#include "entities/recognizer_stages.h"
#include "text/tokenizer.h"

namespace newsdex::entities {

std::vector<std::vector<std::string>> tagger_input(const Gazetteer& gazetteer,
                                                   std::vector<Segment>& segments,
                                                   std::vector<std::vector<bool>>& caps) {
  // Case seen for each word where the article writes it in mixed case, so ALL-CAPS headlines
  // and datelines can be given to the tagger in the case the body uses ("KIM" -> "Kim").
  // Only the words of ALL-CAPS text are looked for: a headline has a dozen, the body thousands.
  std::unordered_map<std::string, std::string> vocabulary;
  std::vector<bool> wanted_length(64, false);
  for (std::size_t g = 0; g < segments.size(); ++g) {
    const Segment& seg = segments[g];
    for (std::size_t si = 0; si < seg.sentences.size(); ++si) {
      const NerSentence& s = seg.sentences[si];
      const bool all_caps = seg.all_caps[si];
      if (!all_caps && !(g + 1 == segments.size() && si == 0)) continue;
      for (const NerToken& t : s) {
        if (!t.is_word || has_lower(t.text) || !has_letter(t.text)) {
          if (!all_caps && t.is_word && has_lower(t.text)) break;  // end of the dateline
          continue;
        }
        vocabulary.emplace(lower_key(t.text), std::string());
        if (t.text.size() < wanted_length.size()) wanted_length[t.text.size()] = true;
      }
    }
  }
  if (!vocabulary.empty()) {
    for (const Segment& seg : segments) {
      for (std::size_t si = 0; si < seg.sentences.size(); ++si) {
        const NerSentence& s = seg.sentences[si];
        if (seg.all_caps[si]) continue;
        for (std::size_t i = 1; i < s.size(); ++i) {
          // Mid-sentence case is informative; a capital at sentence start is not.
          const std::string& w = s[i].text;
          if (!s[i].is_word || w.size() >= wanted_length.size() || !wanted_length[w.size()]) {
            continue;
          }
          auto it = vocabulary.find(lower_key(w));
          if (it == vocabulary.end() || !has_letter(w)) continue;
          if (it->second.empty() || has_lower(it->second.substr(0, 1))) it->second = w;
        }
      }
    }
  }
  auto truecase = [&](const std::string& word) -> std::string {
    if (!has_letter(word)) return word;
    std::string key = lower_key(word);
    if (auto it = vocabulary.find(key); it != vocabulary.end() && !it->second.empty()) {
      return it->second;
    }
    std::string folded = text::fold(word);
    if (word.find('.') != std::string::npos || word.size() <= 2) return word;  // "U.S.", "UK"
    if (!gazetteer.places(folded).empty() || gazetteer.is_first_name(folded) ||
        gazetteer.is_surname(folded) || gazetteer.demonym(folded) != nullptr) {
      return title_case(word.size() <= 4 ? std::string(1, word[0]) + key.substr(1) : word);
    }
    return key;
  };
  std::vector<std::vector<std::string>> document;
  caps.clear();
  for (std::size_t g = 0; g < segments.size(); ++g) {
    const Segment& seg = segments[g];
    for (std::size_t si = 0; si < seg.sentences.size(); ++si) {
      const NerSentence& s = seg.sentences[si];
      std::vector<std::string> words;
      std::vector<bool> sentence_caps(s.size(), false);
      const bool all_caps = seg.all_caps[si];
      // A dateline ("SALVADOR, Feb 26 -") is an ALL-CAPS run at the head of the body.
      bool dateline = g + 1 == segments.size() && si == 0 && !all_caps;
      auto upper_word = [&](std::size_t i) {
        return s[i].is_word && has_letter(s[i].text) && !has_lower(s[i].text);
      };
      for (std::size_t i = 0; i < s.size(); ++i) {
        const NerToken& t = s[i];
        if (dateline && t.is_word && has_lower(t.text)) dateline = false;
        if (!((all_caps || dateline) && upper_word(i))) {
          words.push_back(t.text);
          continue;
        }
        // A multi-word place ("NEW YORK", "SAO PAULO") is title-cased as a whole.
        std::size_t run = 1;
        for (std::size_t len : {3, 2}) {
          if (i + len > s.size()) continue;
          std::string phrase;
          bool ok = true;
          for (std::size_t k = i; k < i + len && ok; ++k) {
            ok = upper_word(k);
            if (ok) phrase += (k > i ? " " : "") + lower_key(s[k].text);
          }
          if (ok && (!gazetteer.places(phrase).empty() || gazetteer.demonym(phrase))) {
            run = len;
            break;
          }
        }
        for (std::size_t k = i; k < i + run; ++k) {
          const std::string& raw = s[k].text;
          const bool ascii = std::all_of(raw.begin(), raw.end(), [](char c) { return c > 0; });
          std::string w =
              run > 1 && ascii ? std::string(1, raw[0]) + lower_key(raw).substr(1) : truecase(raw);
          words.push_back(std::move(w));
          sentence_caps[k] = true;
        }
        i += run - 1;
      }
      document.push_back(std::move(words));
      caps.push_back(std::move(sentence_caps));
    }
  }
  return document;
}

}  // namespace newsdex::entities
