// Readers of the two public LLM request-trace formats (data/traces/README.md), into a RequestTrace.
//
// Azure LLM inference trace 2023 (Patel et al., Splitwise, ISCA'24), CSV:
//   TIMESTAMP,ContextTokens,GeneratedTokens            header, exactly
//   2023-11-16 18:17:03.9799600,4808,10                 UTC wall clock with up to 9 fractional digits
//   Arrivals are relative to the first request (which arrives at 0).
// Mooncake FAST'25 traces (Qin et al.), JSON Lines, one object per request with exactly these keys:
//   {"timestamp": 27482, "input_length": 6955, "output_length": 52, "hash_ids": [46, 47, ...]}
//   timestamp in milliseconds from the trace start (kept as is); hash_ids holds one id per 512-token block of the
//   prompt, ceil(input_length / 512) of them; equal ids mean equal prefix blocks.
// Both: token counts are integers >= 1, arrivals never decrease, blank lines are skipped (a file may end with
// or without a newline). Anything else throws TraceError "<file>:<line>: <what>", e.g.
//   data/traces/azure2023_code.csv:17: timestamp 2023-11-16 18:17:01.0 is before the previous request's
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "models/inference/request_trace.hpp"

namespace clustersim::models::inference {

struct TraceError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// `name` stands for the file in messages.
RequestTrace parse_azure_csv(std::string_view text, const std::string& name);
RequestTrace parse_mooncake_jsonl(std::string_view text, const std::string& name);
// Read the whole file (TraceError "<file>: cannot read" when it is missing) and parse it.
RequestTrace read_azure_csv(const std::filesystem::path& file);
RequestTrace read_mooncake_jsonl(const std::filesystem::path& file);

// The block size of the Mooncake traces' hash_ids.
inline constexpr std::int64_t kMooncakeBlockTokens = 512;

}  // namespace clustersim::models::inference
