// Fast 64-bit string hashing shared by the tagger's feature keys and the gazetteer's flat
// indexes. The tagger's trained model stores keys made with these functions: changing them
// means a new feature-set version and a retrained model (entities/tagger_features.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace newsdex::util {

inline constexpr std::uint64_t kHashMul1 = 0x9e3779b97f4a7c15ULL;
inline constexpr std::uint64_t kHashMul2 = 0xbf58476d1ce4e5b9ULL;
inline constexpr std::uint64_t kHashMul3 = 0x94d049bb133111ebULL;

/// Final mix (splitmix64's): spreads every input bit over the whole result.
inline std::uint64_t avalanche(std::uint64_t x) {
  x ^= x >> 30;
  x *= kHashMul2;
  x ^= x >> 27;
  x *= kHashMul3;
  x ^= x >> 31;
  return x;
}

/// Up to 8 bytes as a little-endian integer (zero-padded).
inline std::uint64_t load_bytes(const char* p, std::size_t n) {
  if (n == 8) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i)
    v |= std::uint64_t(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

/// Hash of a whole string, 8 bytes at a time.
inline std::uint64_t hash_string(std::string_view s) {
  std::uint64_t h = 0x243f6a8885a308d3ULL ^ (s.size() * kHashMul1);
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    h = (h ^ load_bytes(s.data() + i, 8)) * kHashMul2;
    h ^= h >> 29;
  }
  if (i < s.size()) {
    h = (h ^ load_bytes(s.data() + i, s.size() - i)) * kHashMul2;
    h ^= h >> 29;
  }
  return avalanche(h);
}

/// 64-bit FNV-1a, byte by byte: the same value on every compiler, platform and byte order, so
/// it may be stored (id terms of over-long ids, file terms and file records in the index).
/// hash_string() is faster but reads native-endian words; std::hash may change with the library.
inline std::uint64_t fnv1a64(std::string_view s, std::uint64_t h = 0xcbf29ce484222325ULL) {
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// `h` as 16 lower-case hex digits (fixed width, so stored keys sort and compare as text).
inline std::string hex64(std::uint64_t h) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kDigits[h & 15];
  return out;
}

}  // namespace newsdex::util
