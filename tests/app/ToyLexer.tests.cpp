// Syntax colouring of Toy source, checked run by run.
#include <catch2/catch.hpp>

#include <string>

#include "gui/toy_lexer.h"

using tide::gui::StyledRun;
using tide::gui::styleToy;
using tide::gui::ToyLexer;

namespace {

// Renders runs as "style:text" pieces, skipping default-styled ones.
std::vector<std::string> styled(std::string_view text, bool* open) {
  std::vector<std::string> out;
  std::size_t at = 0;
  for (const StyledRun& run : styleToy(text, open)) {
    if (run.style != ToyLexer::Default)
      out.push_back(std::to_string(run.style) + ":" + std::string(text.substr(at, run.length)));
    at += run.length;
  }
  REQUIRE(at == text.size());
  return out;
}

std::string s(ToyLexer::Style style, const char* text) {
  return std::to_string(style) + ":" + text;
}

}  // namespace

TEST_CASE("keywords, types, numbers, strings and intrinsics get their styles", "[gui]") {
  bool open = false;
  const auto runs =
      styled(R"(fn f(x: i64): bool { return @clz(x) == 0x10 && "a\"b" != null; })", &open);
  CHECK(runs ==
        std::vector<std::string>{s(ToyLexer::Keyword, "fn"), s(ToyLexer::Type, "i64"),
                                 s(ToyLexer::Type, "bool"), s(ToyLexer::Keyword, "return"),
                                 s(ToyLexer::Intrinsic, "@clz"), s(ToyLexer::Number, "0x10"),
                                 s(ToyLexer::String, "\"a\\\"b\""), s(ToyLexer::Keyword, "null")});
  CHECK_FALSE(open);
}

TEST_CASE("a block comment carries over to the next line", "[gui]") {
  bool open = false;
  CHECK(styled("let a = 1; /* starts", &open).back() == s(ToyLexer::Comment, "/* starts"));
  CHECK(open);
  CHECK(styled("ends */ var", &open) ==
        std::vector<std::string>{s(ToyLexer::Comment, "ends */"), s(ToyLexer::Keyword, "var")});
  CHECK_FALSE(open);
}

TEST_CASE("an unclosed string stops at the end of its line", "[gui]") {
  bool open = false;
  CHECK(styled("\"abc", &open) == std::vector<std::string>{s(ToyLexer::String, "\"abc")});
}

TEST_CASE("a range's dots are not part of its bounds", "[gui]") {
  bool open = false;
  CHECK(styled("for i in 0..10 { } 1.5", &open) ==
        std::vector<std::string>{s(ToyLexer::Keyword, "for"), s(ToyLexer::Keyword, "in"),
                                 s(ToyLexer::Number, "0"), s(ToyLexer::Number, "10"),
                                 s(ToyLexer::Number, "1.5")});
}
