// Helpers shared by the front-end tests: compile one in-memory file and look
// at its diagnostics as printed text.
#pragma once

#include <string>

#include "tide/core/compile.h"

namespace tide::test {

inline core::CompileResult compileText(const std::string& text, const std::string& name = "t.toy") {
  return core::compileSources({{name, text}}, core::CompileOptions{true});
}

inline std::string diagnosticsOf(const std::string& text, const std::string& name = "t.toy") {
  return core::formatDiagnostics(compileText(text, name));
}

// The program `fn main(): i32 { BODY }`.
inline std::string inMain(const std::string& body) { return "fn main(): i32 {\n" + body + "\n}\n"; }

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace tide::test
