#include <catch2/catch.hpp>

#include "models/inference/step_model.hpp"

using namespace clustersim::models;
using namespace clustersim::models::inference;

namespace {

ServedModel llama3_70b(WeightPrecision precision, double kv_bytes_per_element) {
  ServedModel model;
  model.parameters = 70.55e9;
  model.layers = 80;
  model.hidden_size = 8192;
  model.kv_heads = 8;
  model.head_dim = 128;
  model.precision = precision;
  model.kv_bytes_per_element = kv_bytes_per_element;
  return model;
}

ReplicaSpec two_h100() {
  ReplicaSpec replica;
  replica.gpu.name = "H100-SXM";
  replica.gpu.fp8_flops_per_s = 1979e12;
  replica.gpu.bf16_flops_per_s = 989e12;
  replica.gpu.fp32_flops_per_s = 67e12;
  replica.gpu.hbm_bytes = 80e9;
  replica.gpu.hbm_bytes_per_s = 3.35e12;
  replica.gpus = 2;
  replica.activation_reserve_bytes_per_gpu = 4.5e9;
  replica.block_tokens = 32;
  return replica;
}

// The fitted efficiencies of data/inference/calibration.json.
const StepEfficiency kFitted{0.4696, 0.7059};

}  // namespace

TEST_CASE("served model: KV bytes per token of a Llama-3-70B shape", "[inference]") {
  // 2 x 80 layers x 8 KV heads x 128 x 2 bytes (bf16) = 327,680 bytes (Mooncake's 320 KB).
  CHECK(llama3_70b(WeightPrecision::bf16, 2).kv_bytes_per_token() == 327'680);
  CHECK(llama3_70b(WeightPrecision::fp8, 1).kv_bytes_per_token() == 163'840);
  CHECK(llama3_70b(WeightPrecision::bf16, 2).weight_bytes() == 141.1e9);
  CHECK(llama3_70b(WeightPrecision::int4, 2).weight_bytes() == Approx(35.275e9));
  CHECK(llama3_70b(WeightPrecision::int4, 2).compute_precision() == hardware::Precision::bf16);
  CHECK(llama3_70b(WeightPrecision::fp8, 1).compute_precision() == hardware::Precision::fp8);
}

TEST_CASE("step model: a decode iteration at batch 1 is bytes read / HBM bandwidth", "[inference]") {
  const StepModel step(llama3_70b(WeightPrecision::fp8, 1), two_h100(), kFitted);
  // One token after a 1,000-token context: reads the weights and 1,000 tokens of K/V, writes 1 token's K/V.
  const IterationWork decode{1, 1001, 1000};
  const double bytes = 70.55e9 + 1001 * 163'840.0;
  CHECK(step.hbm_bytes(decode) == Approx(bytes));
  CHECK(step.iteration_seconds(decode) == Approx(bytes / (2 * 3.35e12 * 0.7059)));  // 14.95 ms
  CHECK(step.iteration_seconds(decode) == Approx(0.014951).epsilon(1e-4));
  // A 4,096-token prefill chunk is compute-bound: (4096 x 2P + pairs x 4 L h) / (2 x 1979e12 x 0.4696).
  const double pairs = 4096.0 * 4097 / 2;
  const IterationWork prefill{4096, pairs, 0};
  const double flops = 4096 * 2 * 70.55e9 + pairs * 4 * 80 * 8192;
  CHECK(step.flops(prefill) == Approx(flops));
  CHECK(step.iteration_seconds(prefill) == Approx(flops / (2 * 1979e12 * 0.4696)));
  CHECK(step.compute_seconds_at_peak(prefill) > step.memory_seconds_at_peak(prefill));
}

TEST_CASE("step model: KV capacity in blocks, and a model that does not fit", "[inference]") {
  const StepModel step(llama3_70b(WeightPrecision::fp8, 1), two_h100(), kFitted);
  // 2 x (80 - 4.5) GB - 70.55 GB = 80.45 GB of 32-token blocks of 163,840 bytes per token.
  CHECK(step.hbm_kv_blocks() == static_cast<std::int64_t>(80.45e9 / (32 * 163'840.0)));
  ReplicaSpec one_gpu = two_h100();
  one_gpu.gpus = 1;
  REQUIRE_THROWS_WITH(StepModel(llama3_70b(WeightPrecision::bf16, 2), one_gpu, kFitted),
                      Catch::Contains("replica: model weights (141 GB)") && Catch::Contains("do not fit"));
  REQUIRE_THROWS_WITH(StepModel(llama3_70b(WeightPrecision::fp8, 1), two_h100(), {0, 0.5}),
                      Catch::StartsWith("efficiency.compute"));
  ServedModel no_layers = llama3_70b(WeightPrecision::fp8, 1);
  no_layers.layers = 0;
  REQUIRE_THROWS_WITH(StepModel(no_layers, two_h100(), kFitted), Catch::StartsWith("model.layers"));
}
