// The Toy lexer: a hand-written scanner over bytes. Identifiers, numbers and
// punctuation are ASCII; non-ASCII bytes are allowed only inside comments and
// string/char literals and must be valid UTF-8 there.
#include "tide/core/internal/lexer.h"

#include <array>
#include <cstring>

namespace tide::core {

void DiagnosticSink::report(Severity severity, SourceRange range, std::string message) {
  ++reportCount_;
  if (severity == Severity::Error) {
    if (errorCount_ == kMaxErrors) return;
    if (++errorCount_ == kMaxErrors) message = "too many errors; stopping";
  } else if (diagnostics_.size() > 4 * kMaxErrors) {
    return;
  }
  diagnostics_.push_back({severity, range, std::move(message), {}});
}

namespace {

struct Keyword {
  std::string_view text;
  TokenKind kind;
};

// Keywords by first letter, so an identifier is compared with at most three
// of them (most identifiers with none).
const Keyword kKeywordsA[] = {{"as", TokenKind::KwAs}};
const Keyword kKeywordsB[] = {{"break", TokenKind::KwBreak}};
const Keyword kKeywordsC[] = {{"const", TokenKind::KwConst}, {"continue", TokenKind::KwContinue}};
const Keyword kKeywordsE[] = {{"else", TokenKind::KwElse}, {"extern", TokenKind::KwExtern}};
const Keyword kKeywordsF[] = {
    {"fn", TokenKind::KwFn}, {"for", TokenKind::KwFor}, {"false", TokenKind::KwFalse}};
const Keyword kKeywordsI[] = {{"if", TokenKind::KwIf}, {"in", TokenKind::KwIn}};
const Keyword kKeywordsL[] = {{"let", TokenKind::KwLet}, {"loop", TokenKind::KwLoop}};
const Keyword kKeywordsN[] = {{"null", TokenKind::KwNull}};
const Keyword kKeywordsR[] = {{"return", TokenKind::KwReturn}};
const Keyword kKeywordsS[] = {{"struct", TokenKind::KwStruct}};
const Keyword kKeywordsT[] = {{"true", TokenKind::KwTrue}};
const Keyword kKeywordsV[] = {{"var", TokenKind::KwVar}};
const Keyword kKeywordsW[] = {{"while", TokenKind::KwWhile}};

// Character classes of the ASCII range (bytes >= 0x80 have none).
enum : uint8_t { kIdentStart = 1, kDigit = 2, kSpace = 4 };
constexpr auto kCharClass = [] {
  std::array<uint8_t, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[c] = kIdentStart;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = kIdentStart;
  table['_'] = kIdentStart;
  for (int c = '0'; c <= '9'; ++c) table[c] = kDigit;
  table[' '] = table['\t'] = table['\n'] = table['\r'] = kSpace;
  return table;
}();

uint8_t charClass(char c) { return kCharClass[static_cast<unsigned char>(c)]; }
bool isDigit(char c) { return charClass(c) & kDigit; }
bool isIdentChar(char c) { return charClass(c) & (kIdentStart | kDigit); }

template <size_t N>
TokenKind findKeyword(std::string_view word, const Keyword (&keywords)[N]) {
  for (const Keyword& keyword : keywords)
    if (word == keyword.text) return keyword.kind;
  return TokenKind::Identifier;
}

TokenKind keywordOrIdentifier(std::string_view word) {
  if (word.size() < 2 || word.size() > 8) return TokenKind::Identifier;
  switch (word[0]) {
    case 'a': return findKeyword(word, kKeywordsA);
    case 'b': return findKeyword(word, kKeywordsB);
    case 'c': return findKeyword(word, kKeywordsC);
    case 'e': return findKeyword(word, kKeywordsE);
    case 'f': return findKeyword(word, kKeywordsF);
    case 'i': return findKeyword(word, kKeywordsI);
    case 'l': return findKeyword(word, kKeywordsL);
    case 'n': return findKeyword(word, kKeywordsN);
    case 'r': return findKeyword(word, kKeywordsR);
    case 's': return findKeyword(word, kKeywordsS);
    case 't': return findKeyword(word, kKeywordsT);
    case 'v': return findKeyword(word, kKeywordsV);
    case 'w': return findKeyword(word, kKeywordsW);
    default: return TokenKind::Identifier;
  }
}

}  // namespace

std::string_view tokenKindName(TokenKind kind) {
  static const char* const kNames[] = {"end of file",
                                       "identifier",
                                       "integer literal",
                                       "float literal",
                                       "character literal",
                                       "string literal",
                                       "'fn'",
                                       "'extern'",
                                       "'struct'",
                                       "'let'",
                                       "'var'",
                                       "'const'",
                                       "'if'",
                                       "'else'",
                                       "'while'",
                                       "'loop'",
                                       "'for'",
                                       "'in'",
                                       "'break'",
                                       "'continue'",
                                       "'return'",
                                       "'as'",
                                       "'true'",
                                       "'false'",
                                       "'null'",
                                       "'('",
                                       "')'",
                                       "'{'",
                                       "'}'",
                                       "'['",
                                       "']'",
                                       "','",
                                       "';'",
                                       "':'",
                                       "'.'",
                                       "'..'",
                                       "'...'",
                                       "'.*'",
                                       "'@'",
                                       "'@['",
                                       "'+'",
                                       "'-'",
                                       "'*'",
                                       "'/'",
                                       "'%'",
                                       "'&'",
                                       "'|'",
                                       "'^'",
                                       "'~'",
                                       "'!'",
                                       "'<<'",
                                       "'>>'",
                                       "'&&'",
                                       "'||'",
                                       "'='",
                                       "'=='",
                                       "'!='",
                                       "'<'",
                                       "'<='",
                                       "'>'",
                                       "'>='",
                                       "'+='",
                                       "'-='",
                                       "'*='",
                                       "'/='",
                                       "'%='",
                                       "'&='",
                                       "'|='",
                                       "'^='",
                                       "'<<='",
                                       "'>>='",
                                       "invalid token"};
  return kNames[static_cast<int>(kind)];
}

Lexer::Lexer(uint32_t file, std::string_view text, DiagnosticSink& sink)
    : file_(file), text_(text), sink_(sink) {}

void Lexer::error(size_t begin, size_t end, std::string message) {
  sink_.error({file_, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)},
              std::move(message));
}

size_t Lexer::validUtf8Length(size_t at) const {
  unsigned char lead = static_cast<unsigned char>(text_[at]);
  size_t length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (lead >= 0xF5 || length == 0 || at + length > text_.size()) return 0;
  for (size_t i = 1; i < length; ++i)
    if ((static_cast<unsigned char>(text_[at + i]) & 0xC0) != 0x80) return 0;
  unsigned char second = static_cast<unsigned char>(text_[at + 1]);
  if (lead == 0xE0 && second < 0xA0) return 0;   // overlong
  if (lead == 0xED && second >= 0xA0) return 0;  // surrogates
  if (lead == 0xF0 && second < 0x90) return 0;   // overlong
  if (lead == 0xF4 && second >= 0x90) return 0;  // above U+10FFFF
  return length;
}

void Lexer::skipTrivia() {
  while (position_ < text_.size()) {
    char c = text_[position_];
    if (charClass(c) & kSpace) {
      ++position_;
    } else if (c == '/' && position_ + 1 < text_.size() && text_[position_ + 1] == '/') {
      const void* newline = std::memchr(text_.data() + position_, '\n', text_.size() - position_);
      size_t end = newline ? static_cast<const char*>(newline) - text_.data() : text_.size();
      for (size_t i = position_; i < end; ++i) {
        if (static_cast<unsigned char>(text_[i]) < 0x80) continue;
        size_t length = validUtf8Length(i);
        if (length == 0) {
          error(i, i + 1, "invalid UTF-8 in comment");
          length = 1;
        }
        i += length - 1;
      }
      position_ = end;
    } else if (c == '/' && position_ + 1 < text_.size() && text_[position_ + 1] == '*') {
      size_t close = text_.find("*/", position_ + 2);
      if (close == std::string_view::npos) {
        error(position_, position_ + 2, "unterminated block comment");
        position_ = text_.size();
      } else {
        position_ = close + 2;
      }
    } else {
      return;
    }
  }
}

// Single-character punctuation that never starts a longer token.
constexpr auto kSinglePunctuation = [] {
  std::array<TokenKind, 256> table{};
  table.fill(TokenKind::Invalid);
  table['('] = TokenKind::LParen;
  table[')'] = TokenKind::RParen;
  table['{'] = TokenKind::LBrace;
  table['}'] = TokenKind::RBrace;
  table['['] = TokenKind::LBracket;
  table[']'] = TokenKind::RBracket;
  table[','] = TokenKind::Comma;
  table[';'] = TokenKind::Semicolon;
  table[':'] = TokenKind::Colon;
  table['~'] = TokenKind::Tilde;
  return table;
}();

// The hot path: blanks, identifiers and one-character punctuation are handled
// here with local indexes; comments, numbers, literals and operators that may
// be longer than one character go to the helpers. The token is written field
// by field into the caller's: a 12-byte Token returned by value was built on
// the stack and reloaded whole, and that reload stalled on store forwarding
// (measured: most of the time of this function).
// The common tokens (identifiers and keywords, one-character punctuation)
// take the inline path, which calls nothing but in tail position, so it
// saves no registers (it pushed six for every token, ~17M of the front
// end's instructions on the 100k-line benchmark); the rest is nextSlow.
void Lexer::next(Token& out) {
  const char* text = text_.data();
  const size_t size = text_.size();
  size_t at = position_;
  while (at < size && (charClass(text[at]) & kSpace)) ++at;
  if (at < size) {
    char c = text[at];
    if (charClass(c) & kIdentStart) {
      size_t start = at++;
      while (at < size && (charClass(text[at]) & (kIdentStart | kDigit))) ++at;
      position_ = at;
      setRange(out, start, at);
      return classifyWord(text + start, at - start, out);
    }
    TokenKind single = kSinglePunctuation[static_cast<unsigned char>(c)];
    if (single != TokenKind::Invalid) {
      position_ = at + 1;
      set(out, single, at, at + 1);
      return;
    }
  }
  return nextSlow(at, out);
}

void Lexer::classifyWord(const char* word, size_t length, Token& out) {
  out.kind = keywordOrIdentifier(std::string_view(word, length));
}

// Everything but the common tokens, from `at` (blanks skipped): comments
// (then the token after them, by next), the end of the file, numbers,
// literals and the punctuation of more than one character.
void Lexer::nextSlow(size_t at, Token& out) {
  const char* text = text_.data();
  const size_t size = text_.size();
  if (at + 1 < size && text[at] == '/' && (text[at + 1] == '/' || text[at + 1] == '*')) {
    position_ = at;
    skipTrivia();  // past every comment and blank here: next() does not come back for them
    return next(out);
  }
  position_ = at;
  if (at >= size) {
    set(out, TokenKind::EndOfFile, at, at);
    return;
  }
  char c = text[at];
  if (charClass(c) & kDigit) {
    lexNumber(at, out);
    return;
  }
  if (c == '"' || c == '\'') {
    lexQuoted(at, c, out);
    return;
  }
  lexPunctuation(at, out);
}

Token Lexer::next() {
  Token token;
  next(token);
  return token;
}

// Numbers are scanned greedily here (digits, letters, '_', and a '.'+digit or
// exponent sign); the parser validates and decodes the spelling, so that
// `0x_1` or `1__000` get one precise message instead of a token cascade.
void Lexer::lexNumber(size_t start, Token& out) {
  bool isFloat = false;
  bool hex = start + 1 < text_.size() && text_[start] == '0' &&
             (text_[start + 1] == 'x' || text_[start + 1] == 'X');
  while (position_ < text_.size()) {
    char c = text_[position_];
    if (isIdentChar(c)) {
      ++position_;
      if (!hex && (c == 'e' || c == 'E') && position_ < text_.size() &&
          (text_[position_] == '+' || text_[position_] == '-')) {
        isFloat = true;
        ++position_;
      }
      if (!hex && (c == 'e' || c == 'E')) isFloat = true;
    } else if (c == '.' && !hex && position_ + 1 < text_.size() && isDigit(text_[position_ + 1])) {
      isFloat = true;
      ++position_;
    } else {
      break;
    }
  }
  set(out, isFloat ? TokenKind::Float : TokenKind::Integer, start, position_);
}

void Lexer::lexQuoted(size_t start, char quote, Token& out) {
  position_ = start + 1;
  while (position_ < text_.size()) {
    char c = text_[position_];
    if (c == quote) {
      ++position_;
      set(out, quote == '"' ? TokenKind::String : TokenKind::Char, start, position_);
      return;
    }
    if (c == '\n') break;
    if (c == '\\' && position_ + 1 < text_.size() && text_[position_ + 1] != '\n') {
      position_ += 2;
      continue;
    }
    if (static_cast<unsigned char>(c) >= 0x80) {
      size_t length = validUtf8Length(position_);
      if (length == 0) {
        error(position_, position_ + 1, "invalid UTF-8 in literal");
        length = 1;
      }
      position_ += length;
      continue;
    }
    ++position_;
  }
  error(start, position_,
        quote == '"' ? "unterminated string literal" : "unterminated character literal");
  set(out, TokenKind::Invalid, start, position_);
}

// Written into `out` field by field, as next() does: a Token returned by
// value was built on the stack byte-, then word-wise and reloaded as a
// quadword there, which stalled on store forwarding (40% of this function's
// samples in perf annotate).
void Lexer::lexPunctuation(size_t start, Token& out) {
  auto at = [&](size_t i) { return start + i < text_.size() ? text_[start + i] : '\0'; };
  auto make = [&](TokenKind kind, size_t length) {
    position_ = start + length;
    set(out, kind, start, position_);
  };
  char c = at(0), d = at(1);
  switch (c) {
    case '(': return make(TokenKind::LParen, 1);
    case ')': return make(TokenKind::RParen, 1);
    case '{': return make(TokenKind::LBrace, 1);
    case '}': return make(TokenKind::RBrace, 1);
    case '[': return make(TokenKind::LBracket, 1);
    case ']': return make(TokenKind::RBracket, 1);
    case ',': return make(TokenKind::Comma, 1);
    case ';': return make(TokenKind::Semicolon, 1);
    case ':': return make(TokenKind::Colon, 1);
    case '~': return make(TokenKind::Tilde, 1);
    case '@': return d == '[' ? make(TokenKind::AtBracket, 2) : make(TokenKind::At, 1);
    case '.':
      if (d == '.') return at(2) == '.' ? make(TokenKind::Ellipsis, 3) : make(TokenKind::DotDot, 2);
      if (d == '*') return make(TokenKind::DotStar, 2);
      return make(TokenKind::Dot, 1);
    case '+': return d == '=' ? make(TokenKind::PlusEq, 2) : make(TokenKind::Plus, 1);
    case '-': return d == '=' ? make(TokenKind::MinusEq, 2) : make(TokenKind::Minus, 1);
    case '*': return d == '=' ? make(TokenKind::StarEq, 2) : make(TokenKind::Star, 1);
    case '/': return d == '=' ? make(TokenKind::SlashEq, 2) : make(TokenKind::Slash, 1);
    case '%': return d == '=' ? make(TokenKind::PercentEq, 2) : make(TokenKind::Percent, 1);
    case '^': return d == '=' ? make(TokenKind::CaretEq, 2) : make(TokenKind::Caret, 1);
    case '!': return d == '=' ? make(TokenKind::NotEq, 2) : make(TokenKind::Bang, 1);
    case '=': return d == '=' ? make(TokenKind::EqEq, 2) : make(TokenKind::Eq, 1);
    case '&':
      if (d == '&') return make(TokenKind::AmpAmp, 2);
      return d == '=' ? make(TokenKind::AmpEq, 2) : make(TokenKind::Amp, 1);
    case '|':
      if (d == '|') return make(TokenKind::PipePipe, 2);
      return d == '=' ? make(TokenKind::PipeEq, 2) : make(TokenKind::Pipe, 1);
    case '<':
      if (d == '<') return at(2) == '=' ? make(TokenKind::ShlEq, 3) : make(TokenKind::Shl, 2);
      return d == '=' ? make(TokenKind::LessEq, 2) : make(TokenKind::Less, 1);
    case '>':
      if (d == '>') return at(2) == '=' ? make(TokenKind::ShrEq, 3) : make(TokenKind::Shr, 2);
      return d == '=' ? make(TokenKind::GreaterEq, 2) : make(TokenKind::Greater, 1);
    default: return lexInvalid(start, out);
  }
}

// One message per run of bad bytes, so a binary file cannot flood the output.
// (Out of line: lexPunctuation then saves no registers and keeps no frame.)
void Lexer::lexInvalid(size_t start, Token& out) {
  const char c = start < text_.size() ? text_[start] : '\0';
  size_t end = start;
  while (end < text_.size()) {
    unsigned char b = static_cast<unsigned char>(text_[end]);
    bool bad = b == 0 || b >= 0x80 || (b < 32 && b != '\n' && b != '\t' && b != '\r') || b == '$' ||
               b == '`' || b == '#' || b == '?' || b == '\\' || b == 127;
    if (!bad) break;
    ++end;
  }
  if (end == start) end = start + 1;
  unsigned char first = static_cast<unsigned char>(c);
  std::string message;
  if (first == 0) {
    message = "unexpected NUL byte";
  } else if (first >= 0x80) {
    message = validUtf8Length(start) ? "unexpected non-ASCII character outside a literal"
                                     : "invalid UTF-8";
  } else if (first < 32 || first == 127) {
    message = "unexpected control character";
  } else {
    message = std::string("unexpected character '") + c + "'";
  }
  error(start, end, message);
  position_ = end;
  set(out, TokenKind::Invalid, start, end);
}

}  // namespace tide::core
