// SourceManager and the diagnostic printer (spec §10). Line starts are
// computed once per file at registration, so a lookup is a binary search.
#include <algorithm>
#include <cstring>

#include "tide/core/source.h"

namespace tide::core {

uint32_t SourceManager::addFile(std::string name, std::string text) {
  Entry entry{std::move(name), std::move(text), {0}};
  const char* begin = entry.text.data();
  const char* end = begin + entry.text.size();
  for (const char* at = begin; at < end; ++at) {
    at = static_cast<const char*>(std::memchr(at, '\n', static_cast<size_t>(end - at)));
    if (at == nullptr) break;
    entry.lineStarts.push_back(static_cast<uint32_t>(at - begin + 1));
  }
  files_.push_back(std::move(entry));
  return static_cast<uint32_t>(files_.size() - 1);
}

LineColumn SourceManager::lineColumn(uint32_t file, uint32_t offset) const {
  const std::vector<uint32_t>& starts = files_[file].lineStarts;
  auto next = std::upper_bound(starts.begin(), starts.end(), offset);
  uint32_t lineIndex = static_cast<uint32_t>(next - starts.begin()) - 1;
  return {lineIndex + 1, offset - starts[lineIndex] + 1};
}

std::string_view SourceManager::lineText(uint32_t file, uint32_t line) const {
  const Entry& entry = files_[file];
  if (line == 0 || line > entry.lineStarts.size()) return {};
  uint32_t begin = entry.lineStarts[line - 1];
  uint32_t end = line < entry.lineStarts.size() ? entry.lineStarts[line] - 1
                                                : static_cast<uint32_t>(entry.text.size());
  std::string_view text(entry.text);
  text = text.substr(begin, end - begin);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

namespace {

const char* severityName(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

// The quoted source line, made printable: tabs kept (so the caret line can
// copy them), other control bytes shown as spaces, very long lines cut.
constexpr size_t kMaxShownLine = 400;

}  // namespace

std::string formatDiagnostic(const SourceManager& sources, const Diagnostic& diagnostic) {
  const SourceRange& range = diagnostic.range;
  if (range.file == kNoFile)
    return diagnostic.path + ": " + severityName(diagnostic.severity) + ": " + diagnostic.message +
           "\n";
  LineColumn start = sources.lineColumn(range.file, range.begin);
  std::string text = sources.name(range.file) + ":" + std::to_string(start.line) + ":" +
                     std::to_string(start.column) + ": " + severityName(diagnostic.severity) +
                     ": " + diagnostic.message + "\n";
  std::string_view line = sources.lineText(range.file, start.line);
  size_t column = start.column - 1;
  size_t shownFrom = column > kMaxShownLine / 2 ? column - kMaxShownLine / 2 : 0;
  std::string_view shown = line.substr(std::min(shownFrom, line.size()), kMaxShownLine);
  std::string quoted, marker;
  for (char c : shown) quoted += (c == '\t' || static_cast<unsigned char>(c) >= 32) ? c : ' ';
  for (size_t i = shownFrom; i < column && i - shownFrom < shown.size(); ++i)
    marker += line[i] == '\t' ? '\t' : ' ';
  marker += '^';
  size_t length = range.end > range.begin ? range.end - range.begin : 1;
  size_t lineRemaining = line.size() > column ? line.size() - column : 1;
  length = std::min({length, lineRemaining, kMaxShownLine / 2});
  for (size_t i = 1; i < length; ++i) marker += '~';
  return text + quoted + "\n" + marker + "\n";
}

std::string formatDiagnostics(const SourceManager& sources,
                              const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics) text += formatDiagnostic(sources, diagnostic);
  return text;
}

bool hasErrors(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& diagnostic : diagnostics)
    if (diagnostic.severity == Severity::Error) return true;
  return false;
}

}  // namespace tide::core
