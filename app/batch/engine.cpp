// runBatch drives the lanes one after another; within a lane the stage and
// drain steps each fan out over `jobs` slots. Staging calls the compiler
// libraries in forked staging workers (stage_pool.h), or runs a stage
// command. Staging failures (and the compile-failure cases, whose verdict
// is the stage step) are joined right after staging; everything else right
// after its execution.
#include "batch/engine.h"

#include <sched.h>
#include <sys/stat.h>
#include <unistd.h>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <mutex>
#include <optional>
#include <thread>

#include "batch/crash_symbolizer.h"
#include "batch/in_process_stage.h"
#include "batch/isolated_process.h"
#include "batch/json.h"
#include "batch/oracle.h"
#include "batch/stage_pool.h"

namespace tide::batch {

namespace fs = std::filesystem;

namespace {

struct ManifestEntry {
  std::string id;
  const Case* testCase = nullptr;
  std::string stagedStem;
  std::optional<ProcessOutcome> stageOutcome;
  bool needsExecution = false;
};

class ResultCollector {
 public:
  ResultCollector(BatchRun& run, const BatchSink& sink) : run_(run), sink_(sink) {}
  void add(CaseResult result) {
    std::lock_guard lock(mutex_);
    if (sink_.result) sink_.result(result);
    run_.results.push_back(std::move(result));
  }

 private:
  std::mutex mutex_;
  BatchRun& run_;
  const BatchSink& sink_;
};

fs::path makeStagingRoot(const fs::path& keep) {
  if (!keep.empty()) {
    fs::create_directories(keep);
    return fs::absolute(keep);
  }
  // Without a TMPDIR of the user's, stage in RAM when we can: every case
  // creates files, and on a disk file system (ext4) allocating the inodes
  // of files deleted moments ago was a third of the engine's time.
  const char* tmp = std::getenv("TMPDIR");
  std::string root = tmp && *tmp ? tmp : "/tmp";
  if (!(tmp && *tmp) && access("/dev/shm", W_OK | X_OK) == 0) root = "/dev/shm";
  std::string pattern = root + "/tide-batch-XXXXXX";
  if (!mkdtemp(pattern.data())) return {};
  return pattern;
}

// Isolated programs may run under another uid: they need to read (only) staging.
void makeReadableByAll(const fs::path& path) {
  std::error_code error;
  fs::permissions(path,
                  fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                      fs::perms::others_read | fs::perms::others_exec,
                  fs::perm_options::replace, error);
}

// setresuid to an unused uid can be refused (user namespaces), and the uid
// may not reach our executables (a private build directory); try once, in a
// forked child (starting an executable for this would cost more).
bool userIsolationWorks(unsigned uid, const LaneEnvironment& environment) {
  if (geteuid() != 0) return false;
  ProcessSpec probe;
  const std::string reach =
      !environment.runnerPath.empty() ? environment.runnerPath : environment.tidePath;
  probe.inProcess = [reach] { return reach.empty() || access(reach.c_str(), X_OK) == 0 ? 0 : 1; };
  probe.runAsUser = uid;
  probe.timeout = std::chrono::milliseconds(5000);
  const ProcessOutcome outcome = runIsolated(probe);
  return outcome.ending == ProcessEnding::Exited && outcome.exitCode == 0;
}

// 2^30 + pid * 256: unused by real accounts, distinct for concurrent runs
// (pids are unique among live processes), 256 slots each (more jobs share).
constexpr unsigned kSlotsPerRun = 256;
unsigned isolationUidRangeForThisProcess() {
  return (1u << 30) + static_cast<unsigned>(getpid()) * kSlotsPerRun;
}

CaseResult skipped(const Case& testCase, const LaneDescriptor& lane, std::string reason) {
  CaseResult result;
  result.caseName = testCase.name;
  result.lane = lane.name;
  result.status = Status::Skip;
  result.message = std::move(reason);
  return result;
}

std::string manifestId(std::size_t index) {
  char text[16];
  std::snprintf(text, sizeof text, "%04zu", index + 1);
  return text;
}

void writeManifest(const fs::path& laneDirectory, const LaneDescriptor& lane,
                   const std::vector<ManifestEntry>& entries) {
  std::ofstream out(laneDirectory / "manifest.jsonl");
  for (const ManifestEntry& entry : entries) {
    const Case& c = *entry.testCase;
    JsonObject line{{"id", entry.id},
                    {"case", c.name},
                    {"lane", lane.name},
                    {"options", lane.options},
                    {"kind", c.kind == CaseKind::Run ? "run" : "compile-error"},
                    {"expected", c.kind == CaseKind::Run ? JsonValue(c.expectedStatus)
                                                         : JsonValue("compile error")},
                    {"source", c.source.string()},
                    {"staged", entry.needsExecution}};
    out << toJson(JsonValue(std::move(line))) << "\n";
  }
}

CommandPlaceholders placeholdersFor(const ManifestEntry& entry,
                                    const LaneEnvironment& environment) {
  return {environment.tidePath, environment.runnerPath,
          fs::absolute(entry.testCase->source).string(), entry.stagedStem};
}

// Programs may run under an isolation uid that cannot read the corpus (a
// private home directory): they get a world-readable copy, {staged}.toy.
void copySourceForIsolation(const ManifestEntry& entry) {
  std::error_code copyError;
  fs::copy_file(entry.testCase->source, entry.stagedStem + ".toy",
                fs::copy_options::overwrite_existing, copyError);
  fs::permissions(entry.stagedStem + ".toy",
                  fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                      fs::perms::others_read,
                  fs::perm_options::replace, copyError);
}

// The lane's library stage step, in a staging worker.
ProcessOutcome stageInProcess(const LaneDescriptor& lane, const std::string& source,
                              const std::string& stem) {
  switch (lane.stageKind) {
    case StageKind::Check: return stageCheck(source);
    case StageKind::Object: return stageObject(source, stem + ".o", lane.optimizationLevel);
    case StageKind::Executable:
      return stageExecutable(source, stem + ".o", stem + ".exe", lane.optimizationLevel);
    case StageKind::Custom:
      if (lane.customStage) return lane.customStage(source, stem);
      break;
    case StageKind::Command: break;
  }
  ProcessOutcome none;
  none.spawnError = "the lane has no stage step";
  return none;
}

// The runner reports a fault as a raw chain on fd 3; the trace `tide run`
// would print goes after what the program wrote to stderr, where the
// backtrace oracle reads it. The object is ours (staged), but a symbolizer
// failure must still not end the run.
void appendSymbolizedCrash(ProcessOutcome& executed, const std::string& objectPath) {
  if (executed.report.empty()) return;
  try {
    executed.standardError += symbolizedRunnerReport(executed.report, objectPath);
  } catch (const std::exception& error) {
    executed.standardError +=
        std::string("tide: cannot symbolize the crash: ") + error.what() + "\n";
  }
}

void runLane(const std::vector<Case>& cases, const LaneDescriptor& lane,
             const BatchOptions& options, const fs::path& stagingRoot,
             std::optional<unsigned> firstUid, ResultCollector& results) {
  const fs::path laneDirectory = stagingRoot / lane.name;
  fs::create_directories(laneDirectory);
  makeReadableByAll(laneDirectory);

  std::vector<ManifestEntry> entries;
  for (const Case& testCase : cases) {
    if (auto skip = testCase.skipReasons.find(lane.name); skip != testCase.skipReasons.end()) {
      results.add(skipped(testCase, lane, skip->second));
      continue;
    }
    ManifestEntry entry;
    entry.id = manifestId(entries.size());
    entry.testCase = &testCase;
    entry.stagedStem = (laneDirectory / entry.id).string();
    entries.push_back(std::move(entry));
  }

  // Stage: compile every case; the compiler runs as we do (it is trusted),
  // bounded in time and output like any case.
  const auto staged = [&](std::size_t index, std::optional<ProcessOutcome> outcome) {
    ManifestEntry& entry = entries[index];
    entry.stageOutcome = std::move(outcome);
    const bool compiled =
        !entry.stageOutcome ||
        (entry.stageOutcome->ending == ProcessEnding::Exited && entry.stageOutcome->exitCode == 0);
    entry.needsExecution = entry.testCase->kind == CaseKind::Run && compiled;
    if (!entry.needsExecution) {
      CaseResult result = judgeCase(*entry.testCase, lane, entry.stageOutcome, std::nullopt);
      result.id = entry.id;
      results.add(std::move(result));
    }
  };
  if (lane.stageKind == StageKind::Command) {
    parallelFor(entries.size(), options.jobs, [&](std::size_t index, int) {
      const ManifestEntry& entry = entries[index];
      copySourceForIsolation(entry);
      if (lane.stageCommand.empty()) return staged(index, std::nullopt);
      ProcessSpec spec;
      spec.arguments =
          expandCommand(lane.stageCommand, placeholdersFor(entry, options.environment));
      spec.workingDirectory = laneDirectory.string();
      spec.timeout = options.timeout;
      spec.extraEnvironment = {"QT_QPA_PLATFORM=offscreen"};
      staged(index, runIsolated(spec));
    });
  } else {
    if (lane.stageKind == StageKind::Executable) prepareSystemLinker();  // once, before forking
    stageInWorkers(
        entries.size(), options.jobs, options.timeout,
        [&](std::size_t index) {
          const ManifestEntry& entry = entries[index];
          copySourceForIsolation(entry);
          return stageInProcess(lane, fs::absolute(entry.testCase->source).string(),
                                entry.stagedStem);
        },
        [&](std::size_t index, const ProcessOutcome& outcome) { staged(index, outcome); });
  }
  writeManifest(laneDirectory, lane, entries);

  // Drain: execute the staged programs, each in its own group, under its slot's uid.
  std::vector<std::size_t> runnable;
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (entries[i].needsExecution) runnable.push_back(i);
  parallelFor(runnable.size(), options.jobs, [&](std::size_t index, int slot) {
    const ManifestEntry& entry = entries[runnable[index]];
    ProcessSpec spec;
    if (lane.executeKind == ExecuteKind::Interpret) {
      spec.inProcess = [source = entry.stagedStem + ".toy"] { return interpretSource(source); };
    } else {
      spec.arguments =
          expandCommand(lane.executeCommand, placeholdersFor(entry, options.environment));
    }
    spec.reportPipe = lane.symbolizesRunnerReport;
    spec.workingDirectory = laneDirectory.string();
    spec.timeout = options.timeout;
    spec.limits = lane.executeLimits;
    spec.extraEnvironment = {"QT_QPA_PLATFORM=offscreen"};
    if (firstUid) spec.runAsUser = *firstUid + static_cast<unsigned>(slot) % kSlotsPerRun;
    ProcessOutcome executed = runIsolated(spec);
    if (lane.symbolizesRunnerReport) appendSymbolizedCrash(executed, entry.stagedStem + ".o");
    // Join: the manifest entry this execution belongs to carries the oracle.
    CaseResult result = judgeCase(*entry.testCase, lane, entry.stageOutcome, executed);
    result.id = entry.id;
    results.add(std::move(result));
  });
}

}  // namespace

int availableCores() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
  return std::max(1u, std::thread::hardware_concurrency());
}

void parallelFor(std::size_t count, int jobs, const std::function<void(std::size_t, int)>& work) {
  const int threads =
      static_cast<int>(std::min<std::size_t>(count, static_cast<std::size_t>(std::max(1, jobs))));
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) work(i, 0);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> pool;
  for (int slot = 0; slot < threads; ++slot)
    pool.emplace_back([&, slot] {
      for (std::size_t i = next++; i < count; i = next++) work(i, slot);
    });
  for (std::thread& thread : pool) thread.join();
}

BatchRun runBatch(const std::vector<Case>& cases, const BatchOptions& options,
                  const BatchSink& sink) {
  BatchRun run;
  becomeChildSubreaper();
  ResultCollector results(run, sink);
  run.stagingDirectory = makeStagingRoot(options.keepStaging);
  if (run.stagingDirectory.empty()) {
    for (const LaneDescriptor& lane : options.lanes) {
      if (sink.laneStarted) sink.laneStarted(lane, "cannot create a staging directory");
      for (const Case& testCase : cases)
        results.add(skipped(testCase, lane, "no staging directory"));
    }
    return run;
  }
  makeReadableByAll(run.stagingDirectory);
  std::optional<unsigned> firstUid;
  const unsigned uidBase =
      options.firstIsolationUid ? options.firstIsolationUid : isolationUidRangeForThisProcess();
  if (options.isolateUsers && userIsolationWorks(uidBase, options.environment)) firstUid = uidBase;

  for (const LaneDescriptor& lane : options.lanes) {
    const std::optional<std::string> missing = missingPrerequisite(lane, options.environment);
    if (sink.laneStarted) sink.laneStarted(lane, missing.value_or(""));
    if (missing) {
      for (const Case& testCase : cases)
        results.add(skipped(testCase, lane, "lane unavailable: " + *missing));
      continue;
    }
    runLane(cases, lane, options, run.stagingDirectory, firstUid, results);
  }
  if (options.keepStaging.empty()) {
    std::error_code error;
    fs::remove_all(run.stagingDirectory, error);
  }
  run.strayProcessesKilled = killRemainingChildren(firstUid.value_or(0));
  return run;
}

}  // namespace tide::batch
