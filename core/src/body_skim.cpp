// skimFunctionBody: brace counting over bytes, mirroring Lexer::skipTrivia
// and Lexer::lexQuoted for what can hide a brace (comments and literals).
#include "tide/core/internal/body_skim.h"

#include <array>
#include <cstdint>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace tide::core {

namespace {

// What the scanner must stop at; every other printable ASCII byte is skipped.
enum : uint8_t { kPlain = 0, kStop = 1, kBail = 2 };

constexpr std::array<uint8_t, 256> kByteClass = [] {
  std::array<uint8_t, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = kBail;
  for (int c = 0x7F; c < 0x100; ++c) table[c] = kBail;
  table['\t'] = table['\n'] = table['\r'] = kPlain;
  table['{'] = table['}'] = table['"'] = table['\''] = table['/'] = kStop;
  return table;
}();

// Past the closing quote of the literal opening at `at`, or kNoBodyEnd where
// the lexer would report it (a newline or the end of the text first).
size_t skipQuoted(std::string_view text, size_t at, char quote) {
  for (size_t i = at + 1; i < text.size(); ++i) {
    char c = text[i];
    if (c == quote) return i + 1;
    if (c == '\n' || kByteClass[static_cast<unsigned char>(c)] == kBail) return kNoBodyEnd;
    if (c == '\\') {
      if (i + 1 >= text.size() || text[i + 1] == '\n') return kNoBodyEnd;
      ++i;  // the escaped byte, a quote or backslash included
      if (kByteClass[static_cast<unsigned char>(text[i])] == kBail) return kNoBodyEnd;
    }
  }
  return kNoBodyEnd;
}

// The first byte at or after `at` that is not kPlain (text.size() if none).
// Sixteen bytes at a time: most of a body is identifiers, blanks and
// newlines, and the byte-by-byte loop was ~5% of the front end's
// instructions (9.5 per byte).
size_t nextSpecial(std::string_view text, size_t at) {
#ifdef __SSE2__
  const char* data = text.data();
  const __m128i below = _mm_set1_epi8(0x20);  // signed: also catches 0x80..0xFF
  const __m128i tab = _mm_set1_epi8('\t'), newline = _mm_set1_epi8('\n');
  const __m128i carriage = _mm_set1_epi8('\r'), del = _mm_set1_epi8(0x7F);
  const __m128i open = _mm_set1_epi8('{'), close = _mm_set1_epi8('}');
  const __m128i quote = _mm_set1_epi8('"'), apostrophe = _mm_set1_epi8('\'');
  const __m128i slash = _mm_set1_epi8('/');
  for (; at + 16 <= text.size(); at += 16) {
    __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at));
    __m128i blanks =
        _mm_or_si128(_mm_cmpeq_epi8(bytes, tab),
                     _mm_or_si128(_mm_cmpeq_epi8(bytes, newline), _mm_cmpeq_epi8(bytes, carriage)));
    __m128i special = _mm_andnot_si128(blanks, _mm_cmplt_epi8(bytes, below));
    special = _mm_or_si128(special, _mm_cmpeq_epi8(bytes, del));
    special = _mm_or_si128(special,
                           _mm_or_si128(_mm_cmpeq_epi8(bytes, open), _mm_cmpeq_epi8(bytes, close)));
    special = _mm_or_si128(
        special, _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, apostrophe)));
    special = _mm_or_si128(special, _mm_cmpeq_epi8(bytes, slash));
    if (int mask = _mm_movemask_epi8(special)) return at + __builtin_ctz(mask);
  }
#endif
  for (; at < text.size(); ++at)
    if (kByteClass[static_cast<unsigned char>(text[at])] != kPlain) return at;
  return text.size();
}

}  // namespace

size_t skimFunctionBody(std::string_view text, size_t open) {
  size_t depth = 0;
  for (size_t i = open; i < text.size(); ++i) {
    i = nextSpecial(text, i);
    if (i == text.size()) break;
    unsigned char c = static_cast<unsigned char>(text[i]);
    uint8_t kind = kByteClass[c];
    if (kind == kBail) return kNoBodyEnd;
    switch (c) {
      case '{': ++depth; break;
      case '}':
        if (--depth == 0) return i + 1;
        break;
      case '"':
      case '\'': {
        size_t end = skipQuoted(text, i, static_cast<char>(c));
        if (end == kNoBodyEnd) return kNoBodyEnd;
        i = end - 1;
        break;
      }
      case '/': {
        if (i + 1 >= text.size()) break;
        if (text[i + 1] == '/') {
          // To the end of the line; the lexer checks its UTF-8, so other
          // bytes there are left to it.
          size_t j = i + 2;
          for (; j < text.size() && text[j] != '\n'; ++j)
            if (kByteClass[static_cast<unsigned char>(text[j])] == kBail) return kNoBodyEnd;
          i = j - 1;
        } else if (text[i + 1] == '*') {
          size_t close = text.find("*/", i + 2);
          if (close == std::string_view::npos) return kNoBodyEnd;
          i = close + 1;
        }
        break;
      }
    }
  }
  return kNoBodyEnd;
}

}  // namespace tide::core
