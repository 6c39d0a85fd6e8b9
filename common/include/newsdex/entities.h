// Recognising the actors (people, organisations) and places an article mentions.
#pragma once

#include <newsdex/article.h>
#include <newsdex/export.h>

#include <memory>
#include <string>
#include <vector>

namespace newsdex {

/// What an entity is.
enum class EntityType { person, organisation, place };

/// Returns "person", "organisation" or "place".
NEWSDEX_EXPORT const char* to_string(EntityType type) noexcept;

/// One entity an article mentions, under its canonical name.
struct Entity {
  EntityType type = EntityType::person;
  std::string name;  ///< canonical display name ("Sergey Lavrov", "Kursk", "North Korea")
  std::string id;  ///< stable key: folded canonical name, or "geonames:<n>"/"iso:<code>" for places
  std::string country;  ///< ISO 3166-1 alpha-2 code for places (and where known), else empty
  std::string region;   ///< region/subdivision display name for places, else empty
  std::vector<std::string> aliases;  ///< other surface forms seen in the article ("Lavrov", "KCNA")
  int mentions = 0;                  ///< number of mentions in the article
};

/// All entities of one article. Actors are people and organisations.
struct ArticleEntities {
  std::vector<Entity> actors;
  std::vector<Entity> places;
};

/// Options for EntityRecognizer.
struct RecognizerOptions {
  /// Directory holding the trained tagger model and gazetteer tables; empty means the
  /// installed/compiled-in default (see docs/entities.md).
  std::string data_dir;
  /// Optional TSV file of user aliases: canonical name, then aliases, tab-separated, one entity
  /// per line; '#' starts a comment.
  std::string aliases_file;
};

/// Finds actors and places in articles. Loading reads the model and gazetteers once (about a
/// second; the gazetteers are shared by every recogniser of the process). All const members
/// are safe to call from many threads at once on one recogniser; moving one is not.
class NEWSDEX_EXPORT EntityRecognizer {
 public:
  /// Loads model and gazetteers from RecognizerOptions::data_dir, else the default data
  /// directory (docs/entities.md: $NEWSDEX_DATA_DIR, else the install prefix's
  /// share/newsdex). Throws Error(io) if a file is missing, Error(input) if malformed.
  explicit EntityRecognizer(const RecognizerOptions& options = {});
  ~EntityRecognizer();
  EntityRecognizer(EntityRecognizer&&) noexcept;
  EntityRecognizer& operator=(EntityRecognizer&&) noexcept;

  /// Identifies the trained model (a hash of its file): 16 hex digits, equal for recognisers
  /// with the same model. The indexer stores it
  /// and refuses to add entities of another model to a database. Thread-safe.
  const std::string& model_version() const noexcept;

  /// Recognises the entities in the title and body of `article` in its language: `lang` when
  /// set, else detected from the text (script, then common words). English goes to the trained
  /// tagger; other languages get places from the gazetteers and localized names and only
  /// conservative, capitalisation-based actors (docs/entities.md). Other fields are not read.
  /// Never throws but std::bad_alloc. Thread-safe.
  ArticleEntities recognize(const Article& article) const;

  /// Recognises the entities in a piece of UTF-8 text (as the body of an untitled article).
  /// Never throws but std::bad_alloc. Thread-safe.
  ArticleEntities recognize_text(const std::string& text) const;

  /// Tags pre-tokenised sentences (CoNLL-2003 style): returns one tag per token, IOB2 with
  /// types PER, LOC, ORG, MISC ("B-PER", "I-PER", "O"). `document` is all sentences of one
  /// document, so document-level features can be used. Thread-safe.
  std::vector<std::vector<std::string>> tag_document(
      const std::vector<std::vector<std::string>>& document) const;

  /// The recogniser's state: an opaque type outside the library, whose indexer uses it to
  /// recognise entities in words it has already broken. Of no use to embedders.
  struct Impl;
  const Impl& impl() const noexcept { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
