// Catch2 main for the GUI tests: one QApplication for the whole run, made
// before any test and destroyed before Qt's own statics.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QApplication>
#include <cstdlib>

int main(int argc, char** argv) {
  // Offscreen unless told otherwise, so test discovery and CI need no display.
  setenv("QT_QPA_PLATFORM", "offscreen", 0);
  int qtArgc = 1;
  QApplication application(qtArgc, argv);
  return Catch::Session().run(argc, argv);
}
