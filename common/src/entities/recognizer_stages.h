// The stages of the English recogniser (EntityRecognizer, recognizer.cpp), in order:
//   1. tagger_input   (tagger_input.cpp)   ALL-CAPS text in the body's case, for the tagger
//   2. the tagger     (tagger.h)           PER/ORG/LOC/MISC per token
//   3. find_mentions  (mention_finder.cpp) tagged spans, datelines, states, tickers, demonyms
//   4. resolve_actors (actor_resolver.cpp) one actor per person or organisation of the article
//   5. resolve_places (place_resolver.h)   one reading per place name, with the article's support
// Each takes what it reads (the gazetteer, the user's aliases) as arguments.
#pragma once

#include <newsdex/entities.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "entities/gazetteer.h"
#include "entities/mention.h"
#include "entities/ner_tokenize.h"

namespace newsdex::entities {

/// One text of an article (title or body) split into CoNLL-style sentences.
struct Segment {
  Segment(std::string_view t, std::vector<NerSentence> s) : text(t), sentences(std::move(s)) {
    all_caps.reserve(sentences.size());
    for (const NerSentence& sentence : sentences)
      all_caps.push_back(entities::is_all_caps(text, sentence));
  }
  std::string_view text;
  std::vector<NerSentence> sentences;
  std::vector<bool> all_caps;  // per sentence: is_all_caps()
};

/// Stage 1: the tagger's input, one token sequence per sentence of all segments. Words of
/// ALL-CAPS sentences (headlines) and of a wire dateline are given in the case the article
/// uses elsewhere, else title-cased if a gazetteer knows them, else lower-cased. `caps` gets,
/// per sentence and token, whether the token was so restored.
std::vector<std::vector<std::string>> tagger_input(const Gazetteer& gazetteer,
                                                   std::vector<Segment>& segments,
                                                   std::vector<std::vector<bool>>& caps);

/// Stage 3: the mentions of the tagged document (`tags`: one tag sequence per sentence).
/// `acronyms` gets each bracketed acronym's long form ("kcna" -> "korean central news agency").
std::vector<Mention> find_mentions(const Gazetteer& gazetteer,
                                   const std::vector<Segment>& segments,
                                   const std::vector<std::vector<bool>>& caps,
                                   const std::vector<std::vector<std::string>>& tags,
                                   std::unordered_map<std::string, std::string>& acronyms);

/// Stage 4: the article's actors from its PER/ORG mentions, short forms joined to long ones,
/// `user` aliases applied. Mentions that name places (LOC spans, demonyms, a country acting)
/// are appended to `place_mentions` for stage 5.
std::vector<Entity> resolve_actors(const Gazetteer& gazetteer, const UserAliases& user,
                                   std::vector<Mention>& all,
                                   const std::unordered_map<std::string, std::string>& acronyms,
                                   std::vector<Mention>& place_mentions);

/// The user aliases file of RecognizerOptions::aliases_file (empty path: none). Throws
/// Error(io) if it cannot be read, Error(input) naming path:line if it is malformed.
UserAliases load_user_aliases(const std::string& path);

}  // namespace newsdex::entities
