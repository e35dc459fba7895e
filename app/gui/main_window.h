// The IDE's main window: one Toy buffer in a QScintilla editor, the File
// menu, and a status bar with the cursor position. Saving is atomic
// (QSaveFile writes a temporary file and renames it over the target), and a
// modified buffer is never closed without asking.
#pragma once

#include <QMainWindow>
#include <QString>
#include <functional>

class QsciScintilla;
class QLabel;

namespace tide::gui {

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
  // Replaces the "save changes?" dialog (tests answer it without a display).
  void setSavePrompt(std::function<SaveChoice()> prompt) { savePrompt_ = std::move(prompt); }
  // Replaces the modal error box (tests collect the messages instead).
  void setErrorReporter(std::function<void(const QString&)> reporter) {
    errorReporter_ = std::move(reporter);
  }

 public slots:
  void newFile();
  void open();
  bool save();
  bool saveAs();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void createMenus();
  void setCurrentFile(const QString& path);
  void updateCursorPosition(int line, int index);
  bool maybeSave();
  SaveChoice askToSave();
  void reportError(const QString& message);

  QsciScintilla* editor_ = nullptr;
  QLabel* cursorLabel_ = nullptr;
  QString currentFile_;
  std::function<SaveChoice()> savePrompt_;
  std::function<void(const QString&)> errorReporter_;
};

}  // namespace tide::gui
