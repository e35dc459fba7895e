// The batch engine's JSON writer and reader (app/batch/json.h): round trips,
// escaping of arbitrary program output, and errors with offsets.
#include <catch2/catch.hpp>

#include "batch/json.h"

using namespace tide::batch;

TEST_CASE("a JSON object round-trips through the writer and the reader", "[batch][json]") {
  const JsonValue original = JsonObject{
      {"name", "cases/fib"}, {"status", 139},   {"ratio", 0.25},
      {"ok", true},          {"none", nullptr}, {"list", JsonArray{JsonValue("a"), JsonValue(-2)}}};
  const std::string text = toJson(original);
  CHECK(text ==
        R"({"name":"cases/fib","status":139,"ratio":0.25,"ok":true,"none":null,"list":["a",-2]})");
  const JsonParseResult parsed = parseJson(text);
  REQUIRE(parsed.value);
  CHECK(toJson(*parsed.value) == text);
  CHECK(parsed.value->stringOr("name") == "cases/fib");
  CHECK(parsed.value->numberOr("status") == 139);
}

TEST_CASE("control bytes, quotes and invalid UTF-8 are escaped so the line stays valid JSON",
          "[batch][json]") {
  const std::string raw = std::string("a\"b\\c\n\t\x01\x7f") + "\xff" + "\xc3\xa9";
  const std::string quoted = jsonQuoted(raw);
  CHECK(quoted == "\"a\\\"b\\\\c\\n\\t\\u0001\\u007f\\ufffd\xc3\xa9\"");
  CHECK(quoted.find('\n') == std::string::npos);
  const JsonParseResult parsed = parseJson(quoted);
  REQUIRE(parsed.value);
  CHECK(*parsed.value->string() ==
        std::string("a\"b\\c\n\t\x01\x7f") + "\xef\xbf\xbd" + "\xc3\xa9");
}

TEST_CASE("the reader decodes \\u escapes including surrogate pairs", "[batch][json]") {
  const JsonParseResult parsed = parseJson(R"(["\u00e9", "\ud83d\ude00", "\/"])");
  REQUIRE(parsed.value);
  const JsonArray& items = *parsed.value->array();
  CHECK(*items[0].string() == "\xc3\xa9");
  CHECK(*items[1].string() == "\xf0\x9f\x98\x80");
  CHECK(*items[2].string() == "/");
}

TEST_CASE("malformed JSON is an error that names the offset", "[batch][json]") {
  const auto errorOf = [](const char* text) { return parseJson(text).error; };
  CHECK(errorOf(R"({"a":1,})").rfind("offset 7:", 0) == 0);
  CHECK(errorOf(R"({"a" 1})").find("expected ':'") != std::string::npos);
  CHECK(errorOf(R"("open)").find("unterminated") != std::string::npos);
  CHECK(errorOf("[1] x").find("trailing") != std::string::npos);
  CHECK(errorOf("").find("end of input") != std::string::npos);
  CHECK(!parseJson(std::string(1000, '[')).value);  // bounded depth, no stack overflow
}
