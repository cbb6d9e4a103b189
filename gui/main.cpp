// clustersim-gui: the desktop application (MainWindow), or with --render-charts the headless chart
// renderer (render_charts.hpp), which forces the offscreen platform so it runs without a display.
// --help is answered before any Qt application exists, so they need no display.
#include <QApplication>
#include <QStringList>

#include <cstring>
#include <iostream>

#include "gui/main_window.hpp"
#include "gui/render_charts.hpp"

namespace {

constexpr const char* kHelp =
    "clustersim-gui: compare AI cluster architectures interactively (edit, slide, see the answer move)\n"
    "\n"
    "Usage:\n"
    "  clustersim-gui [SCENARIO.json]        open the what-if desk, with SCENARIO.json in the editor\n"
    "  clustersim-gui --render-charts OUT_DIR SCENARIO.json... [--seeds N] [--target-progress X]\n"
    "                                        write the charts as PNGs without a display\n"
    "  clustersim-gui --help                 this help\n"
    "\n"
    "In the window: edit parameters in the tree (double-click a value; red marks the field the check\n"
    "rejects), move the knobs to re-run the study in the background, Pin a variant to keep it in the\n"
    "comparison, and export the compare table as CSV or JSON (the files `clustersim compare` writes).\n";

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::cout << kHelp;
      return 0;
    }
  }
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
