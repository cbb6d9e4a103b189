#include <catch2/catch.hpp>

#include "models/inference/calibration.hpp"

using namespace clustersim::models;
using namespace clustersim::models::inference;

// The fit of data/inference/calibration.json (Llama-3.3-70B FP8 on 2 x H100, TensorRT-LLM's published rates):
// compute_efficiency 0.4696, memory_efficiency 0.7059 after 7 Gauss-Newton steps; predicted / measured - 1 per
// row: 128/128 +3.24%, 2,048/128 -3.50%, 20,000/2,000 +0.38%, and the check row 128/2,048 +25.99%.
TEST_CASE("calibration: the fit reproduces data/inference/calibration.json and its residuals", "[inference]") {
  const catalog::Catalog catalog = catalog::Catalog::load(catalog::Catalog::default_data_dir());
  const Calibration calibration = load_calibration(default_calibration_file(), catalog);
  const CalibrationFit fit = fit_efficiency(calibration);
  CHECK(fit.efficiency.compute == Approx(calibration.fitted.compute).epsilon(1e-3));
  CHECK(fit.efficiency.memory == Approx(calibration.fitted.memory).epsilon(1e-3));
  REQUIRE(fit.relative_residuals.size() == 4);
  CHECK(fit.relative_residuals[0] == Approx(0.0324).margin(5e-4));
  CHECK(fit.relative_residuals[1] == Approx(-0.0350).margin(5e-4));
  CHECK(fit.relative_residuals[2] == Approx(0.0038).margin(5e-4));
  CHECK(fit.relative_residuals[3] == Approx(0.2599).margin(5e-4));
  // The fitted rows' least-squares optimum: moving either efficiency by 1% raises the sum of squared log residuals.
  const auto cost = [&](StepEfficiency efficiency) {
    double sum = 0;
    for (const CalibrationRow& row : calibration.rows) {
      if (!row.fit) continue;
      const double r = std::log(offline_tokens_per_s(calibration, row, efficiency) / row.output_tokens_per_s);
      sum += r * r;
    }
    return sum;
  };
  const double best = cost(fit.efficiency);
  CHECK(cost({fit.efficiency.compute * 1.01, fit.efficiency.memory}) > best);
  CHECK(cost({fit.efficiency.compute * 0.99, fit.efficiency.memory}) > best);
  CHECK(cost({fit.efficiency.compute, fit.efficiency.memory * 1.01}) > best);
  CHECK(cost({fit.efficiency.compute, fit.efficiency.memory * 0.99}) > best);
}
