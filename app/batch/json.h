// A small JSON value, writer and reader for the batch engine's result files
// (JSON lines). Only what the engine needs: objects keep insertion order so
// written files read naturally, numbers are doubles (exit statuses and
// durations fit exactly), and the reader reports the byte offset of the first
// error instead of throwing.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace tide::batch {

struct JsonValue;
using JsonArray = std::vector<JsonValue>;
using JsonObject = std::vector<std::pair<std::string, JsonValue>>;

struct JsonValue {
  std::variant<std::nullptr_t, bool, double, std::string, JsonArray, JsonObject> value = nullptr;

  JsonValue() = default;
  JsonValue(std::nullptr_t) {}
  JsonValue(bool b) : value(b) {}
  JsonValue(double d) : value(d) {}
  JsonValue(int i) : value(static_cast<double>(i)) {}
  JsonValue(std::int64_t i) : value(static_cast<double>(i)) {}
  JsonValue(const char* s) : value(std::string(s)) {}
  JsonValue(std::string s) : value(std::move(s)) {}
  JsonValue(std::string_view s) : value(std::string(s)) {}
  JsonValue(JsonArray a) : value(std::move(a)) {}
  JsonValue(JsonObject o) : value(std::move(o)) {}

  bool isNull() const { return std::holds_alternative<std::nullptr_t>(value); }
  const JsonObject* object() const { return std::get_if<JsonObject>(&value); }
  const JsonArray* array() const { return std::get_if<JsonArray>(&value); }
  const std::string* string() const { return std::get_if<std::string>(&value); }
  const double* number() const { return std::get_if<double>(&value); }
  const bool* boolean() const { return std::get_if<bool>(&value); }

  // Member lookup on an object; nullptr when absent or not an object.
  const JsonValue* find(std::string_view key) const;
  std::string stringOr(std::string_view key, std::string fallback = {}) const;
  double numberOr(std::string_view key, double fallback = 0) const;
};

// One line of compact JSON (no newlines inside, so it suits JSON lines).
std::string toJson(const JsonValue& value);
// The string literal for text, quotes included; control and non-UTF-8
// bytes are escaped so the output is always valid JSON.
std::string jsonQuoted(std::string_view text);
// text with every invalid UTF-8 byte replaced by U+FFFD (for XML, too).
std::string validUtf8(std::string_view text);

struct JsonParseResult {
  std::optional<JsonValue> value;
  std::string error;  // "offset N: message" when value is empty
};
JsonParseResult parseJson(std::string_view text);

}  // namespace tide::batch
