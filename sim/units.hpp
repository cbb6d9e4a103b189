// Unit parsers and formatters: the strings scenarios use for quantities ("400 Gb/s", "3.84 TB", "5 min").
//
// Grammar: [spaces] number [spaces] [unit] [spaces]. The number is parsed with std::from_chars (decimal or
// scientific notation, locale-independent); it must be finite and non-negative (zero is allowed: callers decide
// whether zero is valid). A bare number is in the base unit: seconds, bytes, bytes/s, operations/s, FLOP/s.
//
// Prefixes (case-sensitive): k or K = 1e3, M = 1e6, G = 1e9, T = 1e12, P = 1e15, E = 1e18 (SI, IEC 80000-13);
// Ki = 2^10, Mi = 2^20, Gi = 2^30, Ti = 2^40, Pi = 2^50, Ei = 2^60 (binary, sizes and bandwidths only).
// "m" is not a prefix: "5 mB" is rejected rather than read as 5e-3 B or 5 MB.
// Data: B / byte / bytes = 1 byte; b / bit / bits = 1/8 byte. So "1 Gb" = 1e9 / 8 bytes = 1.25e8 bytes.
// Bandwidth: a data unit followed by "/s", or the shorthands "bps" (bits/s) and "Bps" (bytes/s).
// Durations: ns, us (or µs), ms, s, min, h, d, w (and long forms such as "minutes"); "m" is rejected
// (minutes or months?). A duration is rounded to the nearest nanosecond (halves away from zero) and must fit
// in SimTime (int64 nanoseconds, +-292 years).
// Operation rates: [k|K|M|G|T] then IOPS, ops/s, op/s, req/s or /s ("1.2 M IOPS", "3500 /s").
// Compute rates: [k|K|M|G|T|P|E] then FLOP/s, FLOPS, flop/s or flops ("989 TFLOP/s" = 9.89e14 FLOP/s).
//
// Every parse error is a UnitError whose message quotes the offending string and says what was expected.
// Formatters use decimal SI prefixes and 3 significant digits ("3.84 TB", "50 GB/s"), so parsing a formatted
// value gives it back within 0.5%.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/time.hpp"

namespace clustersim::sim {

struct UnitError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// "90 s", "5 min", "2.5 h", "3 d", "250 ms", "1.5 us", "10 ns", "1 w"; bare number = seconds.
SimTime parse_duration(std::string_view text);
// "3.84 TB" -> 3.84e12, "512 GiB" -> 512 * 2^30, "1 Gb" -> 1.25e8; bare number = bytes.
double parse_bytes(std::string_view text);
// "400 Gb/s" -> 5e10, "25 GB/s" -> 2.5e10, "400 Gbps", "400 Gbit/s", "1 GiB/s"; bare number = bytes/s.
double parse_bytes_per_s(std::string_view text);
// "1.2 M IOPS" -> 1.2e6, "250K IOPS", "3500 /s", "5500 req/s", "3500 ops/s"; bare number = operations/s.
double parse_ops_per_s(std::string_view text);
// "989 TFLOP/s" -> 9.89e14, "1.979 PFLOP/s", "400 TFLOPS"; bare number = FLOP/s.
double parse_flops_per_s(std::string_view text);
// "10.2 kW", "700 W", "1.5 MW"; bare number = watts.
double parse_watts(std::string_view text);

// Decimal SI, 3 significant digits: "3.84 TB", "512 B", "0 B".
std::string format_bytes(double bytes);
// Decimal SI, 3 significant digits: "50 GB/s".
std::string format_bytes_per_s(double bytes_per_s);
// Same text as to_string(SimTime): "90 s", "5 min", "2.5 h".
std::string format_duration(SimTime duration);

}  // namespace clustersim::sim
