#include "sim/units.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <span>
#include <system_error>

namespace clustersim::sim {
namespace {

// A unit symbol and what one of it is worth in the base unit.
struct Symbol {
  std::string_view text;
  double factor;
};

constexpr double kKi = 1024.0;
constexpr std::array<Symbol, 7> kDecimalPrefixes = {
    {{"k", 1e3}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}, {"P", 1e15}, {"E", 1e18}}};
constexpr std::array<Symbol, 6> kBinaryPrefixes = {{{"Ki", kKi},
                                                    {"Mi", kKi* kKi},
                                                    {"Gi", kKi* kKi* kKi},
                                                    {"Ti", kKi* kKi* kKi* kKi},
                                                    {"Pi", kKi* kKi* kKi* kKi* kKi},
                                                    {"Ei", kKi* kKi* kKi* kKi* kKi* kKi}}};

constexpr std::array<Symbol, 6> kDataUnits = {
    {{"B", 1.0}, {"byte", 1.0}, {"bytes", 1.0}, {"b", 0.125}, {"bit", 0.125}, {"bits", 0.125}}};
constexpr std::array<Symbol, 8> kBandwidthUnits = {{{"B/s", 1.0},
                                                    {"byte/s", 1.0},
                                                    {"bytes/s", 1.0},
                                                    {"Bps", 1.0},
                                                    {"b/s", 0.125},
                                                    {"bit/s", 0.125},
                                                    {"bits/s", 0.125},
                                                    {"bps", 0.125}}};
constexpr std::array<Symbol, 5> kOpsUnits = {
    {{"IOPS", 1.0}, {"ops/s", 1.0}, {"op/s", 1.0}, {"req/s", 1.0}, {"/s", 1.0}}};
constexpr std::array<Symbol, 4> kFlopsUnits = {{{"FLOP/s", 1.0}, {"FLOPS", 1.0}, {"flop/s", 1.0}, {"flops", 1.0}}};
constexpr std::array<Symbol, 1> kPowerUnits = {{{"W", 1.0}}};

// Durations carry their size in exact nanoseconds; there are no prefixes.
struct DurationUnit {
  std::string_view text;
  std::int64_t ns;
};
constexpr std::int64_t kSecondNs = 1'000'000'000;
constexpr std::array<DurationUnit, 21> kDurationUnits = {{{"ns", 1},
                                                          {"us", 1'000},
                                                          {"\u00b5s", 1'000},  // micro sign
                                                          {"\u03bcs", 1'000},  // Greek mu
                                                          {"ms", 1'000'000},
                                                          {"s", kSecondNs},
                                                          {"sec", kSecondNs},
                                                          {"second", kSecondNs},
                                                          {"seconds", kSecondNs},
                                                          {"min", 60 * kSecondNs},
                                                          {"minute", 60 * kSecondNs},
                                                          {"minutes", 60 * kSecondNs},
                                                          {"h", 3'600 * kSecondNs},
                                                          {"hour", 3'600 * kSecondNs},
                                                          {"hours", 3'600 * kSecondNs},
                                                          {"d", 86'400 * kSecondNs},
                                                          {"day", 86'400 * kSecondNs},
                                                          {"days", 86'400 * kSecondNs},
                                                          {"w", 604'800 * kSecondNs},
                                                          {"week", 604'800 * kSecondNs},
                                                          {"weeks", 604'800 * kSecondNs}}};

constexpr std::string_view kDurationExpected = "(expected ns, us, ms, s, min, h, d or w, e.g. \"90 s\" or \"5 min\")";
constexpr std::string_view kBytesExpected =
    "(expected B or bit with an optional prefix k, M, G, T, P, E or Ki, Mi, Gi, Ti, Pi, Ei, e.g. \"3.84 TB\", "
    "\"512 GiB\" or \"1 Gb\")";
constexpr std::string_view kBandwidthExpected =
    "(expected B/s, bit/s, b/s, Bps or bps with an optional prefix k, M, G, T, P, E or Ki, Mi, Gi, Ti, Pi, Ei, "
    "e.g. \"25 GB/s\" or \"400 Gb/s\")";
constexpr std::string_view kOpsExpected =
    "(expected IOPS, ops/s, op/s, req/s or /s with an optional prefix k, M, G, T, P, E, e.g. \"250K IOPS\" or "
    "\"3500 /s\")";
constexpr std::string_view kFlopsExpected =
    "(expected FLOP/s or FLOPS with an optional prefix k, M, G, T, P, E, e.g. \"989 TFLOP/s\")";
constexpr std::string_view kPowerExpected = "(expected W, kW or MW, e.g. \"10.2 kW\")";

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string quoted(std::string_view text) {
  // Appended piece by piece: `"\"" + std::string(text)` trips a false -Wrestrict in GCC 12 (GCC bug 105329).
  std::string result;
  result.reserve(text.size() + 2);
  result += '"';
  result += text;
  result += '"';
  return result;
}

[[noreturn]] void fail(std::string_view text, std::string_view reason) {
  throw UnitError(quoted(text) + ": " + std::string(reason));
}

// The number and the (trimmed, possibly empty) unit text after it.
struct Quantity {
  double value;
  std::string_view number;  // the digits as written, without a leading '+'
  std::string_view unit;
};

// Splits "[spaces] number [spaces] unit [spaces]"; rejects what is not a finite non-negative number.
Quantity split_quantity(std::string_view text, std::string_view kind, std::string_view expected) {
  const std::string_view trimmed = trim(text);
  if (trimmed.empty()) fail(text, "empty string where " + std::string(kind) + " was expected " + std::string(expected));
  const char* first = trimmed.data();
  const char* last = trimmed.data() + trimmed.size();
  if (*first == '+') ++first;
  double value = 0.0;
  const auto [end, error] = std::from_chars(first, last, value);
  if (error == std::errc::invalid_argument) {
    fail(text, "expected a number followed by a unit " + std::string(expected));
  }
  if (error == std::errc::result_out_of_range) {
    fail(text, "the number is too large or too small for a double " + std::string(expected));
  }
  if (!std::isfinite(value)) fail(text, "the number is not finite " + std::string(expected));
  if (value < 0.0) fail(text, std::string(kind) + " cannot be negative " + std::string(expected));
  if (value == 0.0) value = 0.0;  // "-0" reads as plain zero
  return {value, std::string_view(first, static_cast<std::size_t>(end - first)),
          trim(std::string_view(end, static_cast<std::size_t>(last - end)))};
}

std::optional<double> find_prefix(std::string_view prefix, bool allow_binary) {
  if (prefix.empty()) return 1.0;
  for (const Symbol& symbol : kDecimalPrefixes) {
    if (symbol.text == prefix) return symbol.factor;
  }
  if (allow_binary) {
    for (const Symbol& symbol : kBinaryPrefixes) {
      if (symbol.text == prefix) return symbol.factor;
    }
  }
  return std::nullopt;
}

// Factor of `unit` = optional prefix + one of `bases` (in the base unit), or nullopt if it is not such a unit.
// `space_after_prefix` accepts "M IOPS" as well as "MIOPS".
std::optional<double> match_unit(std::string_view unit, std::span<const Symbol> bases, bool allow_binary,
                                 bool space_after_prefix) {
  for (const Symbol& base : bases) {
    if (!unit.ends_with(base.text)) continue;
    std::string_view prefix = unit.substr(0, unit.size() - base.text.size());
    if (space_after_prefix) {
      prefix = trim(prefix);
    } else if (!prefix.empty() && is_space(prefix.back())) {
      continue;
    }
    if (const std::optional<double> factor = find_prefix(prefix, allow_binary)) return *factor * base.factor;
  }
  return std::nullopt;
}

std::string unknown_unit(std::string_view kind, std::string_view unit, std::string_view expected) {
  return "unknown " + std::string(kind) + " unit " + quoted(unit) + " " + std::string(expected);
}

// Largest exactly representable int64-convertible bound: 2^63 (every double below it fits in int64).
constexpr double kTwoPow63 = 9223372036854775808.0;

[[noreturn]] void fail_duration_range(std::string_view text) {
  fail(text, "duration is outside the simulated time range (at most 106751 d, about 292 years)");
}

std::string format_decimal(double value, std::string_view unit) {
  static constexpr std::array<const char*, 7> kPrefixes = {"", "k", "M", "G", "T", "P", "E"};
  static constexpr std::array<double, 7> kFactors = {1.0, 1e3, 1e6, 1e9, 1e12, 1e15, 1e18};
  if (value == 0.0) value = 0.0;  // no "-0"
  std::size_t index = 0;
  // 999.5 and above would print as "1e+03" with 3 significant digits: move to the next prefix.
  while (std::isfinite(value) && index + 1 < kFactors.size() && std::fabs(value / kFactors[index]) >= 999.5) ++index;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.3g %s", value / kFactors[index], kPrefixes[index]);
  return std::string(buffer) + std::string(unit);
}

// The quantity's value times its unit's factor; a product beyond the range of a double ("36e298 GB")
// is refused, like a number that is.
double scaled(std::string_view text, const Quantity& quantity, double factor, std::string_view expected) {
  const double value = quantity.value * factor;
  if (!std::isfinite(value)) fail(text, "the value is too large for a double " + std::string(expected));
  return value;
}

}  // namespace

SimTime parse_duration(std::string_view text) {
  const Quantity quantity = split_quantity(text, "a duration", kDurationExpected);
  std::int64_t unit_ns = kSecondNs;  // bare number = seconds
  if (!quantity.unit.empty()) {
    unit_ns = 0;
    for (const DurationUnit& unit : kDurationUnits) {
      if (unit.text == quantity.unit) unit_ns = unit.ns;
    }
    if (unit_ns == 0) {
      std::string reason = unknown_unit("duration", quantity.unit, kDurationExpected);
      if (quantity.unit == "m" || quantity.unit == "M") reason += "; \"m\" is ambiguous, write \"min\" for minutes";
      fail(text, reason);
    }
  }
  // Whole numbers multiply exactly in integers (written as digits only, they are read exactly even beyond 2^53);
  // fractions go through a double and round to the nearest ns.
  std::int64_t whole = 0;
  const std::string_view digits = quantity.number;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), whole);
  bool is_whole = error == std::errc() && end == digits.data() + digits.size();
  if (!is_whole && quantity.value < kTwoPow63 && quantity.value == std::floor(quantity.value)) {
    whole = static_cast<std::int64_t>(quantity.value);  // e.g. "1e3" or "2.0"
    is_whole = true;
  }
  if (is_whole) {
    std::int64_t ns = 0;
    if (__builtin_mul_overflow(whole, unit_ns, &ns)) fail_duration_range(text);
    return SimTime::from_ns(ns);
  }
  const double ns = std::round(quantity.value * static_cast<double>(unit_ns));
  if (!(ns < kTwoPow63)) fail_duration_range(text);
  return SimTime::from_ns(static_cast<std::int64_t>(ns));
}

double parse_bytes(std::string_view text) {
  const Quantity quantity = split_quantity(text, "a size in bytes", kBytesExpected);
  if (quantity.unit.empty()) return quantity.value;
  if (const std::optional<double> factor = match_unit(quantity.unit, kDataUnits, true, false)) {
    return scaled(text, quantity, *factor, kBytesExpected);
  }
  if (match_unit(quantity.unit, kBandwidthUnits, true, false)) {
    fail(text, quoted(quantity.unit) + " is a bandwidth, not an amount of data " + std::string(kBytesExpected));
  }
  fail(text, unknown_unit("data size", quantity.unit, kBytesExpected));
}

double parse_bytes_per_s(std::string_view text) {
  const Quantity quantity = split_quantity(text, "a bandwidth", kBandwidthExpected);
  if (quantity.unit.empty()) return quantity.value;
  if (const std::optional<double> factor = match_unit(quantity.unit, kBandwidthUnits, true, false)) {
    return scaled(text, quantity, *factor, kBandwidthExpected);
  }
  if (match_unit(quantity.unit, kDataUnits, true, false)) {
    fail(text, quoted(quantity.unit) + " is an amount of data, not a bandwidth: add \"/s\" " +
                   std::string(kBandwidthExpected));
  }
  fail(text, unknown_unit("bandwidth", quantity.unit, kBandwidthExpected));
}

double parse_ops_per_s(std::string_view text) {
  const Quantity quantity = split_quantity(text, "an operation rate", kOpsExpected);
  if (quantity.unit.empty()) return quantity.value;
  if (const std::optional<double> factor = match_unit(quantity.unit, kOpsUnits, false, true)) {
    return scaled(text, quantity, *factor, kOpsExpected);
  }
  fail(text, unknown_unit("operation rate", quantity.unit, kOpsExpected));
}

double parse_flops_per_s(std::string_view text) {
  const Quantity quantity = split_quantity(text, "a compute rate", kFlopsExpected);
  if (quantity.unit.empty()) return quantity.value;
  if (const std::optional<double> factor = match_unit(quantity.unit, kFlopsUnits, false, false)) {
    return scaled(text, quantity, *factor, kFlopsExpected);
  }
  fail(text, unknown_unit("compute rate", quantity.unit, kFlopsExpected));
}

double parse_watts(std::string_view text) {
  const Quantity quantity = split_quantity(text, "a power", kPowerExpected);
  if (quantity.unit.empty()) return quantity.value;
  if (const std::optional<double> factor = match_unit(quantity.unit, kPowerUnits, false, false)) {
    return scaled(text, quantity, *factor, kPowerExpected);
  }
  fail(text, unknown_unit("power", quantity.unit, kPowerExpected));
}

std::string format_bytes(double bytes) {
  return format_decimal(bytes, "B");
}

std::string format_bytes_per_s(double bytes_per_s) {
  return format_decimal(bytes_per_s, "B/s");
}

std::string format_duration(SimTime duration) {
  return to_string(duration);
}

}  // namespace clustersim::sim
