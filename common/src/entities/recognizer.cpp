// EntityRecognizer: runs the recogniser's stages (recognizer_stages.h) over an article, in
// windows for a very long body; other languages go to localized_recognizer.h.
#include <newsdex/entities.h>
#include <newsdex/error.h>

#include <algorithm>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "entities/actor_filter.h"
#include "entities/data_dir.h"
#include "entities/gazetteer.h"
#include "entities/language.h"
#include "entities/localized_recognizer.h"
#include "entities/mention.h"
#include "entities/ner_tokenize.h"
#include "entities/place_resolver.h"
#include "entities/recognizer_internals.h"
#include "entities/recognizer_stages.h"
#include "entities/tagger.h"
#include "text/tokenizer.h"
#include "util/hash.h"

namespace newsdex {

const char* to_string(EntityType type) noexcept {
  switch (type) {
    case EntityType::person:
      return "person";
    case EntityType::organisation:
      return "organisation";
    case EntityType::place:
      return "place";
  }
  return "unknown";
}

namespace {

using entities::Gazetteer;
using entities::Mention;
using entities::UserAliases;

constexpr const char* kModelFile = "models/tagger.bin";

std::shared_ptr<const entities::tagger_detail::Pipeline> shared_model(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<const entities::tagger_detail::Pipeline>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto alive = cache[path].lock()) return alive;
  auto model = entities::Tagger::load_model(path);
  cache[path] = model;
  return model;
}

}  // namespace

// Hidden though nested in an exported class: no part of the shared library's ABI.
struct __attribute__((visibility("hidden"))) EntityRecognizer::Impl {
  std::shared_ptr<const entities::Tagger> tagger;  // bound to `gazetteer`
  std::shared_ptr<const Gazetteer> gazetteer;      // of options.data_dir, shared process-wide
  entities::PlaceRules place_rules;
  UserAliases user;
  std::string model_version;  // see EntityRecognizer::model_version()

  /// `tokens`: the article's word breaking when the caller has it (else it is done here).
  /// A long body is recognised in windows (see kWindowBytes) whose results are merged.
  ArticleEntities recognize(const Article& article, const ArticleTokens* tokens) const;
  /// One title and body, tokens (may be null) relative to them: the whole document at once.
  /// `date` ("YYYY-MM-DD", may be empty) decides former countries.
  ArticleEntities recognize_text(const std::string& title,
                                 const std::vector<text::Token>* title_tokens,
                                 const std::string& body,
                                 const std::vector<text::Token>* body_tokens,
                                 std::string_view date) const;

};

namespace {

// Recognition holds per-token state for the whole document (about 1.3 KB a token): a 100 MB
// one-paragraph article needed 22.8 GB. Bodies longer than this are recognised in windows of
// about this size, cut at a paragraph, sentence or word boundary; document-level evidence
// (aliases, repeated names) then spans one window, which no real news article exceeds.
constexpr std::size_t kWindowBytes = 64 * 1024;

// End of the window of `body` that starts at `start`: the last line break, else sentence end,
// else space before start + kWindowBytes (at least a quarter of the way in), else a hard cut.
std::size_t window_end(const std::string& body, std::size_t start) {
  if (body.size() - start <= kWindowBytes) return body.size();
  const std::size_t limit = start + kWindowBytes, floor = start + kWindowBytes / 4;
  for (const char* sep : {"\n", ". ", " "}) {
    const std::size_t at = body.rfind(sep, limit);
    if (at != std::string::npos && at > floor) return at + std::char_traits<char>::length(sep);
  }
  std::size_t cut = limit;
  while (cut > start && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}

// Adds the entities of one window to those found so far: the same entity (type and id, else
// name) once, mentions summed, aliases joined; most mentioned first, as for one window.
void merge_entities(std::vector<Entity>& into, std::vector<Entity>&& more) {
  for (Entity& e : more) {
    const auto same = std::find_if(into.begin(), into.end(), [&](const Entity& x) {
      return x.type == e.type && (x.id.empty() ? x.name == e.name : x.id == e.id);
    });
    if (same == into.end()) {
      into.push_back(std::move(e));
      continue;
    }
    same->mentions += e.mentions;
    for (std::string& alias : e.aliases) {
      if (std::find(same->aliases.begin(), same->aliases.end(), alias) == same->aliases.end()) {
        same->aliases.push_back(std::move(alias));
      }
    }
  }
  std::stable_sort(into.begin(), into.end(),
                   [](const Entity& a, const Entity& b) { return a.mentions > b.mentions; });
}

}  // namespace

ArticleEntities EntityRecognizer::Impl::recognize(const Article& article,
                                                  const ArticleTokens* tokens) const {
  // The tagger knows English only: other languages go to the gazetteer-and-capitals path
  // (entities/localized_recognizer.h; the language: entities/language.h).
  if (const std::string lang = entities::article_language(article); lang != "en") {
    return entities::recognize_localized(*gazetteer, lang, article.title, article.body);
  }
  const std::vector<text::Token>* title_tokens = tokens ? &tokens->title : nullptr;
  if (article.body.size() <= kWindowBytes) {
    return recognize_text(article.title, title_tokens, article.body,
                          tokens ? &tokens->body : nullptr, article.date);
  }
  ArticleEntities all;
  std::size_t next_token = 0;
  for (std::size_t start = 0; start < article.body.size();) {
    std::size_t end = window_end(article.body, start);
    std::vector<text::Token> window_tokens;
    if (tokens) {
      // The caller's tokens of this window, relative to it; a token across the cut moves it.
      const auto& body_tokens = tokens->body;
      for (; next_token < body_tokens.size() && body_tokens[next_token].begin < end; ++next_token) {
        text::Token t = body_tokens[next_token];
        end = std::max(end, t.end);
        t.begin -= start;
        t.end -= start;
        window_tokens.push_back(t);
      }
    }
    const std::string window = article.body.substr(start, end - start);
    ArticleEntities part = recognize_text(start == 0 ? article.title : std::string(),
                                          start == 0 ? title_tokens : nullptr, window,
                                          tokens ? &window_tokens : nullptr, article.date);
    merge_entities(all.actors, std::move(part.actors));
    merge_entities(all.places, std::move(part.places));
    start = end;
  }
  return all;
}

ArticleEntities EntityRecognizer::Impl::recognize_text(
    const std::string& title, const std::vector<text::Token>* title_tokens, const std::string& body,
    const std::vector<text::Token>* body_tokens, std::string_view date) const {
  std::vector<entities::Segment> segments;
  auto add_segment = [&](const std::string& text, const std::vector<text::Token>* raw) {
    if (text.empty()) return;
    segments.push_back(
        entities::Segment{text, raw ? entities::ner_tokenize(text, *raw) : entities::ner_tokenize(text)});
  };
  add_segment(title, title_tokens);
  add_segment(body, body_tokens);
  std::vector<std::vector<bool>> caps;
  auto document = entities::tagger_input(*gazetteer, segments, caps);
  ArticleEntities result;
  if (document.empty()) return result;
  auto tags = tagger->tag(document);
  if (tags.size() != document.size()) {
    throw Error(ErrorCode::internal, "tagger returned a tag sequence of the wrong length");
  }
  std::unordered_map<std::string, std::string> acronyms;
  std::vector<Mention> all = entities::find_mentions(*gazetteer, segments, caps, tags, acronyms);
  std::vector<Mention> place_mentions;
  result.actors = entities::resolve_actors(*gazetteer, user, all, acronyms, place_mentions);
  entities::drop_non_actors(result.actors, title, body);  // tickers, `Inc` (actor_filter.h)
  result.places =
      entities::resolve_places(*gazetteer, place_rules, user, place_mentions, result.actors, date);
  return result;
}

EntityRecognizer::EntityRecognizer(const RecognizerOptions& options)
    : impl_(std::make_unique<Impl>()) {
  // The model and the gazetteers take about as long to load as each other: in parallel. Both
  // come from the one data directory; the tagger's features use the same gazetteer as the
  // place stage.
  const std::string model_path = entities::data_path(kModelFile, options.data_dir);
  auto model = std::async(std::launch::async, [&model_path] { return shared_model(model_path); });
  try {
    impl_->gazetteer = Gazetteer::shared(options.data_dir);
    impl_->place_rules = entities::PlaceRules::load(options.data_dir);
    impl_->user = entities::load_user_aliases(options.aliases_file);
  } catch (...) {
    model.wait();
    throw;
  }
  impl_->tagger = std::make_shared<const entities::Tagger>(model.get(), impl_->gazetteer);
  // The trained model decides the entities found. Stored in the database, so that an index is
  // not silently extended with entities of another model. (User aliases are the user's to
  // change: they only merge names, and apply to new articles.)
  std::ifstream in(model_path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  impl_->model_version = util::hex64(util::fnv1a64(bytes, util::fnv1a64("newsdex-tagger")));
}

const std::string& EntityRecognizer::model_version() const noexcept { return impl_->model_version; }

EntityRecognizer::~EntityRecognizer() = default;
EntityRecognizer::EntityRecognizer(EntityRecognizer&&) noexcept = default;
EntityRecognizer& EntityRecognizer::operator=(EntityRecognizer&&) noexcept = default;

ArticleEntities EntityRecognizer::recognize(const Article& article) const {
  return impl_->recognize(article, nullptr);
}

ArticleTokens tokenize_article(const Article& article) {
  return {text::tokenize(article.title, /*with_punct=*/true),
          text::tokenize(article.body, /*with_punct=*/true)};
}

ArticleEntities EntityRecognizer::recognize_text(const std::string& text) const {
  Article article;
  article.body = text;
  return impl_->recognize(article, nullptr);
}

ArticleEntities recognize_tokens(const EntityRecognizer& recognizer, const Article& article,
                                 const ArticleTokens& tokens) {
  return recognizer.impl().recognize(article, &tokens);
}

std::vector<std::vector<std::string>> EntityRecognizer::tag_document(
    const std::vector<std::vector<std::string>>& document) const {
  return impl_->tagger->tag(document);
}

}  // namespace newsdex
