// Helpers of the window tests: the reference scenarios, waiting for a study on the window's worker thread, and
// saving a screenshot of a view into the build tree (CLUSTERSIM_SCREENSHOT_DIR).
#pragma once

#include <QDir>
#include <QEventLoop>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <catch2/catch.hpp>
#include <functional>

#include "gui/main_window.hpp"

namespace gui_test {

inline const QString enterprise_local = CLUSTERSIM_SOURCE_DIR "/scenarios/enterprise1k-local-nvme.json";
inline const QString enterprise_pfs = CLUSTERSIM_SOURCE_DIR "/scenarios/enterprise1k-pfs.json";

// Calls `start` and waits (event loop, `timeout_ms` at most) for the window's next study_finished; returns its flag.
inline bool wait_for_study(clustersim::gui::MainWindow& window, const std::function<void()>& start,
                           int timeout_ms = 120'000) {
  QEventLoop loop;
  bool ok = false;
  bool done = false;
  const auto connection =
      QObject::connect(&window, &clustersim::gui::MainWindow::study_finished, &loop, [&](bool success) {
        ok = success;
        done = true;
        loop.quit();
      });
  QTimer::singleShot(timeout_ms, &loop, &QEventLoop::quit);
  start();
  if (!done) loop.exec();
  QObject::disconnect(connection);
  REQUIRE(done);
  return ok;
}

inline bool run_and_wait(clustersim::gui::MainWindow& window) {
  return wait_for_study(window, [&] { window.run(); });
}

// Processes events for `ms` milliseconds.
inline void spin(int ms) {
  QEventLoop loop;
  QTimer::singleShot(ms, &loop, &QEventLoop::quit);
  loop.exec();
}

// Saves `widget` as CLUSTERSIM_SCREENSHOT_DIR/<name>.png and checks the image was written.
inline void save_screenshot(QWidget* widget, const QString& name) {
  QDir().mkpath(CLUSTERSIM_SCREENSHOT_DIR);
  const QString path = QDir(CLUSTERSIM_SCREENSHOT_DIR).filePath(name + ".png");
  const QPixmap image = widget->grab();
  REQUIRE_FALSE(image.isNull());
  REQUIRE(image.save(path));
}

}  // namespace gui_test
