// judgeCase reads the stage outcome first (a case that does not compile has
// no program to judge), then the program's ending, then the oracles in the
// order of §11: status, stdout, backtrace.
#include "batch/oracle.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace tide::batch {

namespace {

std::vector<std::string> splitLines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.emplace_back(text.substr(start));
      break;
    }
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

double millisecondsOf(const ProcessOutcome& outcome) {
  return static_cast<double>(outcome.duration.count()) / 1000.0;
}

std::string describeEnding(const ProcessOutcome& outcome) {
  switch (outcome.ending) {
    case ProcessEnding::Exited: return "exit " + std::to_string(outcome.exitCode & 0xFF);
    case ProcessEnding::Signaled:
      return "exit " + std::to_string(128 + outcome.signal) + " (signal " +
             std::to_string(outcome.signal) + ")";
    case ProcessEnding::TimedOut: return "timeout";
    case ProcessEnding::OutputLimit: return "output limit";
    case ProcessEnding::SpawnFailed: return "not started: " + outcome.spawnError;
  }
  return "?";
}

// A status only a fault produces: killed by a signal, or 128 + a signal
// number as the runner reports it.
bool isFaultStatus(const ProcessOutcome& outcome) {
  if (outcome.ending == ProcessEnding::Signaled) return true;
  const int status = outcome.shellStatus();
  return outcome.ending == ProcessEnding::Exited && status > 128 && status <= 128 + 64;
}

void copyOutput(const ProcessOutcome& outcome, CaseResult& result) {
  result.standardOutput = truncatedForReport(outcome.standardOutput);
  result.standardError = truncatedForReport(outcome.standardError);
}

// A stage or execute step that did not end on its own.
std::optional<Status> abnormalEnding(const ProcessOutcome& outcome, const char* step,
                                     CaseResult& result) {
  switch (outcome.ending) {
    case ProcessEnding::TimedOut:
      result.message = std::string(step) + " timed out";
      return Status::Timeout;
    case ProcessEnding::OutputLimit:
      result.message = std::string(step) + " exceeded the output limit";
      return Status::OutputLimit;
    case ProcessEnding::SpawnFailed:
      result.message = std::string(step) + " could not start: " + outcome.spawnError;
      return Status::Fail;
    default: return std::nullopt;
  }
}

CaseResult judgeCompileErrorCase(const Case& testCase, const ProcessOutcome& staged,
                                 CaseResult result) {
  result.durationMs = result.stageMs = millisecondsOf(staged);
  result.diagnostics = truncatedForReport(staged.standardError + staged.standardOutput);
  result.expected = "compile error";
  result.actual = describeEnding(staged);
  if (auto status = abnormalEnding(staged, "compiler", result)) {
    result.status = *status;
    return result;
  }
  if (staged.ending == ProcessEnding::Signaled) {
    result.status = Status::Crash;
    result.message = "the compiler crashed (signal " + std::to_string(staged.signal) + ")";
    return result;
  }
  if (staged.exitCode == 0) {
    result.status = Status::Fail;
    result.message = "compiled, but must fail to compile";
    return result;
  }
  const std::string all = staged.standardError + staged.standardOutput;
  std::vector<std::string> missing;
  for (const std::string& line : testCase.expectedDiagnostics)
    if (all.find(line) == std::string::npos) missing.push_back(line);
  if (!missing.empty()) {
    result.status = Status::Fail;
    result.message =
        "diagnostics lack: " + missing.front() +
        (missing.size() > 1 ? " (and " + std::to_string(missing.size() - 1) + " more)" : "");
    return result;
  }
  result.status = Status::Pass;
  return result;
}

CaseResult judgeRunCase(const Case& testCase, const LaneDescriptor& lane,
                        const ProcessOutcome& executed, CaseResult result) {
  result.executeMs = millisecondsOf(executed);
  result.durationMs += result.executeMs;
  copyOutput(executed, result);
  result.expected = "exit " + std::to_string(testCase.expectedStatus);
  result.actual = describeEnding(executed);
  if (isFaultStatus(executed)) result.backtrace = functionsFromBacktrace(executed.standardError);
  if (auto status = abnormalEnding(executed, "program", result)) {
    result.status = *status;
    return result;
  }
  const int status = executed.shellStatus();
  if (status != testCase.expectedStatus) {
    const bool crashed = isFaultStatus(executed);
    result.status = crashed ? Status::Crash : Status::Fail;
    result.message = (crashed ? "crashed: " : "wrong exit status: ") + result.actual +
                     ", expected " + std::to_string(testCase.expectedStatus);
    return result;
  }
  if (testCase.expectedStdout && executed.standardOutput != *testCase.expectedStdout) {
    result.status = Status::Fail;
    result.message = "wrong stdout";
    result.expected = "stdout as in .stdout";
    result.actual = "different stdout";
    result.detail = unifiedDiff(*testCase.expectedStdout, executed.standardOutput);
    return result;
  }
  if (lane.checksBacktrace && !testCase.expectedBacktrace.empty() &&
      !backtraceMatches(testCase.expectedBacktrace, result.backtrace)) {
    const auto join = [](const std::vector<std::string>& names) {
      std::string text;
      for (const std::string& name : names) text += (text.empty() ? "" : " < ") + name;
      return text.empty() ? std::string("(none)") : text;
    };
    result.status = Status::Fail;
    result.message = "wrong backtrace";
    result.expected = "backtrace " + join(testCase.expectedBacktrace);
    result.actual = "backtrace " + join(result.backtrace);
    return result;
  }
  result.status = Status::Pass;
  return result;
}

}  // namespace

std::vector<std::string> functionsFromBacktrace(std::string_view text) {
  std::vector<std::string> functions;
  for (const std::string& line : splitLines(text)) {
    std::istringstream words(line);
    std::string frame, word;
    words >> frame;
    if (frame.size() < 2 || frame[0] != '#' || !std::isdigit(static_cast<unsigned char>(frame[1])))
      continue;
    words >> word;
    if (word.rfind("0x", 0) == 0) words >> word;  // the runner's form puts the pc first
    if (word.size() > 1 && word[0] == '<') {
      const auto end = word.find_first_of("+>");
      if (end != std::string::npos && end > 1) functions.push_back(word.substr(1, end - 1));
    } else if (!word.empty() && word[0] != '<' && word[0] != '?') {
      functions.push_back(word);  // the interpreter's form: "#0  name at file:line:col"
    }
  }
  return functions;
}

bool backtraceMatches(const std::vector<std::string>& expected,
                      const std::vector<std::string>& actual) {
  std::size_t next = 0;
  for (const std::string& name : actual)
    if (next < expected.size() && name == expected[next]) ++next;
  return next == expected.size();
}

std::string unifiedDiff(std::string_view expected, std::string_view actual, std::size_t maxLines) {
  const std::vector<std::string> a = splitLines(expected), b = splitLines(actual);
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
    ++suffix;
  constexpr std::size_t kContext = 2;
  const std::size_t from = prefix > kContext ? prefix - kContext : 0;
  const std::size_t aEnd = std::min(a.size(), a.size() - suffix + kContext);
  const std::size_t bEnd = std::min(b.size(), b.size() - suffix + kContext);
  std::ostringstream out;
  out << "--- expected\n+++ actual\n@@ -" << from + 1 << "," << aEnd - from << " +" << from + 1
      << "," << bEnd - from << " @@\n";
  std::size_t written = 0;
  const auto emit = [&](char mark, const std::string& line) {
    if (written++ < maxLines) out << mark << line << "\n";
  };
  for (std::size_t i = from; i < prefix; ++i) emit(' ', a[i]);
  for (std::size_t i = prefix; i < a.size() - suffix; ++i) emit('-', a[i]);
  for (std::size_t i = prefix; i < b.size() - suffix; ++i) emit('+', b[i]);
  for (std::size_t i = a.size() - suffix; i < aEnd; ++i) emit(' ', a[i]);
  if (written > maxLines) out << "[... " << written - maxLines << " more diff lines]\n";
  if (expected.size() != actual.size() && a == b)
    out << "(the texts differ only in a final newline)\n";
  return out.str();
}

CaseResult judgeCase(const Case& testCase, const LaneDescriptor& lane,
                     const std::optional<ProcessOutcome>& staged,
                     const std::optional<ProcessOutcome>& executed) {
  CaseResult result;
  result.caseName = testCase.name;
  result.lane = lane.name;
  if (testCase.kind == CaseKind::CompileError) {
    if (!staged) {
      result.status = Status::Skip;
      result.message = "the lane has no compile step";
      return result;
    }
    return judgeCompileErrorCase(testCase, *staged, std::move(result));
  }
  if (staged) {
    result.durationMs = result.stageMs = millisecondsOf(*staged);
    if (auto status = abnormalEnding(*staged, "compiler", result)) {
      result.status = *status;
      copyOutput(*staged, result);
      return result;
    }
    if (staged->shellStatus() != 0) {
      result.status =
          staged->ending == ProcessEnding::Signaled ? Status::Crash : Status::CompileError;
      const bool crashed = staged->ending == ProcessEnding::Signaled;
      result.message = crashed
                           ? "the compiler crashed (signal " + std::to_string(staged->signal) + ")"
                           : "does not compile";
      result.expected = "exit " + std::to_string(testCase.expectedStatus);
      result.actual = crashed ? "compiler " + describeEnding(*staged) : "compile error";
      result.diagnostics = truncatedForReport(staged->standardError + staged->standardOutput);
      return result;
    }
  }
  if (!executed) {
    result.status = Status::Fail;
    result.message = "not executed";
    return result;
  }
  return judgeRunCase(testCase, lane, *executed, std::move(result));
}

}  // namespace tide::batch
