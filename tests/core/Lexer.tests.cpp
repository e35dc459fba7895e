// The lexer on its own: token kinds and ranges, literal spellings, comments,
// and lexical errors reported once with their position.
#include <catch2/catch.hpp>

#include "tide/core/internal/lexer.h"

using namespace tide::core;

namespace {

std::vector<Token> lexAll(std::string_view text, DiagnosticSink& sink) {
  Lexer lexer(0, text, sink);
  std::vector<Token> tokens;
  for (;;) {
    Token token = lexer.next();
    tokens.push_back(token);
    if (token.kind == TokenKind::EndOfFile) return tokens;
  }
}

std::vector<TokenKind> kindsOf(std::string_view text) {
  DiagnosticSink sink;
  std::vector<TokenKind> kinds;
  for (Token token : lexAll(text, sink)) kinds.push_back(token.kind);
  REQUIRE_FALSE(sink.hasErrors());
  return kinds;
}

}  // namespace

TEST_CASE("Keywords, identifiers and builtin type names lex as expected", "[lexer]") {
  using K = TokenKind;
  CHECK(kindsOf("fn extern struct let var const if else while loop for in break continue return as "
                "true false null _ x9 i32") ==
        std::vector<K>{K::KwFn,       K::KwExtern,   K::KwStruct, K::KwLet,      K::KwVar,
                       K::KwConst,    K::KwIf,       K::KwElse,   K::KwWhile,    K::KwLoop,
                       K::KwFor,      K::KwIn,       K::KwBreak,  K::KwContinue, K::KwReturn,
                       K::KwAs,       K::KwTrue,     K::KwFalse,  K::KwNull,     K::Identifier,
                       K::Identifier, K::Identifier, K::EndOfFile});
}

TEST_CASE("Multi-character operators are lexed greedily", "[lexer]") {
  using K = TokenKind;
  CHECK(kindsOf("<<= >>= << >> <= >= == != && || += -= *= /= %= &= |= ^= .. ... .* @[ @") ==
        std::vector<K>{K::ShlEq,     K::ShrEq,     K::Shl,     K::Shr,      K::LessEq,
                       K::GreaterEq, K::EqEq,      K::NotEq,   K::AmpAmp,   K::PipePipe,
                       K::PlusEq,    K::MinusEq,   K::StarEq,  K::SlashEq,  K::PercentEq,
                       K::AmpEq,     K::PipeEq,    K::CaretEq, K::DotDot,   K::Ellipsis,
                       K::DotStar,   K::AtBracket, K::At,      K::EndOfFile});
}

TEST_CASE("Number literals keep their full spelling", "[lexer]") {
  DiagnosticSink sink;
  std::string_view text = "42 0x2A 0o52 0b101010 1_000_000 1.5 2.0e-3 1e9 1E+9 0..n";
  std::vector<Token> tokens = lexAll(text, sink);
  std::vector<std::string> spellings;
  for (Token token : tokens)
    spellings.emplace_back(text.substr(token.begin, token.end - token.begin));
  CHECK(spellings == std::vector<std::string>{"42", "0x2A", "0o52", "0b101010", "1_000_000", "1.5",
                                              "2.0e-3", "1e9", "1E+9", "0", "..", "n", ""});
  CHECK(tokens[5].kind == TokenKind::Float);
  CHECK(tokens[9].kind == TokenKind::Integer);  // `0..n` is a range, not a float
}

TEST_CASE("Comments are skipped and block comments do not nest", "[lexer]") {
  using K = TokenKind;
  CHECK(kindsOf("a // line comment\n/* block /* not nested */ b") ==
        std::vector<K>{K::Identifier, K::Identifier, K::EndOfFile});
}

TEST_CASE("String and character literals may contain escapes and UTF-8", "[lexer]") {
  using K = TokenKind;
  CHECK(kindsOf("\"hi\\n\\\"x\\\"\" '\\'' \"h\xC3\xA9llo\"") ==
        std::vector<K>{K::String, K::Char, K::String, K::EndOfFile});
}

TEST_CASE("Lexical errors are reported with their byte range", "[lexer]") {
  DiagnosticSink sink;
  lexAll("a $ b", sink);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].message == "unexpected character '$'");
  CHECK(sink.diagnostics()[0].range.begin == 2);
  CHECK(sink.diagnostics()[0].range.end == 3);
}

TEST_CASE("Invalid UTF-8 in a string literal and a NUL byte are errors", "[lexer]") {
  DiagnosticSink sink;
  std::string text = "\"a\xFF\" ";
  text += '\0';
  lexAll(text, sink);
  REQUIRE(sink.diagnostics().size() == 2);
  CHECK(sink.diagnostics()[0].message == "invalid UTF-8 in literal");
  CHECK(sink.diagnostics()[1].message == "unexpected NUL byte");
}

TEST_CASE("An unterminated string stops at the end of its line", "[lexer]") {
  DiagnosticSink sink;
  std::vector<Token> tokens = lexAll("\"abc\nx", sink);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].message == "unterminated string literal");
  CHECK(tokens[1].kind == TokenKind::Identifier);
}

TEST_CASE("A run of garbage bytes gives one error, and errors are capped", "[lexer]") {
  DiagnosticSink sink;
  lexAll(std::string(1000, '\x01'), sink);
  CHECK(sink.diagnostics().size() == 1);
  DiagnosticSink many;
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "$ a ";
  lexAll(text, many);
  CHECK(many.diagnostics().size() == DiagnosticSink::kMaxErrors);
  CHECK(many.diagnostics().back().message == "too many errors; stopping");
}
