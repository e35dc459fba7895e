// The JUnit document is built in memory (a few MB at most: captured output is
// truncated per result) and written once at the end.
#include "batch/report_junit.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "batch/json.h"

namespace tide::batch {

namespace {

std::string seconds(double milliseconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", milliseconds / 1000.0);
  return text;
}

// The body of a <failure>/<error>: everything a reader needs without the JSON.
std::string failureText(const CaseResult& r) {
  std::ostringstream text;
  text << r.message << "\n";
  if (!r.expected.empty() || !r.actual.empty())
    text << "expected: " << r.expected << "\nactual:   " << r.actual << "\n";
  if (!r.backtrace.empty()) {
    text << "backtrace:\n";
    for (std::size_t i = 0; i < r.backtrace.size(); ++i)
      text << "  #" << i << " " << r.backtrace[i] << "\n";
  }
  if (!r.detail.empty()) text << r.detail;
  if (!r.diagnostics.empty()) text << "diagnostics:\n" << r.diagnostics << "\n";
  return text.str();
}

struct SuiteCounts {
  int tests = 0, failures = 0, errors = 0, skipped = 0;
  double milliseconds = 0;
  void add(const CaseResult& r) {
    ++tests;
    milliseconds += r.durationMs;
    if (r.status == Status::Skip)
      ++skipped;
    else if (r.status == Status::Fail)
      ++failures;
    else if (isFailure(r.status))
      ++errors;
  }
};

std::string countsAttributes(const SuiteCounts& c) {
  return "tests=\"" + std::to_string(c.tests) + "\" failures=\"" + std::to_string(c.failures) +
         "\" errors=\"" + std::to_string(c.errors) + "\" skipped=\"" + std::to_string(c.skipped) +
         "\" time=\"" + seconds(c.milliseconds) + "\"";
}

void writeTestcase(std::ostringstream& xml, const CaseResult& r) {
  xml << "    <testcase classname=\"" << xmlEscaped(r.lane) << "\" name=\""
      << xmlEscaped(r.caseName) << "\" time=\"" << seconds(r.durationMs) << "\"";
  if (r.status == Status::Pass && r.standardOutput.empty() && r.standardError.empty()) {
    xml << "/>\n";
    return;
  }
  xml << ">\n";
  if (r.status == Status::Skip) {
    xml << "      <skipped message=\"" << xmlEscaped(r.message) << "\"/>\n";
  } else if (isFailure(r.status)) {
    const char* element = r.status == Status::Fail ? "failure" : "error";
    xml << "      <" << element << " message=\""
        << xmlEscaped(std::string(statusName(r.status)) + ": " + r.message) << "\" type=\""
        << statusName(r.status) << "\">" << xmlEscaped(failureText(r)) << "</" << element << ">\n";
  }
  if (!r.standardOutput.empty())
    xml << "      <system-out>" << xmlEscaped(r.standardOutput) << "</system-out>\n";
  if (!r.standardError.empty())
    xml << "      <system-err>" << xmlEscaped(r.standardError) << "</system-err>\n";
  xml << "    </testcase>\n";
}

}  // namespace

std::string xmlEscaped(std::string_view raw) {
  const std::string text = validUtf8(raw);
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          // XML 1.0 has no way to carry these, not even as references.
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\x%02X", u);
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string junitXml(const std::vector<CaseResult>& results,
                     const std::vector<std::string>& laneOrder, const RunHeader& header) {
  std::vector<std::string> lanes = laneOrder;
  for (const CaseResult& r : results)
    if (std::find(lanes.begin(), lanes.end(), r.lane) == lanes.end()) lanes.push_back(r.lane);
  std::map<std::string, std::vector<const CaseResult*>> byLane;
  SuiteCounts all;
  for (const CaseResult& r : results) {
    byLane[r.lane].push_back(&r);
    all.add(r);
  }
  std::ostringstream xml;
  xml << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml << "<testsuites name=\"tide --batch\" " << countsAttributes(all) << ">\n";
  for (const std::string& lane : lanes) {
    std::vector<const CaseResult*>& cases = byLane[lane];
    std::sort(cases.begin(), cases.end(),
              [](const CaseResult* a, const CaseResult* b) { return a->caseName < b->caseName; });
    SuiteCounts counts;
    for (const CaseResult* r : cases) counts.add(*r);
    xml << "  <testsuite name=\"" << xmlEscaped(lane) << "\" " << countsAttributes(counts);
    if (!header.startTime.empty()) xml << " timestamp=\"" << xmlEscaped(header.startTime) << "\"";
    if (!header.host.empty()) xml << " hostname=\"" << xmlEscaped(header.host) << "\"";
    xml << ">\n";
    for (const CaseResult* r : cases) writeTestcase(xml, *r);
    xml << "  </testsuite>\n";
  }
  xml << "</testsuites>\n";
  return xml.str();
}

bool writeTextFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out);
}

}  // namespace tide::batch
