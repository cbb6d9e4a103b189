// Calibration of the step model's efficiencies (step_model.hpp) against published serving throughput.
//
// The rows (data/inference/calibration.json) are offline benchmarks: `requests` requests of fixed input and
// output lengths all queued at time zero, served flat out by one replica; the figure is output tokens/s. With
// every request queued at once, the replica's schedule (replica_scheduler.hpp: which tokens run in which
// iteration) depends only on token counts, never on time. So the schedule is recorded once per row, each
// iteration k as its times at full peak (c_k compute, m_k memory), and for efficiencies (e_c, e_m):
//   T(e) = sum_k max(c_k / e_c, m_k / e_m),   predicted = output tokens / T(e)
// The fit minimises sum_i r_i^2 over the rows marked "fit", r_i = ln(predicted_i / measured_i), by Gauss-Newton
// on (ln e_c, ln e_m) (each step an Eigen least-squares solve; T is piecewise linear in 1/e, so the Jacobian is
// exact: d ln T / d ln e_c = -sum over compute-bound iterations of (c_k / e_c) / T). The other rows only check it.
//
// The fit of data/inference/calibration.json (Llama-3.3-70B FP8, 2 x H100, TensorRT-LLM's published rates, 1,000
// requests per row, 512 requests per batch, 8,192-token budget): compute_efficiency 0.4696, memory_efficiency
// 0.7059, in 7 steps from (0.5, 0.5). Predicted / measured - 1: 128/128 +3.2%, 2,048/128 -3.5%, 20,000/2,000 +0.4%;
// the check row 128/2,048 +26.0%: long decodes at large batch run slower than one memory efficiency says (attention
// over long contexts is further below the HBM roofline than the weight reads), so decode-heavy, long-context
// loads are optimistic by up to a quarter. tests/models/inference/calibration_test.cpp pins these numbers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "models/catalog/catalog.hpp"
#include "models/inference/step_model.hpp"

namespace clustersim::models::inference {

struct CalibrationRow {
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  double output_tokens_per_s = 0;  // measured
  bool fit = true;                 // false: kept to check the fit
};

struct Calibration {
  ServedModel model;
  ReplicaSpec replica;
  std::int64_t requests_per_row = 0;
  std::vector<CalibrationRow> rows;
  StepEfficiency fitted;  // as recorded in the file
};

struct CalibrationFit {
  StepEfficiency efficiency;
  std::vector<double> predicted_tokens_per_s;  // per row, in file order
  std::vector<double> relative_residuals;      // predicted / measured - 1, per row
  int iterations = 0;
};

// Reads the calibration file; the GPU is looked up by name in `catalog`. Throws std::invalid_argument naming
// the file and the key.
Calibration load_calibration(const std::filesystem::path& file, const catalog::Catalog& catalog);
// data/inference/calibration.json of the source tree.
std::filesystem::path default_calibration_file();

// Output tokens/s of one row's offline benchmark with the given efficiencies.
double offline_tokens_per_s(const Calibration& calibration, const CalibrationRow& row,
                            const StepEfficiency& efficiency);
// The least-squares fit described above; throws std::runtime_error if it does not converge inside (0, 1].
CalibrationFit fit_efficiency(const Calibration& calibration);

// The catalog's GPU entry as the roofline's description (NVLink per direction = the quoted sum / 2).
hardware::GpuSpec roofline_gpu(const catalog::GpuSpec& gpu);

}  // namespace clustersim::models::inference
