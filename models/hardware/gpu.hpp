// GpuSpec: one accelerator's peak dense compute per precision, HBM and NVLink, and the roofline.
//
// Roofline (Williams, Waterman & Patterson, "Roofline: an insightful visual performance model",
// CACM 52(4), 2009): a kernel of F FLOPs that moves B bytes to and from HBM takes
//   t = max(F / (peak(precision) x efficiency), B / HBM bandwidth)
// i.e. it is compute-bound when its arithmetic intensity F/B exceeds the ridge point
// peak x efficiency / HBM bandwidth, memory-bound otherwise. `efficiency` in (0, 1] is the fraction
// of the datasheet peak the kernel reaches (MFU-like); it is not applied to the memory side.
// Peaks are dense (no 2:4 sparsity). NVLink is per GPU and per direction (vendors quote the sum
// of both directions: H100 SXM "900 GB/s" is 450 GB/s each way). Numbers come from data/gpus.json.
#pragma once

#include <string>
#include <string_view>

#include "sim/time.hpp"

namespace clustersim::models::hardware {

enum class Precision { fp8, bf16, fp32 };
std::string_view to_string(Precision precision);

struct GpuSpec {
  std::string name;
  double fp8_flops_per_s = 0.0;  // 0 = no FP8 support
  double bf16_flops_per_s = 0.0;
  double fp32_flops_per_s = 0.0;
  double hbm_bytes = 0.0;
  double hbm_bytes_per_s = 0.0;
  double nvlink_bytes_per_s = 0.0;  // per direction; 0 = no NVLink (PCIe-only card)
};

// Throws HardwareSpecError naming `owner` (e.g. "node 'dgx'") and the field.
void validate(const GpuSpec& gpu, std::string_view owner);

// Peak dense FLOP/s; throws std::invalid_argument when the GPU lacks the precision (FP8 = 0).
double peak_flops_per_s(const GpuSpec& gpu, Precision precision);

// The roofline time in seconds: max(F / (peak x efficiency), B / HBM). Throws std::invalid_argument
// for negative or non-finite flops/bytes or efficiency outside (0, 1].
double kernel_seconds(const GpuSpec& gpu, Precision precision, double flops, double hbm_bytes, double efficiency = 1.0);
// The same, rounded up to the next nanosecond.
sim::SimTime kernel_time(const GpuSpec& gpu, Precision precision, double flops, double hbm_bytes,
                         double efficiency = 1.0);
// Arithmetic intensity (FLOP/byte) above which a kernel is compute-bound: peak x efficiency / HBM.
double ridge_point_flops_per_byte(const GpuSpec& gpu, Precision precision, double efficiency = 1.0);

}  // namespace clustersim::models::hardware
