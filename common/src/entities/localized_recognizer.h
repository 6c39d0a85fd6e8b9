// Entities of articles not in English: places from the gazetteers and localized names, actors
// from capitalisation (Latin and Cyrillic script), conservatively. The English tagger is not
// used: trained on English, it takes German nouns and Spanish articles for names.
#pragma once

#include <newsdex/entities.h>

#include <string>

namespace newsdex::entities {

class Gazetteer;

/// The actors and places of a title and body in language `lang` (a primary subtag other than
/// "en", see language.h), in the form EntityRecognizer::recognize() returns them: places with
/// their gazetteer id, English display name, country and region, the localized name and the
/// forms written as aliases; most mentioned first.
///
/// Places: word sequences (Chinese and Japanese: character sequences between word boundaries;
/// Korean: the start of a word before a particle) that name a place in the language's
/// localized names (localized_names.h), exactly or, for inflecting languages, stem by stem
/// (Курске -> Курск); in Latin script also the gazetteer's own names (Zürich, São Paulo).
/// Actors (Latin and Cyrillic script only): runs of two or more capitalised words outside
/// places and function words; a person when a run holds a known first name (or, in Cyrillic,
/// ends in a surname ending), else an organisation, except in German, where capitalised nouns
/// are common words and only person names and names with an organisation cue count. Later
/// mentions of a person's surname alone join that person. No actors for other scripts.
/// Throws Error(io) if libgeonames cannot be loaded. Thread-safe.
ArticleEntities recognize_localized(const Gazetteer& gazetteer, const std::string& lang,
                                    const std::string& title, const std::string& body);

}  // namespace newsdex::entities
