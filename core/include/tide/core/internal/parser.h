// The Toy parser: recursive descent, one function per grammar rule (the EBNF
// rule is written above each), building an arena AST. Errors are reported to
// the sink; the parser recovers at statement and declaration boundaries. Nesting
// deeper than kMaxNesting stops the file with one clear error, so no input can
// overflow the stack.
#pragma once

#include <string>
#include <vector>

#include "tide/core/internal/ast.h"
#include "tide/core/internal/lexer.h"

namespace tide::core {

inline constexpr int kMaxNesting = 256;
// Bound on the depth of one expression tree (nesting plus chained operators).
inline constexpr int kMaxExpressionDepth = 1000;

// With deferBodies, a function body whose end skimFunctionBody finds is not
// parsed: its Decl has bodyDeferred set and a null body, for
// parseDeferredBody. The AST is then that of the declarations, so a file's
// bodies can be parsed one at a time into memory reused between them.
FileAst parseFile(uint32_t file, std::string_view text, Arena& arena, DiagnosticSink& sink,
                  bool deferBodies = false);

// The parser's working stack, kept by whoever parses many deferred bodies.
struct ParseScratch {
  std::vector<void*> items;
};

// Parses a deferred body of `file` (the same AST and diagnostics as parsing it
// in place). `clean` tells whether it was reported nothing and ended at the
// brace the skim found; if not, the caller is to parse the files again
// without deferring, so that every diagnostic comes in its usual order.
Block* parseDeferredBody(const FileAst& file, const Decl& function, Arena& arena,
                         DiagnosticSink& sink, ParseScratch& scratch, bool& clean);

// Decodes the body of a string or character literal spelling (quotes
// included). On a bad escape returns false with the byte offset (within the
// spelling) and length of the offending escape in errorAt / errorLength.
bool decodeQuoted(std::string_view spelling, std::string& out, std::string& error, size_t& errorAt,
                  size_t& errorLength);

}  // namespace tide::core
