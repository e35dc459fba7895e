// The Toy parser: recursive descent, one function per grammar rule (the EBNF
// rule is written above each), building an arena AST. Errors are reported to
// the sink; the parser recovers at statement and declaration boundaries. Nesting
// deeper than kMaxNesting stops the file with one clear error, so no input can
// overflow the stack.
#pragma once

#include <string>

#include "tide/core/internal/ast.h"
#include "tide/core/internal/lexer.h"

namespace tide::core {

inline constexpr int kMaxNesting = 256;
// Bound on the depth of one expression tree (nesting plus chained operators).
inline constexpr int kMaxExpressionDepth = 1000;

FileAst parseFile(uint32_t file, std::string_view text, Arena& arena, DiagnosticSink& sink);

// Decodes the body of a string or character literal spelling (quotes
// included). On a bad escape returns false with the byte offset (within the
// spelling) and length of the offending escape in errorAt / errorLength.
bool decodeQuoted(std::string_view spelling, std::string& out, std::string& error, size_t& errorAt,
                  size_t& errorLength);

}  // namespace tide::core
