// LldbTarget's life cycle and execution requests over the SB API. LLDB runs
// in async mode: Continue and StepInstruction return at once and the stop
// arrives on our listener, which target_wait.cpp reads with a timeout.
// Breakpoints and symbols live in target_breakpoints.cpp, memory and
// registers in target_registers.cpp.
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <map>

#include "target_impl.h"

extern char** environ;

namespace tide::debugger {

void ensureDebugServerPath() {
  // Overwrite flag 0: a path the user set wins.
  setenv("LLDB_DEBUGSERVER_PATH", TIDE_LLDB_SERVER_PATH, 0);
}

namespace {

// One debugger for every Target of the process, never destroyed: LLDB's
// Create/Destroy per Target leaves threads winding down while the next one
// starts, and a debugger holds nothing of a Target's once its SBTarget is
// deleted. Async mode: the Target's own listener receives its events.
lldb::SBDebugger& sharedDebugger() {
  static lldb::SBDebugger* debugger = [] {
    // liblldb writes to lldb-server's socket and its own pipes without
    // MSG_NOSIGNAL and expects its host to ignore SIGPIPE, as the lldb
    // driver does; otherwise a kill racing a write ends the debugger.
    // A host that installed its own handler keeps it.
    struct sigaction current {};
    if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL)
      signal(SIGPIPE, SIG_IGN);
    ensureDebugServerPath();
    lldb::SBDebugger::Initialize();
    auto* created = new lldb::SBDebugger(lldb::SBDebugger::Create(false));
    created->SetAsync(true);
    // One `g` packet reads every register at a stop; otherwise each one
    // (xmm0-15 at every stop's refresh) is its own round trip to lldb-server.
    lldb::SBDebugger::SetInternalVariable("plugin.process.gdb-remote.use-g-packet-for-reading",
                                          "true", created->GetInstanceName());
    // The symbols of tide-runner and its libraries are read when first
    // looked up (the image hook, LLDB's own backtrace), not all at launch.
    lldb::SBDebugger::SetInternalVariable("target.preload-symbols", "false",
                                          created->GetInstanceName());
    // Nor does LLDB look for separate debug files under /usr/lib/debug: Tide
    // never shows the C library's insides, and with libc6-dbg installed LLDB
    // inflated its compressed DWARF at every launch (measured: run to the
    // image hook 119 ms -> 36 ms).
    lldb::SBDebugger::SetInternalVariable("symbols.enable-external-lookup", "false",
                                          created->GetInstanceName());
    // Tide reads values with its own DWARF reader; LLDB's values serve only
    // registers, and the dynamic-type, synthetic-children and formatter
    // lookups it does for each one are half the cost of a stop's refresh.
    lldb::SBDebugger::SetInternalVariable("target.prefer-dynamic-value", "no-dynamic-values",
                                          created->GetInstanceName());
    lldb::SBDebugger::SetInternalVariable("target.enable-synthetic-value", "false",
                                          created->GetInstanceName());
    {
      lldb::SBCommandReturnObject result;
      created->GetCommandInterpreter().HandleCommand("type category disable *", result);
    }
    // TIDE_LLDB_LOG=FILE logs every gdb-remote packet, the first thing to
    // read when a stop is slow or a request is refused.
    if (const char* log = std::getenv("TIDE_LLDB_LOG"); log && *log) {
      const std::string command =
          std::string("log enable -T -f \"") + log + "\" gdb-remote packets";
      lldb::SBCommandReturnObject result;
      created->GetCommandInterpreter().HandleCommand(command.c_str(), result);
      if (const char* extra = std::getenv("TIDE_LLDB_LOG_EXTRA")) {
        const std::string more = std::string("log enable -T -f \"") + log + "\" " + extra;
        created->GetCommandInterpreter().HandleCommand(more.c_str(), result);
      }
    }
    return created;
  }();
  return *debugger;
}

std::string messageOf(const lldb::SBError& error) {
  const char* text = error.GetCString();
  return text ? text : "unknown error";
}

// Our environment with the request's entries added or replaced, as
// NAME=value strings (LLDB inherits nothing when given a full list).
std::vector<std::string> environmentFor(const LaunchRequest& request) {
  std::map<std::string, std::string> entries;
  for (char** entry = environ; entry && *entry; ++entry) {
    const char* equals = std::strchr(*entry, '=');
    if (equals)
      entries[std::string(*entry, static_cast<std::size_t>(equals - *entry))] = equals + 1;
  }
  for (const auto& [name, value] : request.environment) entries[name] = value;
  std::vector<std::string> result;
  for (const auto& [name, value] : entries) result.push_back(name + "=" + value);
  return result;
}

std::vector<const char*> pointersTo(const std::vector<std::string>& strings) {
  std::vector<const char*> pointers;
  for (const std::string& text : strings) pointers.push_back(text.c_str());
  pointers.push_back(nullptr);
  return pointers;
}

}  // namespace

LldbTarget::LldbTarget() : impl_(std::make_unique<Impl>()) { impl_->debugger = sharedDebugger(); }

LldbTarget::~LldbTarget() {
  kill();
  impl_->stdio.closeAll();
  if (impl_->target.IsValid()) impl_->debugger.DeleteTarget(impl_->target);
}

bool LldbTarget::launch(const LaunchRequest& request, std::string* error) {
  kill();
  Impl& impl = *impl_;
  if (impl.target.IsValid()) impl.debugger.DeleteTarget(impl.target);
  // LLDB's GDB JIT loader reads every registered image at each
  // registration; only the cross-check of backtraces needs it.
  lldb::SBDebugger::SetInternalVariable("plugin.jit-loader.gdb.enable",
                                        request.readJitCode ? "on" : "off",
                                        impl.debugger.GetInstanceName());
  lldb::SBError sbError;
  impl.target =
      impl.debugger.CreateTarget(request.executable.c_str(), nullptr, nullptr, false, sbError);
  if (!impl.target.IsValid()) {
    *error = "cannot load " + request.executable + ": " + messageOf(sbError);
    return false;
  }
  if (!impl.stdio.create(error)) return false;

  std::vector<const char*> argv = pointersTo(request.arguments);
  const std::vector<std::string> environment = environmentFor(request);
  std::vector<const char*> envp = pointersTo(environment);
  lldb::SBLaunchInfo info(argv.data());
  info.SetEnvironmentEntries(envp.data(), false);
  if (!request.workingDirectory.empty()) info.SetWorkingDirectory(request.workingDirectory.c_str());
  info.SetLaunchFlags(info.GetLaunchFlags() | lldb::eLaunchFlagStopAtEntry);
  info.AddOpenFileAction(STDIN_FILENO, impl.stdio.stdinPath().c_str(), true, false);
  info.AddOpenFileAction(STDOUT_FILENO, impl.stdio.stdoutPath().c_str(), false, true);
  info.AddOpenFileAction(STDERR_FILENO, impl.stdio.stderrPath().c_str(), false, true);
  info.SetListener(impl.listener);

  lldb::SBProcess process = impl.target.Launch(info, sbError);
  {
    std::lock_guard lock(impl.processMutex);
    impl.process = process;
  }
  if (!process.IsValid() || sbError.Fail()) {
    *error = "cannot launch " + request.executable + ": " + messageOf(sbError);
    kill();
    impl.stdio.closeAll();
    return false;
  }
  impl.processId = static_cast<std::int64_t>(process.GetProcessID());
  impl.deliveredSignal.reset();
  impl.forgetStopRegisters();
  impl.registerSlots.reset();
  // Async launch re-broadcasts the stop at the entry point; take it so that
  // the first wait reports what happens after the first resume.
  impl.state = State::Running;
  const TargetEvents first = waitForStop(std::chrono::seconds(30));
  const TargetEvent* stop = lastStopOrExit(first);
  if (!stop || std::holds_alternative<ExitEvent>(*stop)) {
    *error = "the program did not stop at its entry point" +
             (stop ? ": " + describeEvent(*stop) : std::string());
    kill();
    return false;
  }
  impl.stdio.afterLaunch();
  return true;
}

LldbTarget::State LldbTarget::state() const { return impl_->state; }

bool LldbTarget::isAlive() const {
  const State state = impl_->state;
  return state == State::Stopped || state == State::Running;
}

std::optional<std::int64_t> LldbTarget::processId() const { return impl_->processId; }

const std::string& LldbTarget::lastError() const { return impl_->lastError; }

bool LldbTarget::resume() {
  Impl& impl = *impl_;
  if (impl.state != State::Stopped) {
    impl.lastError = "resume: the program is not stopped";
    return false;
  }
  // Running before Continue, so an interrupt from another thread that
  // comes as soon as the program runs is not refused.
  impl.stepping = false;
  impl.interrupting = false;
  impl.state = State::Running;
  impl.resumedAt = std::chrono::steady_clock::now();
  const lldb::SBError error = impl.process.Continue();
  if (error.Fail()) {
    impl.state = State::Stopped;
    impl.lastError = "resume: " + messageOf(error);
    return false;
  }
  return true;
}

bool LldbTarget::stepInstruction() {
  Impl& impl = *impl_;
  if (impl.state != State::Stopped) {
    impl.lastError = "step: the program is not stopped";
    return false;
  }
  lldb::SBThread thread = stoppedThread(impl.process);
  if (!thread.IsValid()) {
    impl.lastError = "step: no thread";
    return false;
  }
  impl.stepping = true;
  impl.interrupting = false;
  impl.state = State::Running;
  impl.resumedAt = std::chrono::steady_clock::now();
  lldb::SBError error;
  thread.StepInstruction(false, error);
  if (error.Fail()) {
    impl.state = State::Stopped;
    impl.lastError = "step: " + messageOf(error);
    return false;
  }
  return true;
}

bool LldbTarget::interrupt() {
  lldb::SBProcess process;
  {
    std::lock_guard lock(impl_->processMutex);
    process = impl_->process;
  }
  if (impl_->state != State::Running || !process.IsValid()) return false;
  impl_->interrupting = true;
  // Halts and waits (bounded by LLDB's interrupt timeout) for the stop,
  // which LLDB then re-broadcasts to our listener for the owner's wait.
  return process.Stop().Success();
}

bool LldbTarget::kill() {
  Impl& impl = *impl_;
  if (!impl.process.IsValid()) return false;
  const bool wasAlive = isAlive();
  if (wasAlive) {
    // Halt a running program first and take its stop: LLDB's Destroy of a
    // process that is still resuming (say, past the dynamic loader's
    // breakpoint) races its own threads.
    if (impl.state == State::Running) {
      interrupt();
      waitForStop(std::chrono::seconds(5));
    }
    // Destroy kills and waits for lldb-server to report the process reaped.
    impl.process.Kill();
    if (impl.state != State::Exited) waitForStop(std::chrono::seconds(5));
  }
  lldb::SBEvent event;
  while (impl.listener.GetNextEvent(event)) {
  }
  impl.state = State::Exited;
  std::lock_guard lock(impl.processMutex);
  impl.process.Clear();
  return wasAlive;
}

bool LldbTarget::writeStdin(std::string_view bytes) {
  if (!impl_->stdio.writeStdin(bytes)) {
    impl_->lastError = "stdin: the program does not read";
    return false;
  }
  return true;
}

void LldbTarget::closeStdin() { impl_->stdio.closeStdin(); }

}  // namespace tide::debugger
