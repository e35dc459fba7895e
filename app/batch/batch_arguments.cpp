// Options take their value as the next argument or after '='
// (`--lanes interp` or `--lanes=interp`); `-jN` is accepted as make users
// type it. Anything not starting with '-' is a path.
#include "batch/batch_arguments.h"

#include <charconv>
#include <cstdlib>

namespace tide::batch {

const char* const kBatchUsage =
    "usage: tide --batch [DIR|FILE...] [--lanes LIST] [-j N] [--timeout SECONDS]\n"
    "                    [--filter SUBSTRING] [--shard K/N] [--junit FILE] [--json FILE]\n"
    "                    [--keep-staging DIR]\n";
const char* const kMergeUsage =
    "usage: tide --batch-merge A.json B.json... --junit OUT.xml [--json OUT.json]\n";

namespace {

class ArgumentCursor {
 public:
  explicit ArgumentCursor(std::span<const std::string> arguments) : arguments_(arguments) {}
  bool done() const { return index_ >= arguments_.size(); }
  const std::string& current() const { return arguments_[index_]; }
  void advance() { ++index_; }

  // When current() is `name` or `name=value`, consumes it and its value.
  std::optional<std::string> takeOption(const std::string& name, std::string& error) {
    const std::string& argument = current();
    if (argument.rfind(name + "=", 0) == 0) {
      advance();
      return argument.substr(name.size() + 1);
    }
    if (argument != name) return std::nullopt;
    advance();
    if (done()) {
      error = name + " needs a value";
      return std::string();
    }
    std::string value = current();
    advance();
    return value;
  }

 private:
  std::span<const std::string> arguments_;
  std::size_t index_ = 0;
};

bool parsePositiveInt(const std::string& text, int& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size() && out > 0;
}

}  // namespace

std::optional<BatchArguments> parseBatchArguments(std::span<const std::string> arguments,
                                                  std::string& error) {
  BatchArguments parsed;
  ArgumentCursor cursor(arguments);
  while (!cursor.done() && error.empty()) {
    const std::string argument = cursor.current();
    if (argument == "--help" || argument == "-h") {
      parsed.help = true;
      cursor.advance();
    } else if (auto lanes = cursor.takeOption("--lanes", error)) {
      parsed.lanes = *lanes;
    } else if (argument.size() > 2 && argument.rfind("-j", 0) == 0 && argument[2] != '=') {
      cursor.advance();
      if (!parsePositiveInt(argument.substr(2), parsed.jobs)) error = "-j needs a positive number";
    } else if (auto jobs = cursor.takeOption("-j", error)) {
      if (!parsePositiveInt(*jobs, parsed.jobs)) error = "-j needs a positive number";
    } else if (auto jobsValue = cursor.takeOption("--jobs", error)) {
      if (!parsePositiveInt(*jobsValue, parsed.jobs)) error = "--jobs needs a positive number";
    } else if (auto timeout = cursor.takeOption("--timeout", error)) {
      char* end = nullptr;
      parsed.timeoutSeconds = std::strtod(timeout->c_str(), &end);
      if (timeout->empty() || *end != '\0' || !(parsed.timeoutSeconds > 0))
        error = "--timeout needs a positive number of seconds";
    } else if (auto filter = cursor.takeOption("--filter", error)) {
      parsed.filter = *filter;
    } else if (auto shard = cursor.takeOption("--shard", error)) {
      parsed.shard = parseShardArgument(*shard);
      if (!parsed.shard && error.empty()) error = "--shard needs K/N with 1 <= K <= N";
    } else if (auto junit = cursor.takeOption("--junit", error)) {
      parsed.junitPath = *junit;
    } else if (auto json = cursor.takeOption("--json", error)) {
      parsed.jsonPath = *json;
    } else if (auto keep = cursor.takeOption("--keep-staging", error)) {
      parsed.keepStaging = *keep;
    } else if (!argument.empty() && argument[0] == '-') {
      error = "unknown option '" + argument + "'";
    } else {
      parsed.paths.push_back(argument);
      cursor.advance();
    }
  }
  if (!error.empty()) return std::nullopt;
  if (parsed.paths.empty()) parsed.paths.push_back("tests/corpus");
  return parsed;
}

std::optional<MergeArguments> parseMergeArguments(std::span<const std::string> arguments,
                                                  std::string& error) {
  MergeArguments parsed;
  ArgumentCursor cursor(arguments);
  while (!cursor.done() && error.empty()) {
    const std::string argument = cursor.current();
    if (argument == "--help" || argument == "-h") {
      parsed.help = true;
      cursor.advance();
    } else if (auto junit = cursor.takeOption("--junit", error)) {
      parsed.junitPath = *junit;
    } else if (auto json = cursor.takeOption("--json", error)) {
      parsed.jsonPath = *json;
    } else if (!argument.empty() && argument[0] == '-') {
      error = "unknown option '" + argument + "'";
    } else {
      parsed.inputs.push_back(argument);
      cursor.advance();
    }
  }
  if (error.empty() && !parsed.help && parsed.inputs.empty()) error = "no input files";
  if (error.empty() && !parsed.help && parsed.junitPath.empty() && parsed.jsonPath.empty())
    error = "nothing to write: give --junit FILE (and/or --json FILE)";
  if (!error.empty()) return std::nullopt;
  return parsed;
}

}  // namespace tide::batch
