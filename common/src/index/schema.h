// The index schema shared by the indexer and the searcher: prefixes, value slots, metadata keys.
#pragma once

#include <xapian.h>

#include <string>

namespace newsdex::schema {

// Term prefixes (Xapian conventions: single capitals for standard fields, X... for our own).
inline constexpr const char* kTitle = "S";    ///< positional title words
inline constexpr const char* kStem = "Z";     ///< stems (body and title), Xapian's convention
inline constexpr const char* kId = "Q";       ///< unique article id
inline constexpr const char* kDay = "D";      ///< D20250713
inline constexpr const char* kMonth = "M";    ///< M202507
inline constexpr const char* kYear = "Y";     ///< Y2025
inline constexpr const char* kSource = "XS";  ///< folded source name
inline constexpr const char* kLang = "L";     ///< ISO 639 language code (omega convention)
/// Source file of the article: "XF" + 16 hex digits of FNV-1a over the file's absolute,
/// lexically normal path. Lets every article of a file be deleted at once when the file
/// changes or goes (incremental re-indexing). Stdin articles have none.
inline constexpr const char* kFile = "XF";

/// Value slot holding the date as "YYYYMMDD" (sorts and compares as a string). Also what
/// timelines and the year/month facets count.
inline constexpr Xapian::valueno kDateSlot = 0;
// Facet slots: what a facet counts per matching article, read by one match spy in a single
// pass (values are stored in per-slot streams, far cheaper to read than term lists). Lists
// hold each value once per article, joined by kFacetSeparator.
inline constexpr Xapian::valueno kActorsSlot = 1;     ///< canonical actor ids
inline constexpr Xapian::valueno kPlacesSlot = 2;     ///< canonical place ids
inline constexpr Xapian::valueno kCountriesSlot = 3;  ///< ISO 3166-1 codes of the places
inline constexpr Xapian::valueno kSourceSlot = 4;     ///< source as given ("Reuters")
inline constexpr Xapian::valueno kLangSlot = 5;       ///< folded language code
/// Where the article's places are: Xapian::LatLongCoords::serialise() of the gazetteer
/// coordinates of each place that has some (cities; GeoNames states as their largest city;
/// not countries). Absent if none has. Read by near: (Xapian::LatLongDistancePostingSource).
inline constexpr Xapian::valueno kCoordsSlot = 6;
/// Which story the article is a copy of (a wire resend, a corrected copy): the same non-empty
/// key for every article of a group of near duplicates, absent for an article with no copy.
/// The searcher's collapse key. Written by the grouping pass (index/duplicates.h) after every
/// change to the documents, as groups span indexing runs: "YYYYMMDD" + the 48 hex digits of the
/// fingerprint of the group's earliest article.
inline constexpr Xapian::valueno kDuplicateSlot = 7;
/// The article's fingerprint (index/duplicates.h, Fingerprint::encode(): 48 hex digits), written
/// by build_document(); what the grouping pass compares.
inline constexpr Xapian::valueno kFingerprintSlot = 8;
/// Date and time sort key (--sort date/-date): "YYYYMMDD" then, when the article has a time,
/// "HHMMSS" and the fraction of a second's digits as given ("20250713110500", Reuters
/// "1987022615010179"), all in UTC when the time carries a zone (so the day may differ from
/// kDateSlot's), as written when it has none. An article without a time has the day alone,
/// which sorts before every time of that day. Compared as strings (index/document_builder.h
/// date_time_key()).
inline constexpr Xapian::valueno kDateTimeSlot = 9;
inline constexpr char kFacetSeparator = '\n';

/// Gap in positions between title and body, so a phrase never spans both.
inline constexpr Xapian::termpos kBodyPositionGap = 100;
/// Title words also count towards the unprefixed field with this wdf, boosting title matches.
inline constexpr Xapian::termcount kTitleWdf = 3;

// Database metadata keys.
inline constexpr const char* kMetaSchema = "newsdex:schema";
inline constexpr const char* kMetaNormaliser = "newsdex:normaliser";
inline constexpr const char* kMetaTagger = "newsdex:tagger";
/// Which actor ids name one actor across the corpus (entities/actor_canon.h): one line per id
/// that is not its group's canonical id, "id<TAB>canonical id<TAB>display name". Recomputed
/// after every change to the documents; read by actor: queries and the actor facet.
inline constexpr const char* kMetaActorAliases = "newsdex:actor-aliases";
/// The user's aliases (--aliases, --apply-aliases) that kMetaActorAliases was computed with:
/// one line per entity, "canonical name<TAB>folded name<TAB>folded alias...".
inline constexpr const char* kMetaUserAliases = "newsdex:user-aliases";
/// Per input file: kMetaFilePrefix + the same 16 hex digits as its kFile term. The value is
/// what the file looked like when its articles were last written (written in the same commit
/// as its last article or later): see FileRecord in index/indexer.cpp. The path itself is in
/// the value because metadata keys are limited to about 240 bytes.
inline constexpr const char* kMetaFilePrefix = "newsdex:file:";

/// Throws newsdex::Error(database) unless `db` carries this build's schema version. `path` is
/// used in the message.
void check_schema(const Xapian::Database& db, const std::string& path);

}  // namespace newsdex::schema
