// libFuzzer target for the unit parsers (sim/units.hpp). The first input byte picks the parser
// (duration, bytes, bytes/s, operations/s, FLOP/s), the rest is the text. A parse either throws UnitError
// with a non-empty message or returns a finite, non-negative value; a parsed size or bandwidth, formatted
// or duration, formatted and parsed again, comes back within 0.5% (the formatters' promise). Anything else aborts.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sim/units.hpp"

namespace {

using namespace clustersim::sim;

void check_value(double value) {
  if (!std::isfinite(value) || value < 0) std::abort();
}

template <typename Parse, typename Format>
void check_round_trip(double value, Parse parse, Format format) {
  if (value < 1e-3 || value > 1e24) return;  // the formatter's prefixes cover this range
  const double again = parse(format(value));
  if (std::abs(again - value) > 0.005 * value) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 5) {
      case 0: {
        const SimTime duration = parse_duration(text);
        if (duration < SimTime{}) std::abort();
        const double seconds = duration.to_seconds();
        if (std::abs(parse_duration(format_duration(duration)).to_seconds() - seconds) > 0.005 * seconds) std::abort();
        break;
      }
      case 1: {
        const double bytes = parse_bytes(text);
        check_value(bytes);
        check_round_trip(bytes, parse_bytes, format_bytes);
        break;
      }
      case 2: {
        const double rate = parse_bytes_per_s(text);
        check_value(rate);
        check_round_trip(rate, parse_bytes_per_s, format_bytes_per_s);
        break;
      }
      case 3:
        check_value(parse_ops_per_s(text));
        break;
      default:
        check_value(parse_flops_per_s(text));
        break;
    }
  } catch (const UnitError& error) {
    if (std::string_view(error.what()).empty()) std::abort();
  }
  return 0;
}
