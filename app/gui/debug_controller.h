// The IDE's side of the debugger engine: one DebugSession, its events turned
// into Qt signals on the GUI thread. The session answers requests at once
// while the program is stopped, so the panes call it directly; what happens
// while the program runs (its output, the next stop) is polled from a timer,
// never waited for, so a program that runs forever leaves the window alive.
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>
#include <vector>

#include "tide/debugger/debug_session.h"

namespace tide::gui {

class DebugController : public QObject {
  Q_OBJECT

 public:
  explicit DebugController(QObject* parent = nullptr);
  ~DebugController() override;

  // Compiles `path` and starts it with a breakpoint on each of `lines`
  // (1-based). False with the diagnostics (or the launch error) in `error`.
  bool start(const QString& path, const std::vector<int>& lines, QString* error);
  bool resume(debugger::ExecutionKind kind, std::uint32_t line = 0);  // line: for Until
  void interrupt();
  void stop();  // kills the program

  bool isActive() const { return active_; }    // a program is loaded and alive
  bool isStopped() const { return stopped_; }  // and stopped: the panes may ask
  debugger::DebugSession* session() const { return session_.get(); }

  // Continues with a temporary breakpoint on `line`, removed at the next
  // stop (which may be another breakpoint's, or a fault, first).
  bool runToLine(const QString& path, int line);
  // The stop was the temporary breakpoint's.
  bool reachedTemporaryBreakpoint(const debugger::StopEvent& stop) const;

  // Breakpoints of a running session follow the editor's markers, by the
  // line a marker had when it was set: the program runs the code it was
  // compiled from, so edits made while it lives do not move its breakpoints
  // (the next run takes the markers where they are then).
  void addBreakpoint(const QString& path, int line);
  void removeBreakpoint(const QString& path, int line);

 Q_SIGNALS:
  void stopped(const tide::debugger::StopEvent& stop);
  void exited(const QString& description);
  void output(const QString& text);
  void runningChanged(bool running);

 private:
  void poll();
  void handle(const debugger::SessionEvent& event);

  std::unique_ptr<debugger::DebugSession> session_;
  QTimer pollTimer_;
  bool active_ = false;
  bool stopped_ = false;
  std::vector<std::pair<int, int>> breakpointIds_;  // line, session id
  int temporaryId_ = 0;                             // of runToLine, until the next stop
  int reachedTemporaryId_ = 0;                      // the last stop's, if it was that one
};

}  // namespace tide::gui
