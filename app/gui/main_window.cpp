#include "gui/main_window.h"

#include <Qsci/qsciscintilla.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QStatusBar>
#include <QToolBar>
#include <QToolTip>

#include "gui/debug_controller.h"
#include "gui/debug_panes.h"
#include "gui/toy_lexer.h"

namespace tide::gui {

namespace {

// The symbol margin (1) shows both; the current line also tints its text.
constexpr int kBreakpointMarker = 1;
constexpr int kExecutionMarker = 2;
constexpr int kExecutionLineMarker = 3;
constexpr int kSymbolMargin = 1;
// The caret line is drawn over line markers, so on the execution line it
// takes the execution tint instead of hiding it.
const QColor kCaretLineColor(0xf0, 0xf4, 0xfa);
const QColor kExecutionLineColor(0xff, 0xf3, 0xb0);

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), editor_(new QsciScintilla(this)) {
  const QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
  editor_->setUtf8(true);
  editor_->setFont(font);
  editor_->setLexer(new ToyLexer(editor_));
  editor_->setMarginType(0, QsciScintilla::NumberMargin);
  editor_->setMarginLineNumbers(0, true);
  editor_->setMarginWidth(0, QStringLiteral("00000"));
  editor_->setBraceMatching(QsciScintilla::SloppyBraceMatch);
  editor_->setCaretLineVisible(true);
  editor_->setCaretLineBackgroundColor(kCaretLineColor);
  editor_->setAutoIndent(true);
  editor_->setIndentationsUseTabs(false);
  editor_->setIndentationWidth(4);
  editor_->setTabWidth(4);
  // Grow the horizontal scroll range with the longest line seen instead of
  // Scintilla's fixed 2000 pixels, so short files show no scroll bar.
  editor_->SendScintilla(QsciScintillaBase::SCI_SETSCROLLWIDTH, 1);
  editor_->SendScintilla(QsciScintillaBase::SCI_SETSCROLLWIDTHTRACKING, 1);
  // Breakpoints and the execution point live in the symbol margin; a click
  // there toggles a breakpoint, as in every IDE.
  editor_->setMarginType(kSymbolMargin, QsciScintilla::SymbolMargin);
  editor_->setMarginWidth(kSymbolMargin, 16);
  editor_->setMarginSensitivity(kSymbolMargin, true);
  editor_->setMarginMarkerMask(kSymbolMargin, (1 << kBreakpointMarker) | (1 << kExecutionMarker));
  editor_->markerDefine(QsciScintilla::Circle, kBreakpointMarker);
  editor_->setMarkerBackgroundColor(QColor(0xd0, 0x20, 0x20), kBreakpointMarker);
  editor_->setMarkerForegroundColor(QColor(0x90, 0x10, 0x10), kBreakpointMarker);
  editor_->markerDefine(QsciScintilla::RightArrow, kExecutionMarker);
  editor_->setMarkerBackgroundColor(QColor(0xf0, 0xc0, 0x00), kExecutionMarker);
  editor_->markerDefine(QsciScintilla::Background, kExecutionLineMarker);
  editor_->setMarkerBackgroundColor(kExecutionLineColor, kExecutionLineMarker);
  connect(editor_, &QsciScintilla::marginClicked, this,
          [this](int, int line, Qt::KeyboardModifiers) { toggleBreakpoint(line + 1); });
  // Hovering a variable of the stopped program shows its value.
  editor_->SendScintilla(QsciScintillaBase::SCI_SETMOUSEDWELLTIME, 400);
  connect(editor_, &QsciScintillaBase::SCN_DWELLSTART, this, [this](int position, int x, int y) {
    if (position < 0) return;
    int line = 0, index = 0;
    editor_->lineIndexFromPosition(position, &line, &index);
    const QString tip = valueTipAt(line, index);
    if (!tip.isEmpty()) QToolTip::showText(editor_->mapToGlobal(QPoint(x, y)), tip, editor_);
  });
  connect(editor_, &QsciScintillaBase::SCN_DWELLEND, this, [] { QToolTip::hideText(); });
  setCentralWidget(editor_);

  debugger_ = new DebugController(this);
  panes_ = new DebugPanes(this);
  connect(debugger_, &DebugController::stopped, this, &MainWindow::showStop);
  connect(debugger_, &DebugController::exited, this, &MainWindow::showExit);
  connect(debugger_, &DebugController::output, panes_, &DebugPanes::appendOutput);
  connect(debugger_, &DebugController::runningChanged, this, &MainWindow::updateDebugActions);
  connect(panes_, &DebugPanes::frameChosen, this, &MainWindow::showLocation);

  cursorLabel_ = new QLabel(this);
  statusBar()->addPermanentWidget(cursorLabel_);
  connect(editor_, &QsciScintilla::cursorPositionChanged, this, &MainWindow::updateCursorPosition);
  connect(editor_, &QsciScintilla::modificationChanged, this, &QWidget::setWindowModified);
  updateCursorPosition(0, 0);

  createMenus();
  createDebugMenu();
  updateDebugActions();
  setCurrentFile(QString());
  resize(1100, 760);
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&New"), QKeySequence::New, this, &MainWindow::newFile);
  file->addAction(tr("&Open..."), QKeySequence::Open, this, &MainWindow::open);
  file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
  file->addAction(tr("Save &As..."), QKeySequence::SaveAs, this, &MainWindow::saveAs);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
}

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

QString MainWindow::cursorPositionText() const { return cursorLabel_->text(); }

void MainWindow::updateCursorPosition(int line, int index) {
  // QScintilla counts from 0; people count lines and columns from 1.
  cursorLabel_->setText(tr("Ln %1, Col %2").arg(line + 1).arg(index + 1));
  editor_->setCaretLineBackgroundColor(line + 1 == executionLine() ? kExecutionLineColor
                                                                   : kCaretLineColor);
}

void MainWindow::setCurrentFile(const QString& path) {
  currentFile_ = path;
  editor_->setModified(false);
  setWindowModified(false);
  const QString shown = path.isEmpty() ? tr("untitled.toy") : QFileInfo(path).fileName();
  setWindowTitle(tr("%1[*] — Tide").arg(shown));
}

void MainWindow::newFile() {
  if (!maybeSave()) return;
  stopDebugging();
  editor_->markerDeleteAll(kBreakpointMarker);
  editor_->clear();
  setCurrentFile(QString());
}

void MainWindow::open() {
  if (!maybeSave()) return;
  const QString path = QFileDialog::getOpenFileName(this, tr("Open Toy file"), QString(),
                                                    tr("Toy sources (*.toy);;All files (*)"));
  if (!path.isEmpty()) openFile(path);
}

bool MainWindow::openFile(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    reportError(tr("Cannot open %1: %2").arg(path, file.errorString()));
    return false;
  }
  debugger_->stop();
  panes_->clear();
  editor_->markerDeleteAll(kBreakpointMarker);
  editor_->setText(QString::fromUtf8(file.readAll()));
  setCurrentFile(path);
  statusBar()->showMessage(tr("Opened %1").arg(path), 3000);
  return true;
}

bool MainWindow::save() { return currentFile_.isEmpty() ? saveAs() : saveFile(currentFile_); }

bool MainWindow::saveAs() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Save Toy file"), currentFile_,
                                                    tr("Toy sources (*.toy);;All files (*)"));
  return !path.isEmpty() && saveFile(path);
}

bool MainWindow::saveFile(const QString& path) {
  // QSaveFile writes beside the target and renames on commit(), so a failed
  // or interrupted save leaves the old file intact and the buffer modified.
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(editor_->text().toUtf8()) < 0 ||
      !file.commit()) {
    reportError(tr("Cannot save %1: %2").arg(path, file.errorString()));
    return false;
  }
  setCurrentFile(path);
  statusBar()->showMessage(tr("Saved %1").arg(path), 3000);
  return true;
}

void MainWindow::reportError(const QString& message) {
  statusBar()->showMessage(message);
  if (errorReporter_)
    errorReporter_(message);
  else
    QMessageBox::warning(this, tr("Tide"), message);
}

SaveChoice MainWindow::askToSave() {
  if (savePrompt_) return savePrompt_();
  const auto answer =
      QMessageBox::warning(this, tr("Tide"), tr("The buffer has unsaved changes. Save them?"),
                           QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
  if (answer == QMessageBox::Save) return SaveChoice::Save;
  if (answer == QMessageBox::Discard) return SaveChoice::Discard;
  return SaveChoice::Cancel;
}

bool MainWindow::maybeSave() {
  if (!editor_->isModified()) return true;
  switch (askToSave()) {
    case SaveChoice::Save: return save();
    case SaveChoice::Discard: return true;
    case SaveChoice::Cancel: break;
  }
  return false;
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (maybeSave())
    event->accept();
  else
    event->ignore();
}

}  // namespace tide::gui
