// Finding where a function body ends without parsing it, so that the parser
// can leave the body for later (see parseFile's deferBodies).
#pragma once

#include <cstddef>
#include <string_view>

namespace tide::core {

inline constexpr size_t kNoBodyEnd = static_cast<size_t>(-1);

// `text[open]` is the '{' of a function body. Returns the offset just past
// the '}' that closes it, by counting braces outside comments, string and
// character literals, exactly as the lexer tokenizes them. Returns kNoBodyEnd
// for anything the lexer might treat differently or report: a byte outside
// printable ASCII (other than tab, newline, carriage return), a literal that
// reaches the end of its line, an unterminated comment, no closing brace. The
// parser then parses that body at once, so a deferred body is only ever one
// that lexes cleanly.
size_t skimFunctionBody(std::string_view text, size_t open);

}  // namespace tide::core
