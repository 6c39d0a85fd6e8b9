// ICU word breaking and term folding; the one normalisation both indexer and searcher use.
#include "text/tokenizer.h"

#include <newsdex/error.h>
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <memory>

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

}  // namespace

std::vector<Token> tokenize(std::string_view text, bool with_punct) {
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
