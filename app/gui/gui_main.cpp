#include "gui/gui_main.h"

#include <QApplication>
#include <QStringList>

#include "gui/main_window.h"
#include "tide/core/version.h"

namespace tide::gui {

int runGui(int argc, char** argv) {
  QApplication application(argc, argv);
  QApplication::setApplicationName("Tide");
  QApplication::setApplicationVersion(
      QString::fromUtf8(core::versionString().data(), core::versionString().size()));
  QStringList files = QApplication::arguments().mid(1);
  if (files.isEmpty()) files << QString();
  // Windows delete themselves on close; the application ends with the last.
  for (const QString& file : files) {
    auto* window = new MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    if (!file.isEmpty()) window->openFile(file);
    window->show();
  }
  return application.exec();
}

}  // namespace tide::gui
