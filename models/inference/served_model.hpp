// ServedModel: the shape of a served transformer and the quantities the step model and the KV cache
// derive from it.
//
//   weight_bytes              = parameters x bytes per weight (bf16 2, fp8 1, int4 0.5)
//   kv_bytes_per_token        = 2 (K and V) x layers x kv_heads x head_dim x kv_bytes_per_element
//                               (Llama-3-70B, bf16: 2 x 80 x 8 x 128 x 2 = 327,680 bytes; Mooncake, FAST'25,
//                               s5.3.1, quotes the same 320 KB)
//   linear_flops_per_token    = 2 x parameters              (one multiply-add per weight; Kaplan et al. 2020)
//   attention_flops_per_pair  = 4 x layers x hidden_size    (Q.K^T and A.V: 2 x hidden FLOPs each, per layer,
//                                                            for each (query token, context token) pair)
// Precision: bf16 and fp8 compute at the GPU's bf16 or fp8 peak; int4 is weight-only quantisation (W4A16,
// as AWQ/GPTQ kernels run it), so it computes at the bf16 peak while reading half a byte per weight.
// The KV cache's element size is a separate field (fp8 serving commonly keeps an fp8 KV cache).
#pragma once

#include <string>
#include <string_view>

#include "models/hardware/gpu.hpp"

namespace clustersim::models::inference {

enum class WeightPrecision { bf16, fp8, int4 };
std::string_view to_string(WeightPrecision precision);
// "bf16", "fp8" or "int4"; throws std::invalid_argument naming `field` otherwise.
WeightPrecision parse_weight_precision(std::string_view text, std::string_view field);

struct ServedModel {
  std::string label;  // what reports call it ("Llama-3.3-70B"); the models do not read it
  double parameters = 0;
  int layers = 0;
  int hidden_size = 0;  // query heads x head_dim
  int kv_heads = 0;
  int head_dim = 0;
  WeightPrecision precision = WeightPrecision::bf16;
  double kv_bytes_per_element = 2;

  double bytes_per_weight() const;
  double weight_bytes() const { return parameters * bytes_per_weight(); }
  double kv_bytes_per_token() const;
  double linear_flops_per_token() const { return 2.0 * parameters; }
  double attention_flops_per_pair() const { return 4.0 * layers * static_cast<double>(hidden_size); }
  // The roofline precision its matrix multiplications run at.
  hardware::Precision compute_precision() const;
};

// Throws std::invalid_argument "model.<field>: ..." for a non-positive or non-finite field.
void validate(const ServedModel& model);

}  // namespace clustersim::models::inference
