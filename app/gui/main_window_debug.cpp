// MainWindow's debugging half: the Debug menu and toolbar, breakpoints as
// margin markers, and what each stop and exit shows (docs/ide.md). The
// engine is DebugController's; the panes are DebugPanes'.
#include <Qsci/qsciscintilla.h>

#include <QAction>
#include <QFileInfo>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>

#include "gui/debug_controller.h"
#include "gui/debug_panes.h"
#include "gui/editor_markers.h"
#include "gui/main_window.h"

namespace tide::gui {

using namespace markers;

void MainWindow::createDebugMenu() {
  QMenu* menu = menuBar()->addMenu(tr("&Debug"));
  QToolBar* bar = addToolBar(tr("Debug"));
  bar->setObjectName("Debug");
  auto add = [&](const QString& text, const QKeySequence& key, auto slot) {
    QAction* action = menu->addAction(text, key, this, slot);
    bar->addAction(action);
    return action;
  };
  continueAction_ =
      add(tr("&Run / Continue"), QKeySequence(Qt::Key_F5), [this] { startOrContinue(); });
  pauseAction_ = add(tr("&Pause"), QKeySequence(Qt::Key_F6), &MainWindow::pause);
  stopAction_ = add(tr("S&top"), QKeySequence(Qt::SHIFT | Qt::Key_F5), &MainWindow::stopDebugging);
  menu->addSeparator();
  bar->addSeparator();
  stepOverAction_ = add(tr("Step &Over"), QKeySequence(Qt::Key_F10), &MainWindow::stepOver);
  stepIntoAction_ = add(tr("Step &Into"), QKeySequence(Qt::Key_F11), &MainWindow::stepInto);
  stepOutAction_ =
      add(tr("Step O&ut"), QKeySequence(Qt::SHIFT | Qt::Key_F11), &MainWindow::stepOut);
  runToCursorAction_ = menu->addAction(tr("Run to &Cursor"), QKeySequence(Qt::CTRL | Qt::Key_F10),
                                       this, &MainWindow::runToCursor);
  menu->addSeparator();
  menu->addAction(tr("Toggle &Breakpoint"), QKeySequence(Qt::Key_F9), this, [this] {
    int line = 0, index = 0;
    editor_->getCursorPosition(&line, &index);
    toggleBreakpoint(line + 1);
  });
}

void MainWindow::updateDebugActions() {
  const bool active = debugger_->isActive();
  const bool stopped = active && debugger_->isStopped();
  continueAction_->setEnabled(!active || stopped);
  pauseAction_->setEnabled(active && !stopped);
  stopAction_->setEnabled(active);
  for (QAction* step : {stepOverAction_, stepIntoAction_, stepOutAction_, runToCursorAction_})
    step->setEnabled(stopped);
  if (!stopped) {
    editor_->markerDeleteAll(kExecutionMarker);
    editor_->markerDeleteAll(kExecutionLineMarker);
    editor_->setCaretLineBackgroundColor(kCaretLineColor);
  }
}

void MainWindow::toggleBreakpoint(int line) {
  if (line < 1 || line > editor_->lines()) return;
  const bool set = editor_->markersAtLine(line - 1) & (1 << kBreakpointMarker);
  if (set) {
    editor_->markerDelete(line - 1, kBreakpointMarker);
    debugger_->removeBreakpoint(currentFile_, line);
  } else {
    editor_->markerAdd(line - 1, kBreakpointMarker);
    debugger_->addBreakpoint(currentFile_, line);
  }
}

std::vector<int> MainWindow::breakpointLines() const {
  std::vector<int> lines;
  for (int line = editor_->markerFindNext(0, 1 << kBreakpointMarker); line >= 0;
       line = editor_->markerFindNext(line + 1, 1 << kBreakpointMarker))
    lines.push_back(line + 1);
  return lines;
}

int MainWindow::executionLine() const {
  const int line = editor_->markerFindNext(0, 1 << kExecutionMarker);
  return line < 0 ? 0 : line + 1;
}

QString MainWindow::valueTipAt(int line, int index) const {
  if (!debugger_->isStopped()) return QString();
  const QString word = editor_->wordAtLineIndex(line, index);
  if (word.isEmpty() || word[0].isDigit()) return QString();
  const auto value = debugger_->session()->evaluate(word.toStdString());
  if (!value.ok()) return QString();
  return QString::fromStdString(value.value->name + ": " + value.value->type + " = " +
                                value.value->value);
}

bool MainWindow::startOrContinue() {
  if (debugger_->isActive()) return debugger_->resume(debugger::ExecutionKind::Continue);
  // The debugger compiles the file on disk: what it shows must be what is
  // in the editor, so the buffer is saved first (or nothing runs).
  if ((editor_->isModified() || currentFile_.isEmpty()) && !save()) return false;
  panes_->clear();
  panes_->clearOutput();
  QString error;
  if (!debugger_->start(currentFile_, breakpointLines(), &error)) {
    panes_->appendOutput(error);
    reportError(tr("Cannot debug %1: %2")
                    .arg(QFileInfo(currentFile_).fileName(), error.section('\n', 0, 0)));
    return false;
  }
  statusBar()->showMessage(tr("Running %1").arg(QFileInfo(currentFile_).fileName()));
  return true;
}

void MainWindow::stepOver() { debugger_->resume(debugger::ExecutionKind::StepOver); }
void MainWindow::stepInto() { debugger_->resume(debugger::ExecutionKind::StepInto); }
void MainWindow::stepOut() { debugger_->resume(debugger::ExecutionKind::StepOut); }
void MainWindow::pause() { debugger_->interrupt(); }

void MainWindow::runToCursor() {
  int line = 0, index = 0;
  editor_->getCursorPosition(&line, &index);
  // A temporary breakpoint, not `until`: an IDE's "run to cursor" goes to
  // the line wherever it is reached, not only in the current frame.
  debugger_->runToLine(currentFile_, line + 1);
}

void MainWindow::stopDebugging() {
  debugger_->stop();
  panes_->clear();
  statusBar()->showMessage(tr("Stopped debugging"), 3000);
}

void MainWindow::showStop(const debugger::StopEvent& stop) {
  QString reason;
  switch (stop.reason) {
    case debugger::StopReason::Breakpoint:
      reason = debugger_->reachedTemporaryBreakpoint(stop)
                   ? tr("Reached the cursor")
                   : tr("Breakpoint %1, hit %2").arg(stop.breakpointId).arg(stop.hitCount);
      break;
    case debugger::StopReason::ProgramBreakpoint:
      reason = tr("Program breakpoint (%1)").arg(QString::fromStdString(stop.message));
      break;
    case debugger::StopReason::Signal:
      reason = tr("Program received signal %1").arg(QString::fromStdString(stop.signalName));
      if (stop.faultAddress) reason += tr(" at address 0x%1").arg(*stop.faultAddress, 0, 16);
      break;
    case debugger::StopReason::Interrupted: reason = tr("Paused"); break;
    case debugger::StopReason::Finished:
      reason = stop.returnValue ? tr("Returned %1").arg(QString::fromStdString(*stop.returnValue))
                                : tr("Returned");
      break;
    default: reason = tr("Stopped"); break;
  }
  statusBar()->showMessage(reason);
  editor_->markerDeleteAll(kExecutionMarker);
  editor_->markerDeleteAll(kExecutionLineMarker);
  const QString file = QString::fromStdString(stop.frame.file);
  if (stop.frame.line > 0 && isCurrentFile(file)) {
    const int line = static_cast<int>(stop.frame.line) - 1;
    editor_->markerAdd(line, kExecutionMarker);
    editor_->markerAdd(line, kExecutionLineMarker);
    showLocation(file, static_cast<int>(stop.frame.line));
  }
  int cursorLine = 0, cursorIndex = 0;
  editor_->getCursorPosition(&cursorLine, &cursorIndex);
  updateCursorPosition(cursorLine, cursorIndex);
  panes_->refresh(*debugger_->session(), stop);
}

void MainWindow::showExit(const QString& description) {
  panes_->clear();
  panes_->appendOutput("\n[" + description + "]\n");
  statusBar()->showMessage(description);
}

void MainWindow::showLocation(const QString& file, int line) {
  if (!isCurrentFile(file) || line < 1) return;
  editor_->setCursorPosition(line - 1, 0);
  editor_->ensureLineVisible(line - 1);
}

bool MainWindow::isCurrentFile(const QString& path) const {
  if (path.isEmpty() || currentFile_.isEmpty()) return false;
  const QFileInfo shown(currentFile_), other(path);
  return shown.canonicalFilePath() == other.canonicalFilePath() ||
         (other.isRelative() && shown.fileName() == other.fileName());
}

}  // namespace tide::gui
