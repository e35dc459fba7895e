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
#include <QToolTip>

#include "gui/debug_controller.h"
#include "gui/debug_panes.h"
#include "gui/editor_markers.h"
#include "gui/toy_lexer.h"

namespace tide::gui {

using namespace markers;

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
