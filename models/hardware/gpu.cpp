#include "models/hardware/gpu.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "models/hardware/spec_error.hpp"

namespace clustersim::models::hardware {

namespace {

void check_efficiency(double efficiency) {
  if (!std::isfinite(efficiency) || efficiency <= 0.0 || efficiency > 1.0) {
    std::ostringstream message;
    message << "roofline: efficiency must be in (0, 1], got " << efficiency;
    throw std::invalid_argument(message.str());
  }
}

void check_amount(const char* field, double value) {
  if (!std::isfinite(value) || value < 0.0) {
    std::ostringstream message;
    message << "roofline: " << field << " must be non-negative and finite, got " << value;
    throw std::invalid_argument(message.str());
  }
}

}  // namespace

std::string_view to_string(Precision precision) {
  switch (precision) {
    case Precision::fp8:
      return "fp8";
    case Precision::bf16:
      return "bf16";
    case Precision::fp32:
      return "fp32";
  }
  return "unknown";
}

void validate(const GpuSpec& gpu, std::string_view owner) {
  const std::string who = std::string(owner) + " GPU '" + gpu.name + "'";
  require_non_negative(who, "fp8_flops_per_s", gpu.fp8_flops_per_s);
  require_positive(who, "bf16_flops_per_s", gpu.bf16_flops_per_s);
  require_positive(who, "fp32_flops_per_s", gpu.fp32_flops_per_s);
  require_positive(who, "hbm_bytes", gpu.hbm_bytes);
  require_positive(who, "hbm_bytes_per_s", gpu.hbm_bytes_per_s);
  require_non_negative(who, "nvlink_bytes_per_s", gpu.nvlink_bytes_per_s);
}

double peak_flops_per_s(const GpuSpec& gpu, Precision precision) {
  double peak = 0.0;
  switch (precision) {
    case Precision::fp8:
      peak = gpu.fp8_flops_per_s;
      break;
    case Precision::bf16:
      peak = gpu.bf16_flops_per_s;
      break;
    case Precision::fp32:
      peak = gpu.fp32_flops_per_s;
      break;
  }
  if (!(peak > 0.0)) {
    throw std::invalid_argument("GPU '" + gpu.name + "' has no " + std::string(to_string(precision)) +
                                " peak (flops_per_s = 0)");
  }
  return peak;
}

double kernel_seconds(const GpuSpec& gpu, Precision precision, double flops, double hbm_bytes, double efficiency) {
  check_amount("flops", flops);
  check_amount("hbm_bytes", hbm_bytes);
  check_efficiency(efficiency);
  const double compute_s = flops / (peak_flops_per_s(gpu, precision) * efficiency);
  const double memory_s = hbm_bytes / gpu.hbm_bytes_per_s;
  return std::max(compute_s, memory_s);
}

sim::SimTime kernel_time(const GpuSpec& gpu, Precision precision, double flops, double hbm_bytes, double efficiency) {
  return sim::SimTime::ceil_seconds(kernel_seconds(gpu, precision, flops, hbm_bytes, efficiency));
}

double ridge_point_flops_per_byte(const GpuSpec& gpu, Precision precision, double efficiency) {
  check_efficiency(efficiency);
  return peak_flops_per_s(gpu, precision) * efficiency / gpu.hbm_bytes_per_s;
}

}  // namespace clustersim::models::hardware
