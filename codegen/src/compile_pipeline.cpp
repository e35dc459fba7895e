// compileFilesToObject: the front end on the calling thread, the code
// generator on a worker fed through one atomic word (the count of functions
// lowered so far, plus a "closed" bit). The worker reads only what the front
// end no longer changes: functions already lowered, the declarations, and
// types (TypeTable never moves a type). Strings, which lowering still adds
// to, are laid out by finish() on the calling thread after the worker has
// stopped.
#include "tide/codegen/compile_pipeline.h"

#include <atomic>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <optional>
#include <thread>
#include <utility>

namespace tide::codegen {

namespace {

class CodegenWorker final : public core::LoweringObserver {
 public:
  CodegenWorker(const CodegenOptions& options, std::size_t expectedInstructions, bool releaseBodies)
      : options_(options),
        expectedInstructions_(expectedInstructions),
        releaseBodies_(releaseBodies) {}
  ~CodegenWorker() override { join(); }
  CodegenWorker(const CodegenWorker&) = delete;
  CodegenWorker& operator=(const CodegenWorker&) = delete;

  void declarationsLowered(ir::Module& module) override {
    module_ = &module;
    builder_.emplace(module, options_, expectedInstructions_);
    thread_ = std::thread([this] { run(); });
  }
  void functionLowered(ir::Module&, std::uint32_t functionIndex) override {
    // Lowering goes in module order; should it not, the worker stops at the
    // gap and the caller generates the rest.
    if (functionIndex != published_ || gap_) {
      gap_ = true;
      return;
    }
    ++published_;
    state_.store(published_, std::memory_order_release);
    state_.notify_one();
    releaseGenerated();
  }
  // The module may be destroyed next: the worker finishes what was
  // published and stops.
  void analysisFinished() override {
    join();
    releaseGenerated();
  }
  // The builder, with every published function added; null if the
  // declarations never came (an error before lowering).
  ObjectBuilder* stop() {
    join();
    if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
    return builder_ ? &*builder_ : nullptr;
  }

 private:
  static constexpr std::uint64_t kClosed = std::uint64_t{1} << 63;

  // Frees the bodies the worker has generated code for, on the front end's
  // thread: the memory is then reused for the functions it lowers next (on
  // the benchmark: 10k fewer page faults, about a tenth of the CPU time).
  // (Freed by the worker, each body's blocks went back to the front end's
  // malloc arena under its lock, and the two threads queued on that lock:
  // ~9% of `tide build`'s CPU was futex waits and wake-ups.)
  void releaseGenerated() {
    if (!releaseBodies_ || module_ == nullptr) return;
    const std::uint32_t generated = generated_.load(std::memory_order_acquire);
    for (; released_ < generated; ++released_) module_->functions[released_].releaseBody();
  }

  void join() {
    if (!thread_.joinable()) return;
    state_.store(published_ | kClosed, std::memory_order_release);
    state_.notify_one();
    thread_.join();
  }

  void run() {
    try {
      std::uint32_t done = 0;
      for (;;) {
        const std::uint64_t state = state_.load(std::memory_order_acquire);
        const std::uint64_t published = state & ~kClosed;
        for (; done < published; ++done) {
          builder_->addFunction(done);
          generated_.store(done + 1, std::memory_order_release);
        }
        if (state & kClosed) return;
        state_.wait(state, std::memory_order_acquire);  // until the state changes
      }
    } catch (...) {
      failure_ = std::current_exception();
    }
  }

  CodegenOptions options_;
  std::size_t expectedInstructions_;
  bool releaseBodies_;
  ir::Module* module_ = nullptr;
  std::optional<ObjectBuilder> builder_;
  std::thread thread_;
  std::atomic<std::uint64_t> state_{0};
  std::atomic<std::uint32_t> generated_{0};  // functions the worker is done with
  std::uint32_t published_ = 0;              // the front end's thread only
  std::uint32_t released_ = 0;               // the front end's thread only
  bool gap_ = false;
  std::exception_ptr failure_;
};

std::size_t sourceBytes(const std::vector<std::string>& paths) {
  std::size_t total = 0;
  for (const std::string& path : paths) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (!error) total += static_cast<std::size_t>(size);
  }
  return total;
}

}  // namespace

CompiledObject compileFilesToObject(const std::vector<std::string>& paths,
                                    const PipelineOptions& options) {
  CompiledObject out;
  const std::size_t bytes = sourceBytes(paths);
  if (bytes < options.threadThreshold) {
    out.compiled = core::compileFiles(paths);
    if (out.compiled.ok()) out.object = compileToObject(*out.compiled.module, options.codegen);
    return out;
  }
  // About one IR instruction per 4 source bytes (the 100,000-line benchmark:
  // 2.8 MB, 725k instructions): only sizes reservations.
  core::CompileOptions compileOptions;
  // (An in-place parse, redone after a diagnostic in a body, has its AST
  // memory mapped on a second thread.)
  compileOptions.populateAstAhead = true;
  CodegenWorker worker(options.codegen, bytes / 4,
                       options.releaseBodies && !core::verifiesIr(compileOptions));
  compileOptions.observer = &worker;
  out.compiled = core::compileFiles(paths, compileOptions);
  ObjectBuilder* builder = worker.stop();
  if (!out.compiled.ok()) return out;
  // (Not observed: the front end compiled the program a second time, and the
  // worker's builder is for the module of the first.)
  if (!out.compiled.observed) builder = nullptr;
  out.usedThread = builder != nullptr;
  if (builder == nullptr) {
    out.object = compileToObject(*out.compiled.module, options.codegen);
    return out;
  }
  const std::size_t functionCount = out.compiled.module->functions.size();
  for (std::uint32_t i = builder->functionsAdded(); i < functionCount; ++i) {
    builder->addFunction(i);
    if (options.releaseBodies) out.compiled.module->functions[i].releaseBody();
  }
  out.object = builder->finish();
  return out;
}

}  // namespace tide::codegen
