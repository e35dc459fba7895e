// Starts the desktop IDE: a QApplication and one main window per file given
// on the command line (or one empty buffer).
#pragma once

namespace tide::gui {

int runGui(int argc, char** argv);

}  // namespace tide::gui
