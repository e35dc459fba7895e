// The engine's program: Toy files compiled in-process (core + codegen) into
// an object file, tide-runner launched on it under the Target, the image base
// learned at the runner's hook tide_runner_image_loaded(base), then the
// pending breakpoints resolved.
#include <unistd.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "session_engine.h"
#include "tide/codegen/object.h"
#include "tide/core/compile.h"
#include "tide/debugger/elf_file.h"
#include "tide/jit/elf_object.h"
#include "tide/jit/jit_session.h"

namespace tide::debugger {

namespace {

constexpr auto kLaunchTimeout = std::chrono::seconds(30);

}  // namespace

SessionEngine::SessionEngine(std::unique_ptr<Target> target, SessionOptions options,
                             std::function<void(SessionEvent)> emit,
                             std::function<void()> serviceRequests)
    : target_(std::move(target)),
      options_(std::move(options)),
      emit_(std::move(emit)),
      serviceRequests_(std::move(serviceRequests)) {}

SessionEngine::~SessionEngine() {
  target_->kill();
  if (!objectPath_.empty()) ::unlink(objectPath_.c_str());
}

Reply SessionEngine::load(const std::vector<std::string>& files) {
  if (stopped_ || running_) return Reply::failure("kill the program before loading another");
  const core::CompileResult compiled = core::compileFiles(files);
  if (!compiled.ok()) return Reply::failure(core::formatDiagnostics(compiled));
  const codegen::ObjectFile object = codegen::compileToObject(*compiled.module);
  const jit::ElfParseResult parsed = jit::parseElfObject(object.bytes);
  if (!parsed.object) return Reply::failure("code generation produced a bad object");
  jit::LayoutResult laidOut = jit::layoutImage(*parsed.object);
  if (!laidOut.layout) return Reply::failure("cannot lay out the image: " + laidOut.error);

  auto file = ElfFile::fromBytes(object.bytes);
  if (!file) return Reply::failure("cannot read the object back");
  SectionAddressMap addresses;
  for (const jit::PlacedSection& placed : laidOut.layout->sections)
    addresses[placed.sectionIndex] = placed.imageOffset;
  auto symbolizer = Symbolizer::fromElf(*file, &addresses);
  if (!symbolizer) return Reply::failure("cannot read the debug information");

  files_ = files;
  object_ = object.bytes;
  text_ = {};
  for (const jit::PlacedSection& placed : laidOut.layout->sections) {
    const jit::ElfSection& section = parsed.object->sections[placed.sectionIndex];
    if (placed.imageOffset == 0 && section.name == ".text" && !placed.zeroFill)
      text_ = std::span<const std::uint8_t>(object_).subspan(section.fileOffset, section.size);
  }
  layout_ = std::move(*laidOut.layout);
  symbolizer_ = std::move(*symbolizer);
  stmtRows_.clear();
  for (const LineTable& table : symbolizer_->debugInfo().lineTables)
    for (const LineRow& row : table.rows)
      if (row.isStmt && !row.endSequence) stmtRows_.emplace(row.address, row.line);
  sources_.clear();
  for (auto& [id, breakpoint] : breakpoints_) {
    breakpoint.info.pending = true;
    breakpoint.targetIds.clear();
  }
  std::string note;
  for (const std::string& problem : object.problems) note += "code generation: " + problem + "\n";
  return {true, note};
}

bool SessionEngine::launchProgram(const std::vector<std::string>& arguments, std::string* error) {
  imageBase_ = imageSize_ = 0;
  // Step breakpoints are ids of the previous process (if any); launching
  // is the one place they are forgotten rather than cleared.
  stepBreakpoints_.clear();
  for (auto& [id, breakpoint] : breakpoints_) {
    breakpoint.targetIds.clear();
    breakpoint.info.pending = true;
  }
  // The object lives in a temporary file only while the runner loads it, so
  // even a debugger killed later leaves nothing behind in /tmp.
  char path[] = "/tmp/tide-dbg-XXXXXX";
  const int fd = ::mkstemp(path);
  if (fd < 0) {
    *error = "cannot create a temporary file";
    return false;
  }
  ::close(fd);
  objectPath_ = path;
  {
    std::ofstream out(objectPath_, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(object_.data()),
              static_cast<std::streamsize>(object_.size()));
    if (!out) {
      *error = "cannot write " + objectPath_;
      return false;
    }
  }
  LaunchRequest request;
  request.executable = options_.runnerPath.empty() ? jit::defaultRunnerPath() : options_.runnerPath;
  request.arguments = {objectPath_, "--program-name", files_.front(), "--"};
  request.arguments.insert(request.arguments.end(), arguments.begin(), arguments.end());
  request.readJitCode = options_.readJitCode;
  if (!target_->launch(request, error)) {
    ::unlink(objectPath_.c_str());
    objectPath_.clear();
    return false;
  }
  target_->closeStdin();

  // The hook's entry, exactly: rdi and rsi still hold base and size there.
  const auto hook = target_->symbolAddress("tide_runner_image_loaded");
  const auto hookId = hook ? target_->setBreakpointAtAddress(*hook) : std::nullopt;
  if (!hookId) {
    *error = "tide-runner has no tide_runner_image_loaded hook";
    target_->kill();
    return false;
  }
  target_->resume();
  const TargetEvents events = target_->waitForStop(kLaunchTimeout);
  ::unlink(objectPath_.c_str());  // mapped by now (or never will be)
  objectPath_.clear();
  for (const TargetEvent& event : events)
    if (const auto* output = std::get_if<OutputEvent>(&event)) emit_(*output);
  const TargetEvent* stop = lastStopOrExit(events);
  const auto* atHook = stop ? std::get_if<BreakpointStop>(stop) : nullptr;
  if (!atHook || atHook->breakpointId != *hookId) {
    *error = "the runner did not load the image" + (stop ? ": " + describeEvent(*stop) : "");
    target_->kill();
    return false;
  }
  // The hook's only argument is the base; the size is the layout's, which
  // the runner computed from the same object.
  imageBase_ = target_->readRegister("rdi").value_or(0);
  imageSize_ = layout_->size;
  target_->clearBreakpoint(*hookId);
  for (auto& [id, breakpoint] : breakpoints_) resolveBreakpoint(breakpoint);
  return imageBase_ != 0;
}

std::uint64_t SessionEngine::toImage(std::uint64_t runtime) const {
  return imageAddressFrom(runtime, imageBase_, imageSize_);
}

bool SessionEngine::isImageCode(std::uint64_t runtime) const {
  return layout_ && imageBase_ != 0 && jit::isImageCode(runtime, imageBase_, *layout_);
}

FrameInfo SessionEngine::describePc(std::uint64_t pc, bool returnAddress) const {
  FrameInfo frame;
  frame.pc = pc;
  if (!symbolizer_ || !isImageCode(pc)) return frame;
  const SymbolizedAddress symbol = symbolizer_->symbolize(
      toImage(pc), returnAddress ? AddressKind::ReturnAddress : AddressKind::Exact);
  frame.function = symbol.function;
  frame.offset = symbol.offset;
  if (symbol.location) {
    frame.file = symbol.location->file;
    frame.line = symbol.location->line;
    frame.column = symbol.location->column;
  }
  return frame;
}

std::optional<std::uint64_t> SessionEngine::readWord(std::uint64_t address) {
  auto bytes = target_->readMemory(address, 8);
  if (!bytes) return std::nullopt;
  std::uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = value << 8 | (*bytes)[static_cast<std::size_t>(i)];
  return value;
}

std::optional<std::string> SessionEngine::stoppedError() const {
  if (running_) return "the program is running (interrupt it first)";
  if (!stopped_) return "the program is not running";
  return std::nullopt;
}

std::string SessionEngine::sourceLine(const std::string& file, std::uint32_t line) {
  auto found = sources_.find(file);
  if (found == sources_.end()) {
    std::vector<std::string> lines;
    std::ifstream in(file);
    for (std::string text; std::getline(in, text);) lines.push_back(text);
    found = sources_.emplace(file, std::move(lines)).first;
  }
  if (line == 0 || line > found->second.size()) return "";
  return found->second[line - 1];
}

Reply SessionEngine::kill() {
  if (running_) return Reply::failure("the program is running (interrupt it first)");
  const bool wasAlive = target_->kill();
  stopped_ = false;
  imageBase_ = 0;
  if (!wasAlive) return Reply::failure("the program is not running");
  return {};
}

}  // namespace tide::debugger
