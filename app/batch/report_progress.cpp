// Terminal output stays on stdout; the progress line is redrawn in place with
// \r and erase-to-end-of-line, and cleared before anything else is printed.
#include "batch/report_progress.h"

#include <algorithm>
#include <map>
#include <sstream>

namespace tide::batch {

namespace {

std::string indented(const std::string& text, std::size_t maxLines = 12) {
  std::istringstream in(text);
  std::string out;
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);) {
    if (lines++ == maxLines) {
      out += "      [...]\n";
      break;
    }
    out += "      " + line + "\n";
  }
  return out;
}

std::string formatDuration(double seconds) {
  char text[32];
  if (seconds < 60)
    std::snprintf(text, sizeof text, "%.1fs", seconds);
  else
    std::snprintf(text, sizeof text, "%dm%02ds", static_cast<int>(seconds) / 60,
                  static_cast<int>(seconds) % 60);
  return text;
}

}  // namespace

ProgressReporter::ProgressReporter(std::FILE* out, bool interactive, std::size_t total)
    : out_(out),
      interactive_(interactive),
      total_(total),
      start_(std::chrono::steady_clock::now()) {}

void ProgressReporter::laneStarted(const std::string& lane, const std::string& skipReason) {
  if (interactive_) std::fputs("\r\x1b[K", out_);
  if (skipReason.empty())
    std::fprintf(out_, "lane %s\n", lane.c_str());
  else
    std::fprintf(out_, "lane %s skipped: %s\n", lane.c_str(), skipReason.c_str());
  if (interactive_) drawProgressLine();
  std::fflush(out_);
}

void ProgressReporter::add(const CaseResult& result) {
  ++done_;
  if (result.status == Status::Pass)
    ++passed_;
  else if (result.status == Status::Skip)
    ++skipped_;
  else
    ++failed_;
  if (interactive_) {
    std::fputs("\r\x1b[K", out_);
    if (isFailure(result.status)) std::fputs(describeFailure(result).c_str(), out_);
    drawProgressLine();
  } else {
    std::fprintf(out_, "%-13s %-7s %s (%.0f ms)%s%s\n",
                 std::string(statusName(result.status)).c_str(), result.lane.c_str(),
                 result.caseName.c_str(), result.durationMs, result.message.empty() ? "" : ": ",
                 result.message.c_str());
    if (isFailure(result.status)) {
      const std::string details = describeFailure(result);
      std::fputs(details.substr(details.find('\n') + 1).c_str(), out_);
    }
  }
  std::fflush(out_);
}

void ProgressReporter::drawProgressLine() {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string eta = "?";
  if (done_ > 0 && done_ < total_)
    eta =
        formatDuration(elapsed / static_cast<double>(done_) * static_cast<double>(total_ - done_));
  else if (done_ >= total_)
    eta = "0s";
  std::fprintf(out_, "[%zu/%zu] %zu pass, %zu fail, %zu skip  %s  ETA %s", done_, total_, passed_,
               failed_, skipped_, formatDuration(elapsed).c_str(), eta.c_str());
}

void ProgressReporter::finish(const std::vector<CaseResult>& results,
                              const std::vector<std::string>& laneOrder) {
  if (interactive_) std::fputs("\r\x1b[K", out_);
  std::fputs(laneSummaryTable(results, laneOrder).c_str(), out_);
  std::fputs(slowestCases(results).c_str(), out_);
  std::fflush(out_);
}

std::string describeFailure(const CaseResult& r) {
  std::string text = std::string(statusName(r.status)) + "  " + r.lane + "  " + r.caseName + ": " +
                     r.message + "\n";
  if (!r.expected.empty() || !r.actual.empty())
    text += "      expected " + r.expected + ", got " + r.actual + "\n";
  if (!r.backtrace.empty()) {
    std::string frames;
    for (std::size_t i = 0; i < r.backtrace.size(); ++i)
      frames += "#" + std::to_string(i) + " " + r.backtrace[i] + "\n";
    text += indented(frames);
  }
  if (!r.detail.empty()) text += indented(r.detail, 24);
  if (!r.diagnostics.empty())
    text += indented(r.diagnostics);
  else if (r.status != Status::Fail && !r.standardError.empty() && r.backtrace.empty())
    text += indented(r.standardError, 6);
  return text;
}

std::string laneSummaryTable(const std::vector<CaseResult>& results,
                             const std::vector<std::string>& laneOrder) {
  std::vector<std::string> lanes = laneOrder;
  for (const CaseResult& r : results)
    if (std::find(lanes.begin(), lanes.end(), r.lane) == lanes.end()) lanes.push_back(r.lane);
  std::size_t width = 4;
  for (const std::string& lane : lanes) width = std::max(width, lane.size());
  std::string table;
  for (const std::string& lane : lanes) {
    std::map<Status, int> counts;
    int failures = 0;
    for (const CaseResult& r : results)
      if (r.lane == lane) {
        ++counts[r.status];
        failures += isFailure(r.status);
      }
    char line[256];
    std::snprintf(line, sizeof line, "%-*s %4d pass / %d fail / %d skip", static_cast<int>(width),
                  lane.c_str(), counts[Status::Pass], failures, counts[Status::Skip]);
    table += line;
    std::string breakdown;
    for (const Status s :
         {Status::Fail, Status::Crash, Status::Timeout, Status::CompileError, Status::OutputLimit})
      if (counts[s])
        breakdown += (breakdown.empty() ? "" : ", ") + std::to_string(counts[s]) + " " +
                     std::string(statusName(s));
    if (!breakdown.empty() && breakdown != std::to_string(failures) + " fail")
      table += "  (" + breakdown + ")";
    table += "\n";
  }
  return table;
}

std::string slowestCases(const std::vector<CaseResult>& results, std::size_t count) {
  std::vector<const CaseResult*> ran;
  for (const CaseResult& r : results)
    if (r.status != Status::Skip) ran.push_back(&r);
  std::sort(ran.begin(), ran.end(),
            [](const CaseResult* a, const CaseResult* b) { return a->durationMs > b->durationMs; });
  if (ran.empty()) return {};
  std::string text = "slowest:\n";
  for (std::size_t i = 0; i < std::min(count, ran.size()); ++i) {
    char line[512];
    std::snprintf(line, sizeof line, "  %8.1f ms  %-7s %s\n", ran[i]->durationMs,
                  ran[i]->lane.c_str(), ran[i]->caseName.c_str());
    text += line;
  }
  return text;
}

}  // namespace tide::batch
