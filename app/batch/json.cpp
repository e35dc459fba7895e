// JSON writer and recursive-descent reader (RFC 8259). The writer escapes
// every control byte and replaces invalid UTF-8 with U+FFFD, because captured
// program output is arbitrary bytes and the files must stay valid JSON.
#include "batch/json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace tide::batch {

const JsonValue* JsonValue::find(std::string_view key) const {
  if (const JsonObject* members = object())
    for (const auto& [name, member] : *members)
      if (name == key) return &member;
  return nullptr;
}

std::string JsonValue::stringOr(std::string_view key, std::string fallback) const {
  const JsonValue* member = find(key);
  return member && member->string() ? *member->string() : fallback;
}

double JsonValue::numberOr(std::string_view key, double fallback) const {
  const JsonValue* member = find(key);
  return member && member->number() ? *member->number() : fallback;
}

namespace {

// Length of the valid UTF-8 sequence starting at text[i], 0 if invalid.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned minimum = 0;
  unsigned codePoint = 0;
  if (lead >= 0xC2 && lead <= 0xDF)
    length = 2, minimum = 0x80, codePoint = lead & 0x1F;
  else if (lead >= 0xE0 && lead <= 0xEF)
    length = 3, minimum = 0x800, codePoint = lead & 0x0F;
  else if (lead >= 0xF0 && lead <= 0xF4)
    length = 4, minimum = 0x10000, codePoint = lead & 0x07;
  else
    return 0;
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    codePoint = (codePoint << 6) | (byte(i + k) & 0x3F);
  }
  if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
    return 0;
  return length;
}

void appendQuoted(std::string& out, std::string_view text) {
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t length = utf8SequenceLength(text, i);
      if (length == 0) {
        out += "\\ufffd";
        ++i;
      } else {
        out.append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out += escaped;
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

void appendNumber(std::string& out, double number) {
  if (!std::isfinite(number)) {
    out += "null";  // JSON has no infinities
    return;
  }
  char text[32];
  if (number == std::floor(number) && std::fabs(number) < 1e15)
    std::snprintf(text, sizeof text, "%.0f", number);
  else
    std::snprintf(text, sizeof text, "%.15g", number);  // no binary noise
  out += text;
}

void appendValue(std::string& out, const JsonValue& value) {
  if (value.isNull())
    out += "null";
  else if (const bool* b = value.boolean())
    out += *b ? "true" : "false";
  else if (const double* d = value.number())
    appendNumber(out, *d);
  else if (const std::string* s = value.string())
    appendQuoted(out, *s);
  else if (const JsonArray* a = value.array()) {
    out += '[';
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (i) out += ',';
      appendValue(out, (*a)[i]);
    }
    out += ']';
  } else if (const JsonObject* o = value.object()) {
    out += '{';
    for (std::size_t i = 0; i < o->size(); ++i) {
      if (i) out += ',';
      appendQuoted(out, (*o)[i].first);
      out += ':';
      appendValue(out, (*o)[i].second);
    }
    out += '}';
  }
}

// value := object | array | string | number | true | false | null
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  JsonParseResult parseDocument() {
    JsonParseResult result;
    JsonValue value;
    if (parseValue(value, 0)) {
      skipSpace();
      if (position_ == text_.size())
        result.value = std::move(value);
      else
        fail("trailing characters after the value");
    }
    if (!result.value) result.error = "offset " + std::to_string(position_) + ": " + error_;
    return result;
  }

 private:
  static constexpr int kMaxDepth = 256;  // bounds recursion on hostile input

  bool fail(const char* message) {
    if (error_.empty()) error_ = message;
    return false;
  }
  void skipSpace() {
    while (position_ < text_.size() && (text_[position_] == ' ' || text_[position_] == '\t' ||
                                        text_[position_] == '\n' || text_[position_] == '\r'))
      ++position_;
  }
  bool consume(std::string_view word) {
    if (text_.substr(position_, word.size()) != word) return false;
    position_ += word.size();
    return true;
  }

  bool parseValue(JsonValue& out, int depth) {
    if (depth > kMaxDepth) return fail("nesting too deep");
    skipSpace();
    if (position_ >= text_.size()) return fail("unexpected end of input");
    const char c = text_[position_];
    if (c == '{') return parseObject(out, depth);
    if (c == '[') return parseArray(out, depth);
    if (c == '"') {
      std::string s;
      if (!parseString(s)) return false;
      out = JsonValue(std::move(s));
      return true;
    }
    if (consume("true")) return out = JsonValue(true), true;
    if (consume("false")) return out = JsonValue(false), true;
    if (consume("null")) return out = JsonValue(nullptr), true;
    return parseNumber(out);
  }

  bool parseObject(JsonValue& out, int depth) {
    ++position_;  // '{'
    JsonObject members;
    skipSpace();
    if (consume("}")) return out = JsonValue(std::move(members)), true;
    for (;;) {
      skipSpace();
      std::string key;
      if (position_ >= text_.size() || text_[position_] != '"')
        return fail("expected a member name");
      if (!parseString(key)) return false;
      skipSpace();
      if (!consume(":")) return fail("expected ':'");
      JsonValue member;
      if (!parseValue(member, depth + 1)) return false;
      members.emplace_back(std::move(key), std::move(member));
      skipSpace();
      if (consume("}")) break;
      if (!consume(",")) return fail("expected ',' or '}'");
    }
    out = JsonValue(std::move(members));
    return true;
  }

  bool parseArray(JsonValue& out, int depth) {
    ++position_;  // '['
    JsonArray elements;
    skipSpace();
    if (consume("]")) return out = JsonValue(std::move(elements)), true;
    for (;;) {
      JsonValue element;
      if (!parseValue(element, depth + 1)) return false;
      elements.push_back(std::move(element));
      skipSpace();
      if (consume("]")) break;
      if (!consume(",")) return fail("expected ',' or ']'");
    }
    out = JsonValue(std::move(elements));
    return true;
  }

  bool parseHex4(unsigned& out) {
    if (position_ + 4 > text_.size()) return fail("truncated \\u escape");
    out = 0;
    for (int k = 0; k < 4; ++k) {
      const char h = text_[position_++];
      out <<= 4;
      if (h >= '0' && h <= '9')
        out |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f')
        out |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F')
        out |= static_cast<unsigned>(h - 'A' + 10);
      else
        return fail("bad hex digit in \\u escape");
    }
    return true;
  }

  static void appendUtf8(std::string& out, unsigned cp) {
    if (cp < 0x80)
      out += static_cast<char>(cp);
    else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool parseString(std::string& out) {
    ++position_;  // opening quote
    while (position_ < text_.size()) {
      const char c = text_[position_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (position_ >= text_.size()) break;
      const char e = text_[position_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = 0;
          if (!parseHex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF && consume("\\u")) {
            unsigned low = 0;
            if (!parseHex4(low)) return false;
            if (low >= 0xDC00 && low <= 0xDFFF)
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            else
              cp = 0xFFFD;
          } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
          }
          appendUtf8(out, cp);
          break;
        }
        default: return fail("bad escape in string");
      }
    }
    return fail("unterminated string");
  }

  bool parseNumber(JsonValue& out) {
    const std::size_t start = position_;
    if (position_ < text_.size() && text_[position_] == '-') ++position_;
    const auto digits = [&] {
      const std::size_t from = position_;
      while (position_ < text_.size() && text_[position_] >= '0' && text_[position_] <= '9')
        ++position_;
      return position_ > from;
    };
    if (!digits()) return fail("expected a value");
    if (position_ < text_.size() && text_[position_] == '.') {
      ++position_;
      if (!digits()) return fail("expected digits after '.'");
    }
    if (position_ < text_.size() && (text_[position_] == 'e' || text_[position_] == 'E')) {
      ++position_;
      if (position_ < text_.size() && (text_[position_] == '+' || text_[position_] == '-'))
        ++position_;
      if (!digits()) return fail("expected exponent digits");
    }
    const std::string number(text_.substr(start, position_ - start));
    out = JsonValue(std::strtod(number.c_str(), nullptr));
    return true;
  }

  std::string_view text_;
  std::size_t position_ = 0;
  std::string error_;
};

}  // namespace

std::string toJson(const JsonValue& value) {
  std::string out;
  appendValue(out, value);
  return out;
}

std::string jsonQuoted(std::string_view text) {
  std::string out;
  appendQuoted(out, text);
  return out;
}

std::string validUtf8(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x80 ? 1 : utf8SequenceLength(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

JsonParseResult parseJson(std::string_view text) { return Reader(text).parseDocument(); }

}  // namespace tide::batch
