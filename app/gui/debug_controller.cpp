#include "gui/debug_controller.h"

#include <chrono>
#include <variant>

#include "tide/debugger/lldb_target_factory.h"

namespace tide::gui {

namespace {

// Short enough that a step's stop shows at once, long enough to cost nothing.
constexpr int kPollMilliseconds = 5;

}  // namespace

DebugController::DebugController(QObject* parent) : QObject(parent) {
  pollTimer_.setInterval(kPollMilliseconds);
  connect(&pollTimer_, &QTimer::timeout, this, &DebugController::poll);
}

DebugController::~DebugController() = default;  // the session kills its program

bool DebugController::start(const QString& path, const std::vector<int>& lines, QString* error) {
  stop();
  session_ = std::make_unique<debugger::DebugSession>(debugger::makeLldbTarget);
  const debugger::Reply loaded = session_->load({path.toStdString()});
  if (!loaded.ok) {
    *error = QString::fromStdString(loaded.message);
    session_.reset();
    return false;
  }
  breakpointIds_.clear();
  for (int line : lines) addBreakpoint(path, line);
  const debugger::Reply running = session_->run();
  if (!running.ok) {
    *error = QString::fromStdString(running.message);
    session_.reset();
    return false;
  }
  active_ = true;
  stopped_ = false;
  pollTimer_.start();
  Q_EMIT runningChanged(true);
  return true;
}

bool DebugController::resume(debugger::ExecutionKind kind, std::uint32_t line) {
  if (!session_ || !active_ || !stopped_) return false;
  if (!session_->resume(kind, line).ok) return false;
  stopped_ = false;
  pollTimer_.start();
  Q_EMIT runningChanged(true);
  return true;
}

bool DebugController::runToLine(const QString& path, int line) {
  if (!session_ || !active_ || !stopped_) return false;
  const auto added = session_->addBreakpoint(path.toStdString() + ":" + std::to_string(line));
  if (!added.ok()) return false;
  temporaryId_ = added.value->id;
  if (resume(debugger::ExecutionKind::Continue)) return true;
  session_->deleteBreakpoint(temporaryId_);
  temporaryId_ = 0;
  return false;
}

bool DebugController::reachedTemporaryBreakpoint(const debugger::StopEvent& stop) const {
  return stop.reason == debugger::StopReason::Breakpoint && reachedTemporaryId_ != 0 &&
         stop.breakpointId == reachedTemporaryId_;
}

void DebugController::interrupt() {
  if (session_ && active_ && !stopped_) session_->interrupt();
}

void DebugController::stop() {
  pollTimer_.stop();
  if (session_) session_->kill();
  session_.reset();
  const bool wasActive = active_;
  active_ = false;
  stopped_ = false;
  breakpointIds_.clear();
  temporaryId_ = reachedTemporaryId_ = 0;
  if (wasActive) Q_EMIT runningChanged(false);
}

void DebugController::addBreakpoint(const QString& path, int line) {
  if (!session_) return;
  const auto added = session_->addBreakpoint(path.toStdString() + ":" + std::to_string(line));
  if (added.ok()) breakpointIds_.emplace_back(line, added.value->id);
}

void DebugController::removeBreakpoint(const QString&, int line) {
  if (!session_) return;
  for (auto it = breakpointIds_.begin(); it != breakpointIds_.end(); ++it)
    if (it->first == line) {
      session_->deleteBreakpoint(it->second);
      breakpointIds_.erase(it);
      return;
    }
}

void DebugController::poll() {
  if (!session_) return;
  while (auto event = session_->nextEvent(std::chrono::milliseconds(0))) {
    handle(*event);
    if (!session_) return;  // a handler stopped the session
  }
}

void DebugController::handle(const debugger::SessionEvent& event) {
  if (const auto* output = std::get_if<debugger::OutputEvent>(&event)) {
    Q_EMIT this->output(
        QString::fromUtf8(output->bytes.data(), static_cast<qsizetype>(output->bytes.size())));
    return;
  }
  const auto& stop = std::get<debugger::StopEvent>(event);
  pollTimer_.stop();
  reachedTemporaryId_ = temporaryId_;
  if (temporaryId_ != 0 && stop.reason != debugger::StopReason::Exited)
    session_->deleteBreakpoint(temporaryId_);
  temporaryId_ = 0;
  if (stop.reason == debugger::StopReason::Exited) {
    active_ = false;
    stopped_ = false;
    const QString description = QString::fromStdString(debugger::describeExit(stop));
    Q_EMIT runningChanged(false);
    Q_EMIT exited(description);
    return;
  }
  stopped_ = true;
  Q_EMIT runningChanged(false);
  Q_EMIT stopped(stop);
}

}  // namespace tide::gui
