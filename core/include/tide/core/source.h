// Source text and user diagnostics. Files are registered once in a
// SourceManager and referred to by index; positions are byte offsets, turned
// into 1-based line/column (column counts bytes) only when printed. A
// Diagnostic is plain data: severity, range, message (spec §10 format when
// printed by formatDiagnostics).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tide::core {

struct SourceFile {
  std::string name;  // as given: "prog.toy", "dir/a.toy"
  std::string text;
};

inline constexpr uint32_t kNoFile = 0xFFFFFFFFu;

struct SourceRange {
  uint32_t file = kNoFile;  // kNoFile: the diagnostic concerns no file text
  uint32_t begin = 0;       // byte offsets, end exclusive
  uint32_t end = 0;
};

struct LineColumn {
  uint32_t line = 0;    // 1-based
  uint32_t column = 0;  // 1-based, in bytes
};

class SourceManager {
 public:
  uint32_t addFile(std::string name, std::string text);
  size_t fileCount() const { return files_.size(); }
  const std::string& name(uint32_t file) const { return files_[file].name; }
  std::string_view text(uint32_t file) const { return files_[file].text; }
  LineColumn lineColumn(uint32_t file, uint32_t offset) const;
  std::string_view lineText(uint32_t file, uint32_t line) const;  // without '\n'
  // Offset of each line's first byte (line 1 first), for callers that map
  // many nearby offsets and search from their previous answer.
  const std::vector<uint32_t>& lineStarts(uint32_t file) const { return files_[file].lineStarts; }

 private:
  struct Entry {
    std::string name;
    std::string text;
    std::vector<uint32_t> lineStarts;  // offset of each line's first byte
  };
  std::vector<Entry> files_;
};

enum class Severity : uint8_t { Error, Warning, Note };

struct Diagnostic {
  Severity severity = Severity::Error;
  SourceRange range;
  std::string message;
  std::string path;  // used only when range.file == kNoFile (unreadable input)
};

// `file.toy:LINE:COL: error: message`, the source line, and `^~~~` under the
// range (clipped to the line). Every line ends in '\n'.
std::string formatDiagnostic(const SourceManager& sources, const Diagnostic& diagnostic);
std::string formatDiagnostics(const SourceManager& sources,
                              const std::vector<Diagnostic>& diagnostics);
bool hasErrors(const std::vector<Diagnostic>& diagnostics);

}  // namespace tide::core
