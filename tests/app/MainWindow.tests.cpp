// The application shell on the offscreen platform: open, edit, save (the
// bytes on disk), the status bar position, and the unsaved-changes prompt.
#include <catch2/catch.hpp>

#include <Qsci/qsciscintilla.h>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "gui/main_window.h"

using tide::gui::MainWindow;
using tide::gui::SaveChoice;

namespace {

// The QApplication lives in tests/app/main.cpp, for the whole run.
void application() { REQUIRE(QApplication::instance() != nullptr); }

QByteArray readAll(const QString& path) {
  QFile file(path);
  REQUIRE(file.open(QIODevice::ReadOnly));
  return file.readAll();
}

void writeFile(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  REQUIRE(file.open(QIODevice::WriteOnly));
  file.write(bytes);
}

}  // namespace

TEST_CASE("the editor opens a file, takes an edit and saves the exact bytes", "[gui]") {
  application();
  QTemporaryDir dir;
  const QString path = dir.filePath("hello.toy");
  writeFile(path, "fn main(): i32 {\n    return 0;\n}\n");

  MainWindow window;
  REQUIRE(window.openFile(path));
  CHECK(window.editor()->text() == "fn main(): i32 {\n    return 0;\n}\n");
  CHECK_FALSE(window.editor()->isModified());

  window.editor()->setCursorPosition(1, 11);
  window.editor()->insert("4");  // return 40;
  CHECK(window.editor()->isModified());
  CHECK(window.isWindowModified());
  REQUIRE(window.save());
  CHECK(readAll(path) == "fn main(): i32 {\n    return 40;\n}\n");
  CHECK_FALSE(window.isWindowModified());
  // The atomic save leaves no temporary file behind.
  CHECK(QDir(dir.path()).entryList(QDir::Files) == QStringList{"hello.toy"});
}

TEST_CASE("UTF-8 text survives a save unchanged", "[gui]") {
  application();
  QTemporaryDir dir;
  const QString path = dir.filePath("utf8.toy");
  const QByteArray bytes = "// grüße, 世界\nfn main(): i32 { return 0; }\n";
  writeFile(path, bytes);
  MainWindow window;
  REQUIRE(window.openFile(path));
  REQUIRE(window.saveFile(path));
  CHECK(readAll(path) == bytes);
}

TEST_CASE("the status bar shows line and column, counted from 1", "[gui]") {
  application();
  MainWindow window;
  window.show();
  window.editor()->setText("abc\ndefgh\n");
  window.editor()->setCursorPosition(1, 3);
  // QScintilla reports cursor moves when it updates its view.
  QApplication::processEvents();
  CHECK(window.cursorPositionText().toStdString() == "Ln 2, Col 4");
}

TEST_CASE("closing a modified buffer asks first and Cancel keeps it open", "[gui]") {
  application();
  QTemporaryDir dir;
  const QString path = dir.filePath("keep.toy");
  writeFile(path, "original\n");
  MainWindow window;
  REQUIRE(window.openFile(path));
  window.editor()->append("more\n");
  int asked = 0;

  SECTION("Cancel") {
    window.setSavePrompt([&] {
      ++asked;
      return SaveChoice::Cancel;
    });
    window.show();
    CHECK_FALSE(window.close());
    CHECK(asked == 1);
    CHECK(window.isVisible());
    CHECK(readAll(path) == "original\n");
  }
  SECTION("Save") {
    window.setSavePrompt([&] {
      ++asked;
      return SaveChoice::Save;
    });
    window.show();
    CHECK(window.close());
    CHECK(asked == 1);
    CHECK(readAll(path) == "original\nmore\n");
  }
  SECTION("Discard") {
    window.setSavePrompt([&] {
      ++asked;
      return SaveChoice::Discard;
    });
    window.show();
    CHECK(window.close());
    CHECK(readAll(path) == "original\n");
  }
}

TEST_CASE("an unmodified buffer closes without asking", "[gui]") {
  application();
  MainWindow window;
  int asked = 0;
  window.setSavePrompt([&] {
    ++asked;
    return SaveChoice::Cancel;
  });
  window.show();
  CHECK(window.close());
  CHECK(asked == 0);
}

TEST_CASE("a failed save keeps the buffer modified and the old file intact", "[gui]") {
  application();
  QTemporaryDir dir;
  MainWindow window;
  QStringList errors;
  window.setErrorReporter([&](const QString& message) { errors << message; });
  window.editor()->setText("unsaved work\n");
  // A path inside a directory that does not exist cannot be written.
  CHECK_FALSE(window.saveFile(dir.filePath("missing/dir/x.toy")));
  CHECK(window.editor()->isModified());
  CHECK(window.editor()->text() == "unsaved work\n");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].contains("x.toy"));
}

TEST_CASE("opening an unreadable path fails and keeps the buffer", "[gui]") {
  application();
  MainWindow window;
  QStringList errors;
  window.setErrorReporter([&](const QString& message) { errors << message; });
  window.editor()->setText("keep me\n");
  CHECK_FALSE(window.openFile("/nonexistent/file.toy"));
  CHECK(window.editor()->text() == "keep me\n");
  CHECK(errors.size() == 1);
}
