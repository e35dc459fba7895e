// Debugging in the IDE on the offscreen platform, with the real engine
// (LLDB, tide-runner): a breakpoint set in the margin stops the program,
// the execution marker, call stack, locals and registers follow each step,
// the program's output and exit status arrive; a fault fills the call
// stack by itself and a click on a frame shows its line.
#include <catch2/catch.hpp>

#include <Qsci/qsciscintilla.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QThread>
#include <QTreeWidget>
#include <functional>

#include "gui/debug_controller.h"
#include "gui/debug_panes.h"
#include "gui/main_window.h"

using tide::gui::MainWindow;

namespace {

QString example(const QString& path) { return QStringLiteral(TIDE_SOURCE_DIR "/") + path; }

// Runs the event loop until `done` or a generous timeout (LLDB's first
// launch in a process loads a lot); false on timeout.
bool waitFor(const std::function<bool()>& done) {
  QElapsedTimer timer;
  timer.start();
  while (!done()) {
    if (timer.elapsed() > 60000) return false;
    QApplication::processEvents(QEventLoop::AllEvents, 20);
    QThread::msleep(2);
  }
  return true;
}

QStringList column(QTreeWidget* tree, int index) {
  QStringList values;
  for (int row = 0; row < tree->topLevelItemCount(); ++row)
    values << tree->topLevelItem(row)->text(index);
  return values;
}

QString valueOf(QTreeWidget* tree, const QString& name) {
  for (int row = 0; row < tree->topLevelItemCount(); ++row)
    if (tree->topLevelItem(row)->text(0) == name) return tree->topLevelItem(row)->text(2);
  return QString();
}

bool stoppedAt(MainWindow& window, int line) {
  return window.debugger()->isStopped() && window.executionLine() == line;
}

// The debugger needs this build's runner.
void useThisBuildsRunner() { qputenv("TIDE_RUNNER", TIDE_BIN_DIR "/tide-runner"); }

}  // namespace

TEST_CASE("a margin breakpoint stops the program, and steps move the marker and refresh the panes",
          "[gui][debugger]") {
  useThisBuildsRunner();
  MainWindow window;
  REQUIRE(window.openFile(example("resources/examples/sum_squares.toy")));
  window.toggleBreakpoint(8);  // acc.total += v * v;
  CHECK(window.breakpointLines() == std::vector<int>{8});

  REQUIRE(window.startOrContinue());
  REQUIRE(waitFor([&] { return stoppedAt(window, 8); }));
  CHECK(window.statusBar()->currentMessage() == "Breakpoint 1, hit 1");
  const QStringList frames = column(window.panes()->callStack(), 1);
  REQUIRE(frames.size() == 2);
  CHECK(frames[0].startsWith("add+0x"));
  CHECK(frames[0].endsWith(" at sum_squares.toy:8:5"));
  CHECK(frames[1].startsWith("main+0x"));
  CHECK(valueOf(window.panes()->locals(), "v") == "0");
  // The pointer acc opens onto the struct it points to.
  const QList<QTreeWidgetItem*> accs =
      window.panes()->locals()->findItems("acc", Qt::MatchExactly, 0);
  REQUIRE(accs.size() == 1);
  REQUIRE(accs[0]->childCount() == 1);
  CHECK(accs[0]->child(0)->text(0) == "acc.*");
  CHECK(accs[0]->child(0)->text(2) == "Acc { total: 0, count: 0 }");
  // Hovering `v` on line 8 (0-based 7, the v of "v * v") shows its value.
  CHECK(window.valueTipAt(7, 17) == "v: i64 = 0");
  CHECK(window.valueTipAt(7, 33).isEmpty());  // "field", in the comment: no variable
  CHECK(column(window.panes()->registers(), 0).contains("rip"));
  CHECK(column(window.panes()->registers(), 0).contains("xmm0"));
  // The disassembly of add, its source lines among the instructions, the pc marked.
  const QString code = window.panes()->disassembly()->toPlainText();
  CHECK(code.contains("8\t    acc.total += v * v;"));
  CHECK(code.count("=> 0x") == 1);
  CHECK(code.contains("<add+0x0>  push rbp"));

  window.stepOver();
  REQUIRE(waitFor([&] { return stoppedAt(window, 9); }));
  CHECK(valueOf(window.panes()->locals(), "v") == "0");

  // Run to the cursor on main's printf line: the breakpoint in add comes
  // first (v = 1), and the temporary breakpoint is gone after that stop.
  window.editor()->setCursorPosition(14, 0);  // line 15
  window.runToCursor();
  REQUIRE(waitFor([&] { return stoppedAt(window, 8); }));
  CHECK(window.statusBar()->currentMessage() == "Breakpoint 1, hit 2");
  CHECK(valueOf(window.panes()->locals(), "v") == "1");

  // The next hit is the third call: v is 2, and the hit count says so.
  REQUIRE(window.startOrContinue());
  REQUIRE(waitFor([&] { return stoppedAt(window, 8); }));
  CHECK(window.statusBar()->currentMessage() == "Breakpoint 1, hit 3");
  CHECK(valueOf(window.panes()->locals(), "v") == "2");

  // Without the breakpoint, run to the cursor reaches main's printf line.
  window.toggleBreakpoint(8);
  window.editor()->setCursorPosition(14, 0);
  window.runToCursor();
  REQUIRE(waitFor([&] { return stoppedAt(window, 15); }));
  CHECK(window.statusBar()->currentMessage() == "Reached the cursor");
  CHECK(valueOf(window.panes()->locals(), "acc") == "Acc { total: 285, count: 10 }");

  // The program runs to its end: output, then status.
  CHECK(window.breakpointLines().empty());
  REQUIRE(window.startOrContinue());
  REQUIRE(waitFor([&] { return !window.debugger()->isActive(); }));
  CHECK(window.statusBar()->currentMessage() == "Program exited with status 29");
  CHECK(window.panes()->output()->toPlainText().contains("total=285 count=10"));
  CHECK(window.executionLine() == 0);
  CHECK(window.panes()->callStack()->topLevelItemCount() == 0);
}

TEST_CASE("a fault opens the backtrace by itself, and a frame's row shows its line",
          "[gui][debugger]") {
  useThisBuildsRunner();
  MainWindow window;
  REQUIRE(window.openFile(example("tests/dbg/cases/trap_backtrace/program.toy")));
  REQUIRE(window.startOrContinue());
  REQUIRE(waitFor([&] { return window.debugger()->isStopped(); }));
  CHECK(window.statusBar()->currentMessage() == "Program received signal SIGSEGV at address 0x0");
  CHECK(window.executionLine() == 4);  // return p.*; in bt_leaf
  QTreeWidget* stack = window.panes()->callStack();
  const QStringList frames = column(stack, 1);
  REQUIRE(frames.size() == 4);
  CHECK(frames[0].startsWith("bt_leaf+"));
  CHECK(frames[1].startsWith("bt_mid+"));
  CHECK(frames[2].startsWith("bt_root+"));
  CHECK(frames[3].startsWith("main+"));

  // A click on bt_root's row moves the editor to its call of bt_mid.
  QTreeWidgetItem* root = stack->topLevelItem(2);
  stack->setCurrentItem(root);
  Q_EMIT stack->itemClicked(root, 1);
  int line = 0, index = 0;
  window.editor()->getCursorPosition(&line, &index);
  CHECK(line + 1 == 12);  // return bt_mid(p) + 1;
  CHECK(valueOf(window.panes()->locals(), "p") == "null");
  // bt_root's code now, the return address of its call to bt_mid marked.
  CHECK(window.panes()->disassembly()->toPlainText().contains("<bt_root+0x0>"));

  window.stopDebugging();
  CHECK_FALSE(window.debugger()->isActive());
}

TEST_CASE("a program that does not compile is not run, and the diagnostics are shown",
          "[gui][debugger]") {
  useThisBuildsRunner();
  QTemporaryDir dir;
  const QString path = dir.filePath("broken.toy");
  {
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write("fn main(): i32 {\n    return nope;\n}\n");
  }
  MainWindow window;
  QStringList errors;
  window.setErrorReporter([&](const QString& message) { errors << message; });
  REQUIRE(window.openFile(path));
  CHECK_FALSE(window.startOrContinue());
  CHECK_FALSE(window.debugger()->isActive());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].contains("nope"));
  CHECK(window.panes()->output()->toPlainText().contains("broken.toy:2:12: error:"));
}
