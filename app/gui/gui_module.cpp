// The entry point of the IDE's loadable module (tide-gui.so). The `tide`
// executable does not link Qt: headless commands such as `tide run` start in
// about a millisecond instead of paying Qt's load and initialisation (~12 ms)
// on every call. It loads this module only when it opens the IDE
// (app/cli/module_loader.h).
#include "gui/gui_main.h"

extern "C" __attribute__((visibility("default"))) int tide_gui_main(int argc, char** argv) {
  return tide::gui::runGui(argc, argv);
}
