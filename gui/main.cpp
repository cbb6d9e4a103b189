// clustersim-gui: the desktop application (MainWindow), or with --render-charts the headless chart
// renderer (render_charts.hpp), which forces the offscreen platform so it runs without a display.
#include <QApplication>
#include <QStringList>

#include <iostream>

#include "gui/main_window.hpp"
#include "gui/render_charts.hpp"

int main(int argc, char** argv) {
  const bool headless = argc > 1 && QString(argv[1]) == "--render-charts";
  if (headless && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  QApplication::setApplicationName("clustersim-gui");
  QStringList arguments = QApplication::arguments();
  arguments.removeFirst();  // the program
  if (headless) {
    arguments.removeFirst();  // --render-charts
    return clustersim::gui::render_charts_main(arguments, std::cout, std::cerr);
  }
  clustersim::gui::MainWindow window(arguments);
  window.show();
  return QApplication::exec();
}
