// DebugSession: a thread that owns the engine (and through it the Target),
// a queue of requests into it and a queue of events out of it. The thread
// carries out every execution (run, continue, steps) and, while the program
// runs, answers requests from inside the engine's waits (where the engine
// refuses what needs a stopped program). A request made while that thread is
// idle runs in the caller's thread under the engine's lock instead of being
// handed over: a hand-off there and back is two thread wake-ups, measured at
// ~0.13 ms on the 2-core VM, more than the request itself (registers, stack,
// locals at every stop of a step).
#include "tide/debugger/debug_session.h"

#include <condition_variable>
#include <csignal>
#include <cstring>
#include <deque>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#include "session_engine.h"
#include "tide/core/interpreter.h"

namespace tide::debugger {

struct DebugSession::Shared {
  // Held by whichever thread uses the engine: the session thread while it
  // serves or executes, or a caller running a request directly.
  std::mutex engineMutex;

  std::mutex mutex;
  std::condition_variable wake;
  std::deque<std::function<void()>> requests;
  bool executionAccepted = false;  // a direct request left an execution pending
  bool quitting = false;

  std::mutex eventMutex;
  std::condition_variable eventWake;
  std::deque<SessionEvent> events;

  std::unique_ptr<SessionEngine> engine;
  std::thread thread;

  void post(std::function<void()> request) {
    {
      std::lock_guard lock(mutex);
      requests.push_back(std::move(request));
    }
    wake.notify_one();
  }

  // Runs every queued request; returns false once quitting.
  bool serve() {
    for (;;) {
      std::function<void()> request;
      {
        std::lock_guard lock(mutex);
        // An accepted run/resume starts before the next request is read,
        // so that request sees the program running.
        if (requests.empty() || engine->hasPendingExecution()) return !quitting;
        request = std::move(requests.front());
        requests.pop_front();
      }
      request();
    }
  }

  void loop() {
    for (;;) {
      {
        std::unique_lock lock(mutex);
        wake.wait(lock, [&] { return quitting || executionAccepted || !requests.empty(); });
        executionAccepted = false;
      }
      std::lock_guard engineLock(engineMutex);
      if (!serve()) break;
      while (engine->hasPendingExecution()) {
        engine->executePending();
        serve();
      }
    }
    std::lock_guard engineLock(engineMutex);
    engine.reset();  // kills the program
  }

  // Runs `request` here when the session thread is idle; false when it is
  // busy (or another caller is using the engine), then the request is posted.
  template <class F, class R>
  bool runDirectly(F& request, std::optional<R>* result) {
    std::unique_lock engineLock(engineMutex, std::try_to_lock);
    if (!engineLock.owns_lock()) return false;
    {
      std::lock_guard lock(mutex);
      if (quitting || !requests.empty() || engine->hasPendingExecution()) return false;
    }
    result->emplace(request());
    if (engine->hasPendingExecution()) {  // an accepted run or resume
      {
        std::lock_guard lock(mutex);
        executionAccepted = true;
      }
      wake.notify_one();
    }
    return true;
  }

  void emit(SessionEvent event) {
    {
      std::lock_guard lock(eventMutex);
      events.push_back(std::move(event));
    }
    eventWake.notify_all();
  }
};

DebugSession::DebugSession(std::function<std::unique_ptr<Target>()> makeTarget,
                           SessionOptions options)
    : shared_(std::make_shared<Shared>()) {
  Shared* shared = shared_.get();
  std::unique_ptr<Target> target = makeTarget();
  shared->engine = std::make_unique<SessionEngine>(
      std::move(target), std::move(options),
      [shared](SessionEvent event) { shared->emit(std::move(event)); },
      [shared] { shared->serve(); });
  shared->thread = std::thread([shared] { shared->loop(); });
}

DebugSession::~DebugSession() {
  {
    std::lock_guard lock(shared_->mutex);
    shared_->quitting = true;
  }
  shared_->wake.notify_one();
  interrupt();  // a running program stops, so the engine's wait returns
  if (shared_->thread.joinable()) shared_->thread.join();
}

template <class F>
auto DebugSession::call(F function) -> decltype(function()) {
  using R = decltype(function());
  if (std::optional<R> result; shared_->runDirectly(function, &result)) return std::move(*result);
  auto task = std::make_shared<std::packaged_task<R()>>(std::move(function));
  std::future<R> answer = task->get_future();
  shared_->post([task] { (*task)(); });
  return answer.get();
}

Reply DebugSession::load(const std::vector<std::string>& files) {
  return call([&] { return shared_->engine->load(files); });
}

Result<BreakpointInfo> DebugSession::addBreakpoint(const std::string& spec,
                                                   const std::string& condition) {
  return call([&] { return shared_->engine->addBreakpoint(spec, condition); });
}

Reply DebugSession::deleteBreakpoint(int id) {
  return call([&] { return shared_->engine->deleteBreakpoint(id); });
}

Reply DebugSession::enableBreakpoint(int id, bool enabled) {
  return call([&] { return shared_->engine->enableBreakpoint(id, enabled); });
}

std::vector<BreakpointInfo> DebugSession::breakpoints() {
  return call([&] { return shared_->engine->breakpoints(); });
}

Reply DebugSession::run(const std::vector<std::string>& arguments) {
  return call([&] { return shared_->engine->prepareRun(arguments); });
}

Reply DebugSession::resume(ExecutionKind kind, std::uint32_t line) {
  return call([&] { return shared_->engine->prepareResume(kind, line); });
}

bool DebugSession::interrupt() {
  // The engine's waits and step loops watch the flag and interrupt the
  // Target from its own thread.
  if (!shared_->engine || !shared_->engine->running()) return false;
  shared_->engine->interruptRequested() = true;
  return true;
}

Reply DebugSession::kill() {
  return call([&] { return shared_->engine->kill(); });
}

bool DebugSession::isRunning() {
  return call([&] { return shared_->engine->running() || shared_->engine->hasPendingExecution(); });
}

std::optional<std::int64_t> DebugSession::processId() {
  return call([&]() -> std::optional<std::int64_t> {
    Target& target = shared_->engine->target();
    return target.isAlive() ? target.processId() : std::nullopt;
  });
}

std::optional<SessionEvent> DebugSession::nextEvent(std::chrono::milliseconds timeout) {
  std::unique_lock lock(shared_->eventMutex);
  const auto ready = [&] { return !shared_->events.empty(); };
  // A zero timeout is a poll: no timed wait (a futex call that costs ~60 us
  // on the 2-core VM even when it times out at once).
  if (timeout.count() <= 0 ? !ready() : !shared_->eventWake.wait_for(lock, timeout, ready))
    return std::nullopt;
  SessionEvent event = std::move(shared_->events.front());
  shared_->events.pop_front();
  return event;
}

Result<Backtrace> DebugSession::backtrace(std::size_t innerLimit, std::size_t outerLimit) {
  return call([&] { return shared_->engine->backtrace(innerLimit, outerLimit); });
}

Reply DebugSession::selectFrame(std::size_t index) {
  return call([&] { return shared_->engine->selectFrame(index); });
}

Result<FrameInfo> DebugSession::selectedFrame() {
  return call([&] { return shared_->engine->selectedFrame(); });
}

Result<std::vector<RegisterValue>> DebugSession::registers() {
  return call([&] { return shared_->engine->registers(); });
}

Result<std::vector<VariableValue>> DebugSession::locals() {
  return call([&] { return shared_->engine->locals(); });
}

Result<std::vector<VariableValue>> DebugSession::globals() {
  return call([&] { return shared_->engine->globals(); });
}

Result<VariableValue> DebugSession::evaluate(const std::string& expression) {
  return call([&] { return shared_->engine->evaluate(expression); });
}

Result<std::uint64_t> DebugSession::addressOf(const std::string& expression) {
  return call([&] { return shared_->engine->addressOf(expression); });
}

Result<std::vector<std::uint8_t>> DebugSession::readMemory(std::uint64_t address,
                                                           std::size_t size) {
  return call([&] { return shared_->engine->readMemory(address, size); });
}

Result<std::vector<DisassemblyLine>> DebugSession::disassemble() {
  return call([&] { return shared_->engine->disassemble(); });
}

Result<std::vector<DisassemblyLine>> DebugSession::disassembleAt(std::uint64_t address) {
  return call([&] { return shared_->engine->disassembleAt(address); });
}

Result<std::vector<NativeFrame>> DebugSession::nativeBacktrace() {
  return call([&] { return shared_->engine->nativeBacktrace(); });
}

std::string DebugSession::sourceLine(const std::string& file, std::uint32_t line) {
  return call([&] { return shared_->engine->sourceLine(file, line); });
}

std::string describeExit(const StopEvent& stop) {
  if (stop.terminatingSignal)
    return "Program terminated by signal " + core::signalName(*stop.terminatingSignal);
  return "Program exited with status " + std::to_string(stop.exitStatus);
}

std::string describeFlags(std::uint64_t rflags) {
  static const std::pair<int, const char*> kFlags[] = {{0, "CF"}, {2, "PF"},  {4, "AF"},
                                                       {6, "ZF"}, {7, "SF"},  {8, "TF"},
                                                       {9, "IF"}, {10, "DF"}, {11, "OF"}};
  std::string text = "[ ";
  for (const auto& [bit, name] : kFlags)
    if (rflags >> bit & 1) text += std::string(name) + " ";
  return text + "]";
}

}  // namespace tide::debugger
