// Order of the selection matters and is documented: discover -> filter ->
// shard, so the shards of a filtered run partition the filtered corpus.
#include "batch/batch_driver.h"

#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <map>

#include "batch/batch_arguments.h"
#include "batch/corpus.h"
#include "batch/engine.h"
#include "batch/isolated_process.h"
#include "batch/lanes.h"
#include "batch/report_json.h"
#include "batch/report_junit.h"
#include "batch/report_progress.h"
#include "tide/core/version.h"

namespace tide::batch {

namespace {

int usageError(std::FILE* err, const std::string& message, const char* usage) {
  std::fprintf(err, "tide: %s\n%s", message.c_str(), usage);
  return 2;
}

std::vector<std::string> laneNames(const std::vector<LaneDescriptor>& lanes) {
  std::vector<std::string> names;
  for (const LaneDescriptor& lane : lanes) names.push_back(lane.name);
  return names;
}

// Explicit lanes run (unavailable ones skip every case, with the reason);
// by default only the lanes this machine can run, the others named once.
std::optional<std::vector<LaneDescriptor>> chooseLanes(const BatchArguments& arguments,
                                                       const LaneEnvironment& environment,
                                                       std::FILE* out, std::FILE* err) {
  if (!arguments.lanes.empty()) {
    std::string error;
    std::vector<LaneDescriptor> lanes = lanesFromList(arguments.lanes, error);
    if (!error.empty()) {
      usageError(err, error, kBatchUsage);
      return std::nullopt;
    }
    return lanes;
  }
  std::vector<LaneDescriptor> available;
  for (const LaneDescriptor& lane : laneTable()) {
    if (auto missing = missingPrerequisite(lane, environment))
      std::fprintf(out, "lane %s unavailable: %s\n", lane.name.c_str(), missing->c_str());
    else
      available.push_back(lane);
  }
  return available;
}

std::optional<std::vector<Case>> selectCases(const BatchArguments& arguments, std::FILE* err,
                                             std::string& shardText) {
  std::vector<std::filesystem::path> roots(arguments.paths.begin(), arguments.paths.end());
  Discovery discovery = discoverCases(roots);
  if (!discovery.errors.empty()) {
    for (const std::string& error : discovery.errors)
      std::fprintf(err, "tide: %s\n", error.c_str());
    return std::nullopt;
  }
  std::vector<Case> cases = filterCases(std::move(discovery.cases), arguments.filter);
  std::optional<Shard> shard = arguments.shard;
  if (!shard) {
    std::string error;
    shard = shardFromEnvironment(error);
    if (!error.empty()) {
      std::fprintf(err, "tide: %s\n", error.c_str());
      return std::nullopt;
    }
  }
  if (shard) {
    cases = selectShard(std::move(cases), *shard);
    shardText = std::to_string(shard->index + 1) + "/" + std::to_string(shard->total);
  }
  return cases;
}

std::string versionText() { return std::string(core::versionString()); }

// Ctrl-C (or a CI runner's SIGTERM) kills every case in flight, then ends
// the run the way the signal would have. Cases sit in their own process
// groups, so the terminal's SIGINT never reaches them by itself.
extern "C" void stopOnSignal(int signalNumber) {
  killActiveGroupsFromSignalHandler();
  std::signal(signalNumber, SIG_DFL);
  std::raise(signalNumber);
}

void installInterruptHandlers() {
  for (const int signalNumber : {SIGINT, SIGTERM, SIGHUP}) std::signal(signalNumber, stopOnSignal);
}

}  // namespace

int runBatchCommand(std::span<const std::string> argumentList, std::FILE* out, std::FILE* err) {
  std::string error;
  const std::optional<BatchArguments> arguments = parseBatchArguments(argumentList, error);
  if (!arguments) return usageError(err, error, kBatchUsage);
  if (arguments->help) {
    std::fputs(kBatchUsage, out);
    return 0;
  }
  const LaneEnvironment environment = discoverLaneEnvironment();
  const auto lanes = chooseLanes(*arguments, environment, out, err);
  if (!lanes) return 2;
  std::string shardText;
  const auto cases = selectCases(*arguments, err, shardText);
  if (!cases) return 2;

  BatchOptions options;
  options.lanes = *lanes;
  options.environment = environment;
  options.jobs = arguments->jobs > 0 ? arguments->jobs : availableCores();
  options.timeout =
      std::chrono::milliseconds(static_cast<long long>(arguments->timeoutSeconds * 1000));
  options.keepStaging = arguments->keepStaging;
  if (const char* noUid = std::getenv("TIDE_BATCH_NO_UID_ISOLATION"); noUid && *noUid)
    options.isolateUsers = false;

  RunHeader header{versionText(),        hostName(), laneNames(*lanes),
                   currentTimeIso8601(), shardText,  options.jobs};
  JsonLinesWriter json;
  if (!arguments->jsonPath.empty()) {
    if (!json.open(arguments->jsonPath))
      return usageError(err, "cannot write " + arguments->jsonPath, kBatchUsage);
    json.write(headerToJson(header));
  }
  std::string junitPath = arguments->junitPath;
  if (const char* bazelXml = std::getenv("XML_OUTPUT_FILE");
      junitPath.empty() && bazelXml && *bazelXml)
    junitPath = bazelXml;

  const auto start = std::chrono::steady_clock::now();
  ProgressReporter progress(out, isatty(fileno(out)) != 0, cases->size() * lanes->size());
  StatusTotals totals;
  BatchSink sink;
  sink.laneStarted = [&](const LaneDescriptor& lane, const std::string& reason) {
    progress.laneStarted(lane.name, reason);
  };
  sink.result = [&](const CaseResult& result) {
    totals.add(result);
    progress.add(result);
    json.write(resultToJson(result));
  };
  installInterruptHandlers();
  const BatchRun run = runBatch(*cases, options, sink);
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  json.write(footerToJson(totals, elapsed));
  if (!junitPath.empty() && !writeTextFile(junitPath, junitXml(run.results, header.lanes, header)))
    std::fprintf(err, "tide: cannot write %s\n", junitPath.c_str());
  progress.finish(run.results, header.lanes);
  if (!arguments->keepStaging.empty())
    std::fprintf(out, "staging kept in %s\n", run.stagingDirectory.c_str());
  if (run.strayProcessesKilled > 0)
    std::fprintf(err, "tide: killed %d stray processes after the run\n", run.strayProcessesKilled);
  std::fprintf(out, "%d results, %d failed, %.1fs\n", totals.total, totals.failures, elapsed);
  return totals.failures > 0 ? 1 : 0;
}

int runBatchMergeCommand(std::span<const std::string> argumentList, std::FILE* out,
                         std::FILE* err) {
  std::string error;
  const std::optional<MergeArguments> arguments = parseMergeArguments(argumentList, error);
  if (!arguments) return usageError(err, error, kMergeUsage);
  if (arguments->help) {
    std::fputs(kMergeUsage, out);
    return 0;
  }
  RunHeader merged{versionText(), hostName(), {}, "", "", 0};
  std::map<std::pair<std::string, std::string>, CaseResult> byKey;  // (lane, case) -> result
  for (const std::string& input : arguments->inputs) {
    ResultFile file = readResultFile(input);
    if (!file.errors.empty()) {
      for (const std::string& message : file.errors)
        std::fprintf(err, "tide: %s\n", message.c_str());
      return 2;
    }
    for (const std::string& lane : file.header->lanes)
      if (std::find(merged.lanes.begin(), merged.lanes.end(), lane) == merged.lanes.end())
        merged.lanes.push_back(lane);
    if (merged.startTime.empty() ||
        (!file.header->startTime.empty() && file.header->startTime < merged.startTime))
      merged.startTime = file.header->startTime;
    merged.jobs += file.header->jobs;
    for (CaseResult& result : file.results) {
      const auto key = std::make_pair(result.lane, result.caseName);
      if (byKey.count(key))
        std::fprintf(err, "tide: %s %s appears twice (overlapping shards?); keeping the later\n",
                     result.lane.c_str(), result.caseName.c_str());
      byKey[key] = std::move(result);
    }
  }
  std::vector<CaseResult> results;
  StatusTotals totals;
  for (auto& [key, result] : byKey) {
    totals.add(result);
    results.push_back(std::move(result));
  }
  if (!arguments->junitPath.empty() &&
      !writeTextFile(arguments->junitPath, junitXml(results, merged.lanes, merged)))
    return usageError(err, "cannot write " + arguments->junitPath, kMergeUsage);
  if (!arguments->jsonPath.empty()) {
    JsonLinesWriter json;
    if (!json.open(arguments->jsonPath))
      return usageError(err, "cannot write " + arguments->jsonPath, kMergeUsage);
    json.write(headerToJson(merged));
    for (const CaseResult& result : results) json.write(resultToJson(result));
    json.write(footerToJson(totals, 0));
  }
  std::fputs(laneSummaryTable(results, merged.lanes).c_str(), out);
  std::fprintf(out, "%d results from %zu files, %d failed\n", totals.total,
               arguments->inputs.size(), totals.failures);
  return totals.failures > 0 ? 1 : 0;
}

}  // namespace tide::batch
