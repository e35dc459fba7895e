// The Toy lexer (spec §2). It runs on demand: the parser pulls one token at a
// time, so a 100 MB file never needs a token array. Tokens are byte ranges into
// the source; literal values are decoded by the parser. Lexical errors
// (invalid bytes, invalid UTF-8, unterminated literals or comments) are
// reported to the sink and the lexer carries on with the next character.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "tide/core/source.h"

namespace tide::core {

enum class TokenKind : uint8_t {
  EndOfFile,
  Identifier,
  Integer,
  Float,
  Char,
  String,
  // keywords
  KwFn,
  KwExtern,
  KwStruct,
  KwLet,
  KwVar,
  KwConst,
  KwIf,
  KwElse,
  KwWhile,
  KwLoop,
  KwFor,
  KwIn,
  KwBreak,
  KwContinue,
  KwReturn,
  KwAs,
  KwTrue,
  KwFalse,
  KwNull,
  // punctuation
  LParen,
  RParen,
  LBrace,
  RBrace,
  LBracket,
  RBracket,
  Comma,
  Semicolon,
  Colon,
  Dot,
  DotDot,
  Ellipsis,
  DotStar,
  At,
  AtBracket,  // "@["
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Amp,
  Pipe,
  Caret,
  Tilde,
  Bang,
  Shl,
  Shr,
  AmpAmp,
  PipePipe,
  Eq,
  EqEq,
  NotEq,
  Less,
  LessEq,
  Greater,
  GreaterEq,
  PlusEq,
  MinusEq,
  StarEq,
  SlashEq,
  PercentEq,
  AmpEq,
  PipeEq,
  CaretEq,
  ShlEq,
  ShrEq,
  Invalid,  // already reported
};

std::string_view tokenKindName(TokenKind kind);  // "identifier", "'('", ...

struct Token {
  TokenKind kind = TokenKind::EndOfFile;
  uint32_t begin = 0;
  uint32_t end = 0;
};

class DiagnosticSink;

class Lexer {
 public:
  Lexer(uint32_t file, std::string_view text, DiagnosticSink& sink);
  Token next();
  void next(Token& out);  // the same, written into `out` (the parser's hot path)
  // Goes on lexing at byte `position` (a token boundary: the parser skips a
  // function body it parses later, and parses that body from its '{').
  void seek(size_t position) { position_ = position; }

 private:
  uint32_t file_;
  std::string_view text_;
  size_t position_ = 0;
  DiagnosticSink& sink_;

  static void set(Token& out, TokenKind kind, size_t begin, size_t end) {
    out.kind = kind;
    setRange(out, begin, end);
  }
  // begin and end in one 8-byte store: the parser copies a token's fields
  // (the compiler merges begin and end into one 8-byte load), and two
  // 4-byte stores just made cannot be forwarded to that load; it waited
  // for them to retire (23% of Parser::parseType's samples in perf).
  static void setRange(Token& out, size_t begin, size_t end) {
    static_assert(offsetof(Token, end) == offsetof(Token, begin) + 4);
    const uint64_t both =
        uint64_t{static_cast<uint32_t>(begin)} | uint64_t{static_cast<uint32_t>(end)} << 32;
    std::memcpy(reinterpret_cast<char*>(&out) + offsetof(Token, begin), &both, sizeof both);
  }
  [[gnu::noinline]] static void classifyWord(const char* word, size_t length, Token& out);
  [[gnu::noinline]] void nextSlow(size_t at, Token& out);
  void skipTrivia();
  void lexNumber(size_t start, Token& out);
  void lexQuoted(size_t start, char quote, Token& out);
  void lexPunctuation(size_t start, Token& out);
  [[gnu::noinline]] void lexInvalid(size_t start, Token& out);
  size_t validUtf8Length(size_t at) const;  // 0 when invalid
  void error(size_t begin, size_t end, std::string message);
};

// Collects diagnostics; stops recording after a cap so that a megabyte of
// garbage cannot produce a megabyte of messages.
class DiagnosticSink {
 public:
  void report(Severity severity, SourceRange range, std::string message);
  void error(SourceRange range, std::string message) {
    report(Severity::Error, range, std::move(message));
  }
  void warning(SourceRange range, std::string message) {
    report(Severity::Warning, range, std::move(message));
  }
  bool hasErrors() const { return errorCount_ > 0; }
  size_t errorCount() const { return errorCount_; }
  bool saturated() const { return errorCount_ >= kMaxErrors; }
  // Every report, kept or dropped by the caps.
  size_t reportCount() const { return reportCount_; }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }
  static constexpr size_t kMaxErrors = 200;

 private:
  std::vector<Diagnostic> diagnostics_;
  size_t errorCount_ = 0;
  size_t reportCount_ = 0;
};

}  // namespace tide::core
