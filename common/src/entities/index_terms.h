// How entities become Xapian boolean terms, and how actor:/place:/country: queries find them.
#pragma once

#include <newsdex/entities.h>

#include <string>
#include <vector>

namespace newsdex::entities {

/// Term prefixes (Xapian convention: X + upper-case letters for user prefixes).
inline constexpr const char* kActorPrefix = "XA";      ///< canonical actor id
inline constexpr const char* kActorWordPrefix = "XN";  ///< each folded word of an actor's names
inline constexpr const char* kPlacePrefix = "XP";      ///< canonical place id
inline constexpr const char* kPlaceWordPrefix = "XL";  ///< folded names of the place and region
inline constexpr const char* kCountryPrefix = "XC";    ///< ISO 3166-1 alpha-2, upper case

/// The key an actor is indexed (XA term) and counted (facets) under: its id, else its folded
/// canonical name.
std::string actor_key(const Entity& actor);

/// Boolean terms to add to an article's document for its entities.
std::vector<std::string> index_terms(const ArticleEntities& entities);

/// Which query field.
enum class Field { actor, place, country };

/// Terms (to be OR-ed) that a query `field:value` matches; `value` is as the user typed it
/// (may contain spaces, any case, accents). Empty when nothing could match (e.g. country:XX).
/// May consult the gazetteers (loaded lazily, once per process; thread-safe).
std::vector<std::string> query_terms(Field field, const std::string& value);

}  // namespace newsdex::entities
