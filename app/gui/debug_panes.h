// The debugger's panes, as dock widgets: the call stack (a row per frame,
// which a click selects and shows in the editor), the selected frame's
// locals and disassembly (with its source lines, the pc marked), the
// registers (those changed since the previous stop in red), and the
// program's output. They only show what DebugSession answers; filling
// them is refresh(), called at each stop.
#pragma once

#include <QObject>
#include <QString>
#include <cstdint>

#include "tide/debugger/debug_session.h"

class QDockWidget;
class QMainWindow;
class QPlainTextEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace tide::gui {

class DebugPanes : public QObject {
  Q_OBJECT

 public:
  explicit DebugPanes(QMainWindow* window);

  // Fills the panes from a stopped session; a fault stop's own backtrace
  // (which the stop carries) fills the call stack, and that pane is raised.
  void refresh(debugger::DebugSession& session, const debugger::StopEvent& stop);
  void clear();  // the program is gone: stack, locals and registers empty
  void appendOutput(const QString& text);
  void clearOutput();

  QTreeWidget* callStack() const { return stack_; }
  QTreeWidget* locals() const { return locals_; }
  QTreeWidget* registers() const { return registers_; }
  QPlainTextEdit* output() const { return output_; }
  QPlainTextEdit* disassembly() const { return disassembly_; }

 Q_SIGNALS:
  // A frame was chosen in the call stack: show FILE:LINE in the editor.
  void frameChosen(const QString& file, int line);

 private:
  void showFrames(const debugger::Backtrace& trace);
  void showLocals(debugger::DebugSession& session);
  void showRegisters(debugger::DebugSession& session);
  void showDisassembly(debugger::DebugSession& session);
  void chooseFrame(QTreeWidgetItem* item);

  debugger::DebugSession* session_ = nullptr;  // while stopped
  QTreeWidget* stack_ = nullptr;
  QTreeWidget* locals_ = nullptr;
  QTreeWidget* registers_ = nullptr;
  QPlainTextEdit* output_ = nullptr;
  QPlainTextEdit* disassembly_ = nullptr;
  QDockWidget* stackDock_ = nullptr;
};

}  // namespace tide::gui
