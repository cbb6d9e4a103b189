// Catch2 runner for the GUI tests: one QApplication for the whole run (charts and widgets need it).
// Run with QT_QPA_PLATFORM=offscreen (CTest sets it; so does this runner when it is unset).
#define CATCH_CONFIG_RUNNER
#include <QApplication>

#include <catch2/catch.hpp>

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  int qt_argc = 1;
  QApplication app(qt_argc, argv);
  return Catch::Session().run(argc, argv);
}
