// One name per actor across the corpus: which actor ids of a database name the same actor.
//
// Within an article the recogniser already unifies `Lavrov` with `Sergey Lavrov` and `KCNA`
// with `Korean Central News Agency`. Across articles, a corpus-level pass over the database's
// actor terms (XA<id>, their document frequencies, and the XN alias terms an article gave an
// actor) groups the ids that name one actor:
//   - a surname alone (`reagan`) joins the full person name that holds a dominant share of the
//     full names with that surname (`ronald reagan`), when both are persons and frequent enough;
//     a surname shared by several frequent people (`baker`: James, Howard) joins none of them;
//   - an acronym (`opec`) joins the long form whose initials it is and that articles bracket it
//     with (`organization of petroleum exporting countries`), and so do the other long forms
//     bracketed with it (`organization of the petroleum exporting countries`);
//   - the user's aliases file (--aliases, --apply-aliases) wins over both.
// Case variants (`Opec`, `OPEC`) are one id already (ids are folded names).
//
// The table is stored in the database's metadata (schema::kMetaActorAliases) and applied when
// searching: actor: queries expand to every id of the value's group, and the actor facet counts
// each id under its group's canonical id. Documents are not rewritten (see docs/entities.md).
#pragma once

#include <newsdex/entities.h>
#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace newsdex::entities {

/// The corpus's actor groups: member id -> canonical id, for ids that are not their own
/// canonical id. Ids are folded names (actor_key()).
class ActorAliases {
 public:
  /// Adds `member` to the group of `canonical` (no-op if equal). `display` names the group
  /// (empty: keep what it had). A member of another group moves alone; the canonical id of
  /// another group brings its whole group.
  void add(const std::string& member, const std::string& canonical, const std::string& display);
  /// Makes `id` the canonical id of the group it is in (its display name goes with it).
  void reroot(const std::string& id);
  /// The canonical id of `id`'s group (`id` itself when it has none).
  const std::string& canonical(const std::string& id) const;
  /// Every id of `id`'s group, canonical first; just `id` when it has none.
  std::vector<std::string> group(const std::string& id) const;
  /// Display name of a canonical id when the table has one (a user alias), else empty.
  const std::string& display(const std::string& canonical) const;
  /// Adds the groups of `other` for the ids this table does not group yet (several databases
  /// searched at once: the union of their tables, the first one's groups first).
  void merge(const ActorAliases& other);
  bool empty() const { return to_canonical_.empty() && display_.empty(); }
  std::size_t size() const { return to_canonical_.size(); }

  /// Text form stored in the metadata: one line per member, "member<TAB>canonical<TAB>display".
  std::string encode() const;
  static ActorAliases decode(const std::string& text);

 private:
  std::unordered_map<std::string, std::string> to_canonical_;
  std::unordered_map<std::string, std::vector<std::string>> members_;  // canonical -> members
  std::unordered_map<std::string, std::string> display_;
};

/// An article's actors as the corpus's table names them: each id replaced by its group's
/// canonical id (the name kept as the article wrote it), actors of one group joined into the
/// first (mentions summed, the other names as aliases).
void apply_actor_groups(const ActorAliases& table, std::vector<Entity>& actors);

/// One line of a user aliases file: its canonical display name and the folded forms of every
/// name on the line (the canonical one first).
struct UserAlias {
  std::string name;
  std::vector<std::string> keys;
};

/// Reads an aliases file (docs/entities.md, "User aliases"), with the recogniser's rules and
/// errors: Error(io) if unreadable, Error(input) "path:line: reason" if malformed.
std::vector<UserAlias> read_user_aliases(const std::string& path);
/// Stored form of user aliases (metadata schema::kMetaUserAliases) and back.
std::string encode_user_aliases(const std::vector<UserAlias>& aliases);
std::vector<UserAlias> decode_user_aliases(const std::string& text);

/// Thresholds of the corpus-level pass.
struct ActorCanonOptions {
  /// A surname joins a full person name holding at least this share of the articles of all
  /// full person names with that surname...
  double surname_share = 0.8;
  /// ...that is in at least this many articles...
  unsigned min_full_articles = 3;
  /// ...when no other full name with the surname is in this many articles or more (two
  /// frequent people share it).
  unsigned rival_articles = 5;
  /// A surname or acronym in fewer articles than this is left alone.
  unsigned min_short_articles = 2;
  /// Full names in fewer articles than this do not count (one-off spans: `besides Reagan`).
  unsigned min_candidate_articles = 2;
  /// A long form joins an acronym bracketed with it in this many articles, or in a third of
  /// its own articles.
  unsigned min_bracketed = 2;
  /// Where the gazetteer's first names are (a full name must start with one): as
  /// RecognizerOptions::data_dir. Without the tables, the articles' stored types alone decide.
  std::string data_dir;
};

/// Computes the groups from the actors of `db` (statistics over its XA/XN terms, plus the type
/// of a few articles' actors from their stored data), then applies `user` (which wins).
ActorAliases compute_actor_aliases(const Xapian::Database& db, const std::vector<UserAlias>& user,
                                   const ActorCanonOptions& options = {});

/// Recomputes the table of `db` and stores it (not committed: the caller's commit carries it).
/// `user`: replaces the stored user aliases when not null, else the stored ones are used.
/// Returns the table stored.
ActorAliases update_actor_aliases(Xapian::WritableDatabase& db,
                                  const std::vector<UserAlias>* user = nullptr,
                                  const ActorCanonOptions& options = {});

/// The table stored in `db` (empty if none). Cheap: one metadata read and parse.
ActorAliases load_actor_aliases(const Xapian::Database& db);

}  // namespace newsdex::entities
