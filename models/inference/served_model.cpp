#include "models/inference/served_model.hpp"

#include <cmath>
#include <stdexcept>

namespace clustersim::models::inference {

namespace {

void require_positive(std::string_view field, double value) {
  if (!std::isfinite(value) || value <= 0) {
    throw std::invalid_argument("model." + std::string(field) + ": must be positive and finite, got " +
                                std::to_string(value));
  }
}

}  // namespace

std::string_view to_string(WeightPrecision precision) {
  switch (precision) {
    case WeightPrecision::bf16:
      return "bf16";
    case WeightPrecision::fp8:
      return "fp8";
    case WeightPrecision::int4:
      return "int4";
  }
  return "unknown";
}

WeightPrecision parse_weight_precision(std::string_view text, std::string_view field) {
  if (text == "bf16") return WeightPrecision::bf16;
  if (text == "fp8") return WeightPrecision::fp8;
  if (text == "int4") return WeightPrecision::int4;
  throw std::invalid_argument(std::string(field) + ": expected bf16, fp8 or int4, got \"" + std::string(text) + "\"");
}

double ServedModel::bytes_per_weight() const {
  switch (precision) {
    case WeightPrecision::bf16:
      return 2.0;
    case WeightPrecision::fp8:
      return 1.0;
    case WeightPrecision::int4:
      return 0.5;
  }
  return 2.0;
}

double ServedModel::kv_bytes_per_token() const {
  return 2.0 * layers * kv_heads * static_cast<double>(head_dim) * kv_bytes_per_element;
}

hardware::Precision ServedModel::compute_precision() const {
  return precision == WeightPrecision::fp8 ? hardware::Precision::fp8 : hardware::Precision::bf16;
}

void validate(const ServedModel& model) {
  require_positive("parameters", model.parameters);
  require_positive("layers", model.layers);
  require_positive("hidden_size", model.hidden_size);
  require_positive("kv_heads", model.kv_heads);
  require_positive("head_dim", model.head_dim);
  require_positive("kv_bytes_per_element", model.kv_bytes_per_element);
}

}  // namespace clustersim::models::inference
