// The GUI and the CLI run the one comparison of the study API: for the same scenarios and seed, the GUI's study
// runner gives the figures `clustersim compare` writes (forward progress, time to train, total cost, and the
// rest of compare.json, byte for byte).
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "gui/study_runner.hpp"

namespace gui = clustersim::gui;
namespace study = clustersim::models::study;

TEST_CASE("the GUI's study runner gives the figures of clustersim compare, same scenarios and seed", "[gui][parity]") {
  const std::string pfs = CLUSTERSIM_SOURCE_DIR "/scenarios/enterprise1k-pfs.json";
  const std::string local = CLUSTERSIM_SOURCE_DIR "/scenarios/enterprise1k-local-nvme.json";
  QTemporaryDir dir;
  QProcess cli;
  cli.start(CLUSTERSIM_CLI, {"compare", QString::fromStdString(pfs), QString::fromStdString(local), "--seeds", "1",
                             "--target-progress", "0.95", "--out", dir.path()});
  REQUIRE(cli.waitForFinished(120'000));
  INFO(cli.readAllStandardError().toStdString());
  REQUIRE(cli.exitCode() == 0);
  QFile file(QDir(dir.path()).filePath("compare.json"));
  REQUIRE(file.open(QIODevice::ReadOnly));
  const std::string cli_json = file.readAll().toStdString();

  const std::vector<study::Candidate> candidates = gui::run_candidates({pfs, local}, 1);
  const nlohmann::json cli_results = nlohmann::json::parse(cli_json)["results"];
  REQUIRE(cli_results.size() == candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const study::StudyResult& r = candidates[i].result;
    const nlohmann::json& figures = cli_results[i];
    INFO(r.scenario);
    CHECK(figures["scenario"] == r.scenario);
    CHECK(figures["seed"] == 1);
    CHECK(figures["metrics"]["forward_progress"]["mean"].get<double>() == r.forward_progress.mean);
    CHECK(figures["metrics"]["time_to_train_s"]["mean"].get<double>() == r.time_to_train_s.mean);
    CHECK(figures["cost"]["total_usd"]["mean"].get<double>() == r.total_usd.mean);
  }
  CHECK(study::compare_json(candidates, study::Target{}).dump(2) + "\n" == cli_json);
}
