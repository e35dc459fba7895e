// SourceManager and the diagnostic printer (spec §10). Line starts are
// computed once per file at registration, so a lookup is a binary search.
#include <algorithm>
#include <cstring>
#include <string_view>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "tide/core/source.h"

namespace tide::core {

namespace {

// The offsets just past each '\n', found 64 bytes at a time (SSE2, part of
// every x86-64): one memchr per line and a vector regrown 17 times made
// registering the 105,323-line benchmark ~1 ms of compileSources(). Two
// passes, count then write, so the vector is sized once; the write pass loops
// per 64 bytes (about two lines), not per line, so it mispredicts less.
void appendLineStarts(std::string_view text, std::vector<uint32_t>& starts) {
  const char* begin = text.data();
  const size_t size = text.size();
  size_t at = 0;
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  auto equal = [&](size_t offset) {
    __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(begin + offset));
    return _mm_cmpeq_epi8(bytes, newline);
  };
  // Counting: each byte lane subtracts its -1s (at most 255 per lane between
  // sums), then the lanes are summed.
  size_t count = 0;
  const size_t wholeChunks = size / 16;
  for (size_t chunk = 0; chunk < wholeChunks;) {
    const size_t stop = std::min(wholeChunks, chunk + 255);
    __m128i lanes = _mm_setzero_si128();
    for (; chunk < stop; ++chunk) lanes = _mm_sub_epi8(lanes, equal(chunk * 16));
    __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
    count += static_cast<size_t>(_mm_cvtsi128_si32(sums)) +
             static_cast<size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
  }
  for (size_t offset = wholeChunks * 16; offset < size; ++offset) count += begin[offset] == '\n';
  const size_t first = starts.size();
  starts.resize(first + count);
  uint32_t* out = starts.data() + first;
  auto mask16 = [&](size_t offset) {
    return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(equal(offset))));
  };
  for (; at + 64 <= size; at += 64) {
    uint64_t mask =
        mask16(at) | mask16(at + 16) << 16 | mask16(at + 32) << 32 | mask16(at + 48) << 48;
    for (; mask != 0; mask &= mask - 1)
      *out++ = static_cast<uint32_t>(at + static_cast<size_t>(__builtin_ctzll(mask)) + 1);
  }
  for (; at < size; ++at)
    if (begin[at] == '\n') *out++ = static_cast<uint32_t>(at + 1);
#else
  for (; at < size; ++at) {
    const void* found = std::memchr(begin + at, '\n', size - at);
    if (found == nullptr) break;
    at = static_cast<size_t>(static_cast<const char*>(found) - begin);
    starts.push_back(static_cast<uint32_t>(at + 1));
  }
#endif
}

}  // namespace

uint32_t SourceManager::addFile(std::string name, std::string text) {
  Entry entry{std::move(name), std::move(text), {0}};
  appendLineStarts(entry.text, entry.lineStarts);
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
