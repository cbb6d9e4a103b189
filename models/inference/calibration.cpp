#include "models/inference/calibration.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include <Eigen/Dense>

#include "models/catalog/json_file.hpp"
#include "models/inference/replica_scheduler.hpp"
#include "sim/units.hpp"

namespace clustersim::models::inference {

namespace {

// One iteration of an offline run, at full peak.
struct IterationCost {
  double compute_s = 0;
  double memory_s = 0;
};

struct OfflineSchedule {
  std::vector<IterationCost> iterations;
  double output_tokens = 0;
};

OfflineSchedule record_schedule(const Calibration& calibration, const CalibrationRow& row) {
  const StepModel step(calibration.model, calibration.replica, StepEfficiency{});
  RequestTrace trace;
  for (std::int64_t i = 0; i < calibration.requests_per_row; ++i) {
    trace.add(sim::SimTime::zero(), row.input_tokens, row.output_tokens);
  }
  std::vector<RequestOutcome> outcomes(trace.size());
  ReplicaScheduler replica(step, trace, outcomes, 0);
  for (std::uint32_t i = 0; i < trace.size(); ++i) replica.enqueue(i);
  OfflineSchedule schedule;
  while (!replica.idle()) {
    const IterationWork work = replica.plan();
    if (work.tokens == 0) {
      throw std::invalid_argument("calibration row " + std::to_string(row.input_tokens) + "/" +
                                  std::to_string(row.output_tokens) +
                                  ": a request does not fit in the replica's KV cache");
    }
    schedule.iterations.push_back({step.compute_seconds_at_peak(work), step.memory_seconds_at_peak(work)});
    replica.complete(sim::SimTime::zero());
  }
  schedule.output_tokens = static_cast<double>(trace.total_output_tokens());
  return schedule;
}

// T(e) and its derivatives d T / d ln e_c, d T / d ln e_m.
struct ScheduleTime {
  double seconds = 0;
  double d_log_compute = 0;
  double d_log_memory = 0;
};

ScheduleTime schedule_time(const OfflineSchedule& schedule, const StepEfficiency& efficiency) {
  ScheduleTime time;
  for (const IterationCost& cost : schedule.iterations) {
    const double compute = cost.compute_s / efficiency.compute;
    const double memory = cost.memory_s / efficiency.memory;
    if (compute >= memory) {
      time.seconds += compute;
      time.d_log_compute -= compute;
    } else {
      time.seconds += memory;
      time.d_log_memory -= memory;
    }
  }
  return time;
}

const nlohmann::json& require_key(const nlohmann::json& object, const std::string& key, const std::string& where) {
  if (!object.is_object() || !object.contains(key))
    throw std::invalid_argument(where + ": missing key \"" + key + "\"");
  return object.at(key);
}

double number(const nlohmann::json& object, const std::string& key, const std::string& where) {
  const nlohmann::json& value = require_key(object, key, where);
  if (!value.is_number()) throw std::invalid_argument(where + "." + key + ": expected a number");
  return value.get<double>();
}

// An integer from 1 to 2^31 - 1 (the model's and the replica's counts are ints).
std::int64_t integer(const nlohmann::json& object, const std::string& key, const std::string& where) {
  const nlohmann::json& value = require_key(object, key, where);
  if (!value.is_number_integer() || value.get<std::int64_t>() < 1 || value.get<std::int64_t>() > INT32_MAX ||
      (value.is_number_unsigned() && value.get<std::uint64_t>() > INT32_MAX)) {
    throw std::invalid_argument(where + "." + key + ": expected an integer from 1 to 2147483647, got " + value.dump());
  }
  return value.get<std::int64_t>();
}

std::string text(const nlohmann::json& object, const std::string& key, const std::string& where) {
  const nlohmann::json& value = require_key(object, key, where);
  if (!value.is_string()) throw std::invalid_argument(where + "." + key + ": expected a string");
  return value.get<std::string>();
}

}  // namespace

hardware::GpuSpec roofline_gpu(const catalog::GpuSpec& gpu) {
  hardware::GpuSpec spec;
  spec.name = gpu.name;
  spec.fp8_flops_per_s = gpu.fp8_flops_per_s;
  spec.bf16_flops_per_s = gpu.bf16_flops_per_s;
  spec.fp32_flops_per_s = gpu.fp32_flops_per_s;
  spec.hbm_bytes = gpu.hbm_bytes;
  spec.hbm_bytes_per_s = gpu.hbm_bytes_per_s;
  spec.nvlink_bytes_per_s = gpu.scale_up_bytes_per_s / 2;
  return spec;
}

std::filesystem::path default_calibration_file() {
  return catalog::Catalog::default_data_dir() / "inference" / "calibration.json";
}

Calibration load_calibration(const std::filesystem::path& file, const catalog::Catalog& catalog) {
  const nlohmann::json document = catalog::read_json_file(file);
  const std::string where = file.string();
  Calibration calibration;
  const nlohmann::json& model = require_key(document, "model", where);
  const std::string model_where = where + ": model";
  calibration.model.label = text(model, "label", model_where);
  calibration.model.parameters = number(model, "parameters", model_where);
  calibration.model.layers = static_cast<int>(integer(model, "layers", model_where));
  calibration.model.hidden_size = static_cast<int>(integer(model, "hidden_size", model_where));
  calibration.model.kv_heads = static_cast<int>(integer(model, "kv_heads", model_where));
  calibration.model.head_dim = static_cast<int>(integer(model, "head_dim", model_where));
  calibration.model.precision =
      parse_weight_precision(text(model, "precision", model_where), model_where + ".precision");
  calibration.model.kv_bytes_per_element = number(model, "kv_bytes_per_element", model_where);

  const nlohmann::json& replica = require_key(document, "replica", where);
  const std::string replica_where = where + ": replica";
  calibration.replica.gpu = roofline_gpu(catalog.gpu(text(replica, "gpu", replica_where)));
  calibration.replica.gpus = static_cast<int>(integer(replica, "gpus", replica_where));
  calibration.replica.activation_reserve_bytes_per_gpu =
      sim::parse_bytes(text(replica, "activation_reserve_bytes_per_gpu", replica_where));
  calibration.replica.block_tokens = static_cast<int>(integer(replica, "block_tokens", replica_where));
  calibration.replica.max_batch_requests = static_cast<int>(integer(replica, "max_batch_requests", replica_where));
  calibration.replica.token_budget = integer(replica, "token_budget", replica_where);
  calibration.requests_per_row = integer(document, "requests_per_row", where);

  const nlohmann::json& rows = require_key(document, "rows", where);
  if (!rows.is_array() || rows.empty()) throw std::invalid_argument(where + ": rows: expected a non-empty array");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string row_where = where + ": rows[" + std::to_string(i) + "]";
    CalibrationRow row;
    row.input_tokens = integer(rows[i], "input_tokens", row_where);
    row.output_tokens = integer(rows[i], "output_tokens", row_where);
    row.output_tokens_per_s = number(rows[i], "output_tokens_per_s", row_where);
    const nlohmann::json& fit = require_key(rows[i], "fit", row_where);
    if (!fit.is_boolean()) throw std::invalid_argument(row_where + ".fit: expected true or false");
    row.fit = fit.get<bool>();
    if (!(row.output_tokens_per_s > 0))
      throw std::invalid_argument(row_where + ".output_tokens_per_s: must be positive");
    calibration.rows.push_back(row);
  }
  const nlohmann::json& fitted = require_key(document, "fitted", where);
  calibration.fitted.compute = number(fitted, "compute_efficiency", where + ": fitted");
  calibration.fitted.memory = number(fitted, "memory_efficiency", where + ": fitted");
  return calibration;
}

double offline_tokens_per_s(const Calibration& calibration, const CalibrationRow& row,
                            const StepEfficiency& efficiency) {
  const OfflineSchedule schedule = record_schedule(calibration, row);
  return schedule.output_tokens / schedule_time(schedule, efficiency).seconds;
}

CalibrationFit fit_efficiency(const Calibration& calibration) {
  std::vector<OfflineSchedule> schedules;
  std::vector<double> measured;
  for (const CalibrationRow& row : calibration.rows) {
    if (!row.fit) continue;
    schedules.push_back(record_schedule(calibration, row));
    measured.push_back(row.output_tokens_per_s);
  }
  if (schedules.size() < 2) throw std::invalid_argument("calibration: at least 2 rows must have \"fit\": true");
  const auto rows = static_cast<Eigen::Index>(schedules.size());
  Eigen::Vector2d log_efficiency(std::log(0.5), std::log(0.5));
  CalibrationFit fit;
  for (fit.iterations = 1; fit.iterations <= 100; ++fit.iterations) {
    const StepEfficiency efficiency{std::exp(log_efficiency[0]), std::exp(log_efficiency[1])};
    Eigen::VectorXd residual(rows);
    Eigen::MatrixXd jacobian(rows, 2);
    for (Eigen::Index i = 0; i < rows; ++i) {
      const ScheduleTime time = schedule_time(schedules[i], efficiency);
      residual[i] = std::log(schedules[i].output_tokens / time.seconds / measured[i]);
      jacobian(i, 0) = -time.d_log_compute / time.seconds;  // r = ln(tokens) - ln T - ln(measured)
      jacobian(i, 1) = -time.d_log_memory / time.seconds;
    }
    const Eigen::Vector2d step = jacobian.colPivHouseholderQr().solve(-residual);
    log_efficiency += step;
    if (step.norm() < 1e-12) break;
  }
  fit.efficiency = {std::exp(log_efficiency[0]), std::exp(log_efficiency[1])};
  if (fit.iterations > 100 || !(fit.efficiency.compute <= 1) || !(fit.efficiency.memory <= 1)) {
    throw std::runtime_error("calibration: the fit did not converge to efficiencies in (0, 1]");
  }
  for (const CalibrationRow& row : calibration.rows) {
    const double predicted = offline_tokens_per_s(calibration, row, fit.efficiency);
    fit.predicted_tokens_per_s.push_back(predicted);
    fit.relative_residuals.push_back(predicted / row.output_tokens_per_s - 1);
  }
  return fit;
}

}  // namespace clustersim::models::inference
