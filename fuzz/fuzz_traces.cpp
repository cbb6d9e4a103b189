// libFuzzer target for the request-trace readers (models/inference/trace_readers.hpp). The first input byte picks
// the format (even: Azure LLM inference CSV, odd: Mooncake JSON Lines), the rest is the file's text. A parse either
// throws TraceError whose message starts with the file name and a line number, or returns a trace whose arrivals
// never decrease and whose token counts are >= 1. Any other exception, a sanitizer report or a hang aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "models/inference/trace_readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace clustersim::models::inference;
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    const RequestTrace trace = data[0] % 2 == 0 ? parse_azure_csv(text, "fuzz") : parse_mooncake_jsonl(text, "fuzz");
    for (std::size_t i = 0; i < trace.size(); ++i) {
      const Request& request = trace.requests()[i];
      if (request.input_tokens < 1 || request.output_tokens < 1) std::abort();
      if (i > 0 && request.arrival < trace.requests()[i - 1].arrival) std::abort();
    }
  } catch (const TraceError& error) {
    if (!std::string_view(error.what()).starts_with("fuzz:")) std::abort();  // a rejection names file and line
  }
  return 0;
}
