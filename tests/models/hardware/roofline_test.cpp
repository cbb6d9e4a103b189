#include <catch2/catch.hpp>

#include "models/hardware/gpu.hpp"

using namespace clustersim;
using namespace clustersim::models::hardware;

namespace {

GpuSpec gpu() {
  GpuSpec spec;
  spec.name = "test-gpu";
  spec.fp8_flops_per_s = 2e15;
  spec.bf16_flops_per_s = 1e15;
  spec.fp32_flops_per_s = 1e14;
  spec.hbm_bytes = 80e9;
  spec.hbm_bytes_per_s = 2e12;
  return spec;
}

}  // namespace

TEST_CASE("roofline: time is max(F / (peak x efficiency), B / HBM)", "[hardware]") {
  // Compute-bound: 1e15 FLOPs at 1e15 x 0.5 = 2 s; 1e12 bytes at 2e12 = 0.5 s.
  REQUIRE(kernel_seconds(gpu(), Precision::bf16, 1e15, 1e12, 0.5) == Approx(2.0));
  // Memory-bound: 1e12 FLOPs -> 1 ms; 4e12 bytes -> 2 s.
  REQUIRE(kernel_seconds(gpu(), Precision::bf16, 1e12, 4e12) == Approx(2.0));
  // FP8 doubles the compute roof: 4e15 FLOPs in 2 s.
  REQUIRE(kernel_seconds(gpu(), Precision::fp8, 4e15, 0) == Approx(2.0));
  REQUIRE(kernel_time(gpu(), Precision::fp32, 1e14, 0) == sim::seconds(1));
  // Ridge point: 1e15 / 2e12 = 500 FLOP/byte; at exactly the ridge both sides are equal.
  REQUIRE(ridge_point_flops_per_byte(gpu(), Precision::bf16) == Approx(500));
  REQUIRE(kernel_seconds(gpu(), Precision::bf16, 500e9, 1e9) == Approx(0.5e-3));
}

TEST_CASE("roofline: bad input is rejected with the field named", "[hardware]") {
  REQUIRE_THROWS_WITH(kernel_seconds(gpu(), Precision::bf16, 1, 1, 0.0), Catch::Contains("efficiency"));
  REQUIRE_THROWS_WITH(kernel_seconds(gpu(), Precision::bf16, 1, 1, 1.5), Catch::Contains("efficiency"));
  REQUIRE_THROWS_WITH(kernel_seconds(gpu(), Precision::bf16, -1, 1), Catch::Contains("flops"));
  GpuSpec no_fp8 = gpu();
  no_fp8.fp8_flops_per_s = 0;
  REQUIRE_THROWS_WITH(kernel_seconds(no_fp8, Precision::fp8, 1, 1), Catch::Contains("fp8"));
}
