// ICU word breaking and term folding; the one normalisation both indexer and searcher use.
#include "text/tokenizer.h"

#include <newsdex/error.h>
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/uvernum.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>

#include "text/tokenizer_internal.h"

namespace newsdex::text {
namespace {

// One BreakIterator per thread: ICU iterators are not thread-safe, and creating one costs
// far more than tokenising a typical article.
icu::BreakIterator& word_breaker() {
  thread_local std::unique_ptr<icu::BreakIterator> breaker = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !it) {
      throw Error(ErrorCode::internal,
                  std::string("cannot create ICU word break iterator: ") + u_errorName(status));
    }
    return it;
  }();
  return *breaker;
}

struct Normalizers {
  const icu::Normalizer2* nfkc_casefold = nullptr;
  const icu::Normalizer2* nfd = nullptr;
  const icu::Normalizer2* nfc = nullptr;
};

const Normalizers& normalizers() {
  static const Normalizers n = [] {
    UErrorCode status = U_ZERO_ERROR;
    Normalizers r;
    r.nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
    r.nfd = icu::Normalizer2::getNFDInstance(status);
    r.nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) {
      throw Error(ErrorCode::internal,
                  std::string("cannot load ICU normalisers: ") + u_errorName(status));
    }
    return r;
  }();
  return n;
}

bool is_ascii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Drops a trailing possessive "'s" ("russia's" -> "russia") and a lone trailing apostrophe.
void strip_possessive(std::string& s) {
  if (s.size() > 3 && s[s.size() - 2] == '\'' && s.back() == 's') {
    s.resize(s.size() - 2);
  }
  while (!s.empty() && s.back() == '\'') s.pop_back();
  while (!s.empty() && s.front() == '\'') s.erase(0, 1);
}

// ASCII word-break classes, as ICU 72's root word rules see them (UAX #29 Word_Break values).
// ICU 72 differs from plain UAX #29 in two ways that matter here: '@' is an ALetter (ICU 72
// stopped breaking at '@' to keep "user@example.com" whole; later ICUs break there again) and
// ':' is not a MidLetter ("a:b" is three segments). There is no Extend, Format or ZWJ in ASCII,
// so WB4 never applies. tests/unit/tokenizer_ascii_test.cpp proves the match against ICU.
enum class WordClass : std::uint8_t {
  other,         // its own segment (WB999)
  cr,            // \r: joins a following \n (WB3), else alone
  lf,            // \n and Newline (\v \f): always alone (WB3a, WB3b)
  space,         // ' ' (WSegSpace): runs stay together (WB3d); '\t' is other
  aletter,       // A-Z a-z @
  numeric,       // 0-9
  midnumlet,     // '.' and the Single_Quote '\'': join letter.letter and digit.digit (WB6/7, 11/12)
  midnum,        // ',' ';': join digit,digit only (WB11/12)
  extendnumlet,  // '_': joins letters, digits and itself on both sides (WB13a/b)
};

constexpr std::array<WordClass, 128> make_word_classes() {
  std::array<WordClass, 128> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = WordClass::aletter;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = WordClass::aletter;
  t['@'] = WordClass::aletter;
  for (int c = '0'; c <= '9'; ++c) t[c] = WordClass::numeric;
  t['.'] = WordClass::midnumlet;
  t['\''] = WordClass::midnumlet;
  t[','] = WordClass::midnum;
  t[';'] = WordClass::midnum;
  t['_'] = WordClass::extendnumlet;
  t[' '] = WordClass::space;
  t['\r'] = WordClass::cr;
  t['\n'] = WordClass::lf;
  t['\v'] = WordClass::lf;
  t['\f'] = WordClass::lf;
  return t;
}

constexpr std::array<WordClass, 128> kWordClasses = make_word_classes();

// The table above mirrors ICU 72's rules; with another ICU every text goes through ICU, so that
// indexer and searcher never disagree with the library they link.
constexpr bool kAsciiFastPath = U_ICU_VERSION_MAJOR_NUM == 72;

bool is_word_char(WordClass c) {
  return c == WordClass::aletter || c == WordClass::numeric || c == WordClass::extendnumlet;
}

// Whole-string check, eight bytes at a time and without an early exit: texts are almost always
// entirely ASCII, and then every byte must be read anyway.
bool all_ascii(std::string_view s) {
  std::uint64_t any = 0;
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    any |= word;
  }
  for (; i < s.size(); ++i) any |= static_cast<unsigned char>(s[i]);
  return (any & 0x8080808080808080ULL) == 0;
}

// Appends the segment [begin, end) with ICU's rule status `status` (0, UBRK_WORD_NUMBER or
// UBRK_WORD_LETTER) the way tokenize() filters and labels it.
void emit(std::string_view text, std::size_t begin, std::size_t end, int32_t status,
          bool with_punct, std::vector<Token>& tokens) {
  Token tok;
  tok.begin = begin;
  tok.end = end;
  if (status >= UBRK_WORD_LETTER) {
    tok.kind = TokenKind::word;
  } else if (status >= UBRK_WORD_NUMBER) {
    tok.kind = TokenKind::number;
  } else {
    if (!with_punct) return;
    const char c = text[begin];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') return;
    tok.kind = TokenKind::punct;
  }
  tokens.push_back(tok);
}

}  // namespace

namespace internal {

std::vector<Token> tokenize_ascii(std::string_view text, bool with_punct) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 6);
  const std::size_t n = text.size();
  const auto cls = [&](std::size_t i) {
    // The mask keeps a misplaced non-ASCII byte inside the table.
    return kWordClasses[static_cast<unsigned char>(text[i]) & 0x7f];
  };
  std::size_t i = 0;
  while (i < n) {
    const std::size_t begin = i;
    const WordClass first = cls(i++);
    if (!is_word_char(first)) {
      if (first == WordClass::cr && i < n && text[i] == '\n') {
        ++i;
      } else if (first == WordClass::space) {
        while (i < n && text[i] == ' ') ++i;
      }
      emit(text, begin, i, 0, with_punct, tokens);
      continue;
    }
    // A word: letters, digits and '_' all join each other (WB5, 8, 9, 10, 13a, 13b); a '.',
    // '\'' (or, between digits, ',' ';') joins only when the same kind, letter or digit,
    // stands on both sides (WB6/7, WB11/12).
    WordClass prev_prev = WordClass::other;  // the class before `prev` inside this word
    WordClass prev = first;
    while (i < n) {
      const WordClass c = cls(i);
      if (is_word_char(c)) {
        prev_prev = prev;
        prev = c;
        ++i;
        continue;
      }
      if (i + 1 >= n) break;
      const bool mid = (c == WordClass::midnumlet &&
                        (prev == WordClass::aletter || prev == WordClass::numeric)) ||
                       (c == WordClass::midnum && prev == WordClass::numeric);
      if (!mid || cls(i + 1) != prev) break;
      prev_prev = c;
      i += 2;  // the middle character and the letter or digit after it
    }
    // ICU's status is the one of the last rule that matched: a segment ending in a digit is a
    // number, in a letter a word, even when it mixes them ("abc123" number, "123abc" word).
    // '_' takes its status from what precedes it (13a: "a_" word, "1_" number, "__" word) and a
    // lone '_' matches no rule at all (status 0, punctuation).
    int32_t status;
    if (prev == WordClass::numeric) {
      status = UBRK_WORD_NUMBER;
    } else if (prev == WordClass::aletter) {
      status = UBRK_WORD_LETTER;
    } else if (prev_prev == WordClass::numeric) {
      status = UBRK_WORD_NUMBER;
    } else if (prev_prev == WordClass::other) {
      status = 0;
    } else {
      status = UBRK_WORD_LETTER;
    }
    emit(text, begin, i, status, with_punct, tokens);
  }
  return tokens;
}

std::vector<Token> tokenize_icu(std::string_view text, bool with_punct) {
  std::vector<Token> tokens;
  if (text.empty()) return tokens;
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) {
    throw Error(ErrorCode::internal, std::string("ICU utext_openUTF8: ") + u_errorName(status));
  }
  icu::BreakIterator& it = word_breaker();
  it.setText(ut, status);
  tokens.reserve(text.size() / 6);
  int32_t begin = it.first();
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; begin = end, end = it.next()) {
    const int32_t status_rule = it.getRuleStatus();
    Token tok;
    tok.begin = static_cast<std::size_t>(begin);
    tok.end = static_cast<std::size_t>(end);
    if (status_rule >= UBRK_WORD_IDEO) {
      tok.kind = TokenKind::ideographic;
    } else if (status_rule >= UBRK_WORD_KANA) {
      tok.kind = TokenKind::ideographic;
    } else if (status_rule >= UBRK_WORD_LETTER) {
      tok.kind = TokenKind::word;
    } else if (status_rule >= UBRK_WORD_NUMBER) {
      tok.kind = TokenKind::number;
    } else {
      if (!with_punct) continue;
      // A "none" segment is white space or punctuation: keep only non-space characters.
      const unsigned char c = static_cast<unsigned char>(text[tok.begin]);
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') continue;
      if (c >= 0x80) {
        UChar32 cp;
        int32_t i = 0;
        U8_NEXT(reinterpret_cast<const uint8_t*>(text.data() + tok.begin), i,
                static_cast<int32_t>(tok.end - tok.begin), cp);
        if (cp < 0 || u_isUWhiteSpace(cp)) continue;
      }
      tok.kind = TokenKind::punct;
    }
    tokens.push_back(tok);
  }
  it.setText(icu::UnicodeString());  // drop the reference to our buffer before closing it
  utext_close(ut);
  return tokens;
}

}  // namespace internal

std::vector<Token> tokenize(std::string_view text, bool with_punct) {
  // ICU costs ~6x more per byte, and most news text is pure ASCII.
  if (kAsciiFastPath && all_ascii(text)) return internal::tokenize_ascii(text, with_punct);
  return internal::tokenize_icu(text, with_punct);
}

std::string fold(std::string_view token) {
  std::string out;
  if (is_ascii(token)) {
    out.reserve(token.size());
    for (char c : token) {
      out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c);
    }
    strip_possessive(out);
    return out;
  }
  const Normalizers& n = normalizers();
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(token.data(), static_cast<int32_t>(token.size())));
  icu::UnicodeString folded = n.nfkc_casefold->normalize(s, status);
  icu::UnicodeString decomposed = n.nfd->normalize(folded, status);
  if (U_FAILURE(status)) return {};
  // Remove diacritics: drop combining marks after canonical decomposition ("ú" -> "u").
  icu::UnicodeString bare;
  bare.getBuffer(decomposed.length());
  bare.releaseBuffer(0);
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0xFF07) {
      bare.append(static_cast<UChar>('\''));
      continue;
    }
    bare.append(c);
  }
  icu::UnicodeString composed = n.nfc->normalize(bare, status);
  if (U_FAILURE(status)) return {};
  composed.toUTF8String(out);
  strip_possessive(out);
  return out;
}

std::string fold_phrase(std::string_view text) {
  std::string out;
  for (const Token& t : tokenize(text)) {
    std::string f = fold(text.substr(t.begin, t.end - t.begin));
    if (f.empty()) continue;
    if (!out.empty()) out.push_back(' ');
    out += f;
  }
  return out;
}

}  // namespace newsdex::text
