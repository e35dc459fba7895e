#include "gui/debug_panes.h"

#include <QDockWidget>
#include <QFontDatabase>
#include <QHeaderView>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTreeWidget>
#include <cinttypes>
#include <cstdio>

namespace tide::gui {

namespace {

QString hex(std::uint64_t value) { return QStringLiteral("0x%1").arg(value, 0, 16); }

QTreeWidget* makeTable(const QStringList& headers) {
  auto* tree = new QTreeWidget;
  tree->setHeaderLabels(headers);
  tree->setRootIsDecorated(false);
  tree->setUniformRowHeights(true);
  tree->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  tree->header()->setStretchLastSection(true);
  return tree;
}

QDockWidget* dock(QMainWindow* window, const QString& title, QWidget* content,
                  Qt::DockWidgetArea area) {
  auto* widget = new QDockWidget(title, window);
  widget->setObjectName(title);
  widget->setWidget(content);
  window->addDockWidget(area, widget);
  return widget;
}

// "add+0x1f at sum_squares.toy:8:5", the text gdb and tide dbg give a frame.
QString describe(const debugger::FrameInfo& frame) {
  QString text = frame.function.empty() ? hex(frame.pc) : QString::fromStdString(frame.function);
  if (frame.offset) text += "+" + hex(frame.offset);
  if (!frame.file.empty()) {
    const QString file = QString::fromStdString(frame.file).section('/', -1);
    text += QStringLiteral(" at %1:%2").arg(file).arg(frame.line);
    if (frame.column) text += QStringLiteral(":%1").arg(frame.column);
  }
  return text;
}

constexpr int kFileRole = Qt::UserRole;
constexpr int kLineRole = Qt::UserRole + 1;
constexpr int kIndexRole = Qt::UserRole + 2;

}  // namespace

DebugPanes::DebugPanes(QMainWindow* window) : QObject(window) {
  stack_ = makeTable({tr("#"), tr("Frame")});
  locals_ = makeTable({tr("Name"), tr("Type"), tr("Value")});
  locals_->setRootIsDecorated(true);  // pointers open onto their targets
  registers_ = makeTable({tr("Register"), tr("Value")});
  output_ = new QPlainTextEdit;
  output_->setReadOnly(true);
  output_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  disassembly_ = new QPlainTextEdit;
  disassembly_->setReadOnly(true);
  disassembly_->setLineWrapMode(QPlainTextEdit::NoWrap);
  disassembly_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  stackDock_ = dock(window, tr("Call Stack"), stack_, Qt::BottomDockWidgetArea);
  dock(window, tr("Locals"), locals_, Qt::BottomDockWidgetArea);
  dock(window, tr("Output"), output_, Qt::BottomDockWidgetArea);
  QDockWidget* registersDock = dock(window, tr("Registers"), registers_, Qt::RightDockWidgetArea);
  window->tabifyDockWidget(registersDock,
                           dock(window, tr("Disassembly"), disassembly_, Qt::RightDockWidgetArea));
  registersDock->raise();
  connect(stack_, &QTreeWidget::itemActivated, this,
          [this](QTreeWidgetItem* item, int) { chooseFrame(item); });
  connect(stack_, &QTreeWidget::itemClicked, this,
          [this](QTreeWidgetItem* item, int) { chooseFrame(item); });
}

void DebugPanes::refresh(debugger::DebugSession& session, const debugger::StopEvent& stop) {
  session_ = &session;
  if (stop.backtrace) {
    showFrames(*stop.backtrace);
    stackDock_->show();
    stackDock_->raise();
  } else if (auto trace = session.backtrace(); trace.ok()) {
    showFrames(*trace.value);
  } else {
    stack_->clear();
  }
  if (stack_->topLevelItemCount() > 0) stack_->setCurrentItem(stack_->topLevelItem(0));
  showLocals(session);
  showRegisters(session);
  showDisassembly(session);
}

void DebugPanes::clear() {
  session_ = nullptr;
  stack_->clear();
  locals_->clear();
  registers_->clear();
  disassembly_->clear();
}

void DebugPanes::appendOutput(const QString& text) {
  output_->moveCursor(QTextCursor::End);
  output_->insertPlainText(text);
  output_->moveCursor(QTextCursor::End);
}

void DebugPanes::clearOutput() { output_->clear(); }

void DebugPanes::showFrames(const debugger::Backtrace& trace) {
  stack_->clear();
  std::size_t expected = 0;
  for (const debugger::FrameInfo& frame : trace.frames) {
    if (frame.index != expected) {
      auto* elided = new QTreeWidgetItem(
          stack_, {QString(), tr("... %1 frames elided ...").arg(frame.index - expected)});
      elided->setFlags(Qt::NoItemFlags);
    }
    auto* item = new QTreeWidgetItem(stack_, {QString::number(frame.index), describe(frame)});
    item->setData(0, kFileRole, QString::fromStdString(frame.file));
    item->setData(0, kLineRole, static_cast<int>(frame.line));
    item->setData(0, kIndexRole, static_cast<qulonglong>(frame.index));
    expected = frame.index + 1;
  }
}

void DebugPanes::showLocals(debugger::DebugSession& session) {
  locals_->clear();
  const auto values = session.locals();
  if (!values.ok()) return;
  for (const debugger::VariableValue& value : *values.value) {
    auto* item = new QTreeWidgetItem(
        locals_, {QString::fromStdString(value.name), QString::fromStdString(value.type),
                  QString::fromStdString(value.value)});
    // A pointer opens onto what it points to (one level: `acc.*`), except
    // a string, whose text the value already shows.
    if (!value.type.starts_with("*") || value.type == "*u8" || value.value == "null") continue;
    const auto target = session.evaluate(value.name + ".*");
    if (target.ok())
      new QTreeWidgetItem(item, {QString::fromStdString(target.value->name),
                                 QString::fromStdString(target.value->type),
                                 QString::fromStdString(target.value->value)});
  }
}

void DebugPanes::showRegisters(debugger::DebugSession& session) {
  registers_->clear();
  const auto values = session.registers();
  if (!values.ok()) return;
  for (const debugger::RegisterValue& value : *values.value) {
    QString text;
    if (value.bytes.size() <= 8) {
      text = hex(value.value());
      if (value.name == "rflags")
        text += "  " + QString::fromStdString(debugger::describeFlags(value.value()));
    } else {
      // An SSE register: its bytes, most significant first, as gdb shows v2_int64.
      for (std::size_t i = value.bytes.size(); i-- > 0;)
        text += QStringLiteral("%1").arg(value.bytes[i], 2, 16, QLatin1Char('0'));
      text = "0x" + text;
    }
    auto* item = new QTreeWidgetItem(registers_, {QString::fromStdString(value.name), text});
    if (value.changed)
      for (int column = 0; column < 2; ++column) item->setForeground(column, QColor(0xc0, 0, 0));
  }
}

void DebugPanes::showDisassembly(debugger::DebugSession& session) {
  disassembly_->clear();
  const auto lines = session.disassemble();
  if (!lines.ok()) return;
  QStringList text;
  int current = -1;
  for (const debugger::DisassemblyLine& line : *lines.value) {
    if (line.isSource) {
      text << QStringLiteral("%1\t%2").arg(line.line).arg(QString::fromStdString(line.text));
      continue;
    }
    if (line.current) current = static_cast<int>(text.size());
    text << QStringLiteral("%1 %2 %3  %4")
                .arg(line.current ? "=>" : "  ", hex(line.address),
                     QString::fromStdString(line.location), QString::fromStdString(line.text));
  }
  disassembly_->setPlainText(text.join('\n'));
  if (current >= 0) {
    // Scroll so the pc's line shows.
    QTextCursor cursor(disassembly_->document()->findBlockByNumber(current));
    disassembly_->setTextCursor(cursor);
    disassembly_->ensureCursorVisible();
  }
}

void DebugPanes::chooseFrame(QTreeWidgetItem* item) {
  if (!item || !session_ || !(item->flags() & Qt::ItemIsEnabled)) return;
  const auto index = item->data(0, kIndexRole).toULongLong();
  if (session_->selectFrame(static_cast<std::size_t>(index)).ok) {
    showLocals(*session_);
    showDisassembly(*session_);
  }
  const QString file = item->data(0, kFileRole).toString();
  const int line = item->data(0, kLineRole).toInt();
  if (!file.isEmpty() && line > 0) Q_EMIT frameChosen(file, line);
}

}  // namespace tide::gui
