// The IDE's main window: one Toy buffer in a QScintilla editor, the File
// and Debug menus, the debugger's panes (debug_panes.h), and a status bar
// with the cursor position. Saving is atomic (QSaveFile writes a temporary
// file and renames it over the target), and a modified buffer is never
// closed without asking. Breakpoints are markers in the editor's symbol
// margin (a click toggles one), so they move with the text as it is edited.
#pragma once

#include <QMainWindow>
#include <QString>
#include <functional>
#include <vector>

#include "tide/debugger/debug_session.h"

class QsciScintilla;
class QLabel;
class QAction;

namespace tide::gui {

class DebugController;
class DebugPanes;

enum class SaveChoice { Save, Discard, Cancel };

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);

  bool openFile(const QString& path);
  bool saveFile(const QString& path);
  QsciScintilla* editor() const { return editor_; }
  QString currentFile() const { return currentFile_; }
  QString cursorPositionText() const;
  DebugController* debugger() const { return debugger_; }
  DebugPanes* panes() const { return panes_; }

  // Breakpoints, by 1-based line of the buffer.
  void toggleBreakpoint(int line);
  std::vector<int> breakpointLines() const;
  // The line the stopped program is at (the current-line marker), 0 if none.
  int executionLine() const;
  // What hovering at (0-based) line/index shows while the program is
  // stopped: the value of the variable under the mouse, "" if none.
  QString valueTipAt(int line, int index) const;
  // Replaces the "save changes?" dialog (tests answer it without a display).
  void setSavePrompt(std::function<SaveChoice()> prompt) { savePrompt_ = std::move(prompt); }
  // Replaces the modal error box (tests collect the messages instead).
  void setErrorReporter(std::function<void(const QString&)> reporter) {
    errorReporter_ = std::move(reporter);
  }

 public Q_SLOTS:
  void newFile();
  void open();
  bool save();
  bool saveAs();
  // Saves the buffer if it needs it, then compiles and runs it under the
  // debugger; or, when stopped, continues.
  bool startOrContinue();
  void stepOver();
  void stepInto();
  void stepOut();
  void runToCursor();  // `until` the cursor's line
  void pause();
  void stopDebugging();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void createMenus();
  void createDebugMenu();
  void showStop(const tide::debugger::StopEvent& stop);
  void showExit(const QString& description);
  void showLocation(const QString& file, int line);
  void updateDebugActions();
  bool isCurrentFile(const QString& path) const;
  void setCurrentFile(const QString& path);
  void updateCursorPosition(int line, int index);
  bool maybeSave();
  SaveChoice askToSave();
  void reportError(const QString& message);

  QsciScintilla* editor_ = nullptr;
  QLabel* cursorLabel_ = nullptr;
  DebugController* debugger_ = nullptr;
  DebugPanes* panes_ = nullptr;
  QAction* continueAction_ = nullptr;
  QAction* stepOverAction_ = nullptr;
  QAction* stepIntoAction_ = nullptr;
  QAction* stepOutAction_ = nullptr;
  QAction* runToCursorAction_ = nullptr;
  QAction* pauseAction_ = nullptr;
  QAction* stopAction_ = nullptr;
  QString currentFile_;
  std::function<SaveChoice()> savePrompt_;
  std::function<void(const QString&)> errorReporter_;
};

}  // namespace tide::gui
