// Unit parsers and formatters: every documented example, prefixes, bits vs bytes, bad input, round trips.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <string_view>

#include "sim/units.hpp"

using clustersim::sim::format_bytes;
using clustersim::sim::format_bytes_per_s;
using clustersim::sim::format_duration;
using clustersim::sim::parse_bytes;
using clustersim::sim::parse_bytes_per_s;
using clustersim::sim::parse_duration;
using clustersim::sim::parse_flops_per_s;
using clustersim::sim::parse_ops_per_s;
using clustersim::sim::parse_watts;
using clustersim::sim::SimTime;
using clustersim::sim::UnitError;

namespace {

constexpr double kKi = 1024.0;

// The message of the UnitError that `parse` throws for `text` (fails the test if nothing is thrown).
template <typename Parse>
std::string error_of(Parse parse, std::string_view text) {
  try {
    parse(text);
  } catch (const UnitError& error) {
    return error.what();
  }
  FAIL("no UnitError for \"" << std::string(text) << "\"");
  return {};
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("parse_duration reads every unit", "[units]") {
  CHECK(parse_duration("90 s").ns() == 90'000'000'000);
  CHECK(parse_duration("5 min").ns() == 300'000'000'000);
  CHECK(parse_duration("2.5 h").ns() == 9'000'000'000'000);
  CHECK(parse_duration("3 d").ns() == 259'200'000'000'000);
  CHECK(parse_duration("250 ms").ns() == 250'000'000);
  CHECK(parse_duration("1.5 us").ns() == 1'500);
  CHECK(parse_duration("1.5 \u00b5s").ns() == 1'500);
  CHECK(parse_duration("10 ns").ns() == 10);
  CHECK(parse_duration("1 w").ns() == 604'800'000'000'000);
  CHECK(parse_duration("2 weeks").ns() == 2 * 604'800'000'000'000);
  CHECK(parse_duration("5 minutes").ns() == 300'000'000'000);
  CHECK(parse_duration("1 hour").ns() == 3'600'000'000'000);
  CHECK(parse_duration("54 days").ns() == 54 * 86'400'000'000'000);
  CHECK(parse_duration("30 sec").ns() == 30'000'000'000);

  SECTION("a bare number is seconds") {
    CHECK(parse_duration("90").ns() == 90'000'000'000);
    CHECK(parse_duration("0.25").ns() == 250'000'000);
  }
  SECTION("spacing and notation") {
    CHECK(parse_duration("90s").ns() == 90'000'000'000);
    CHECK(parse_duration("  5min \t").ns() == 300'000'000'000);
    CHECK(parse_duration("1e3 ms").ns() == 1'000'000'000);
    CHECK(parse_duration("1.5e-6 s").ns() == 1'500);
    CHECK(parse_duration(".5 s").ns() == 500'000'000);
    CHECK(parse_duration("+2 s").ns() == 2'000'000'000);
  }
  SECTION("zero is allowed") {
    CHECK(parse_duration("0 s") == SimTime::zero());
    CHECK(parse_duration("0") == SimTime::zero());
    CHECK(parse_duration("-0 s") == SimTime::zero());
  }
  SECTION("rounds to the nearest nanosecond, halves up") {
    CHECK(parse_duration("1.4 ns").ns() == 1);
    CHECK(parse_duration("1.6 ns").ns() == 2);
    CHECK(parse_duration("0.5 ns").ns() == 1);
    CHECK(parse_duration("2.5 ns").ns() == 3);
    CHECK(parse_duration("0.1 s").ns() == 100'000'000);
    CHECK(parse_duration("1e-10 s").ns() == 0);
  }
  SECTION("whole numbers are exact up to the int64 limit") {
    CHECK(parse_duration("9223372036854775807 ns") == SimTime::max());
    CHECK(parse_duration("9007199254740993 ns").ns() == 9'007'199'254'740'993);  // 2^53 + 1: not a double
    CHECK(parse_duration("106751 d").ns() == 106'751 * 86'400'000'000'000);
    CHECK(parse_duration("1e18 ns").ns() == 1'000'000'000'000'000'000);
    CHECK(parse_duration("-0").ns() == 0);
  }
}

TEST_CASE("parse_duration rejects bad input with a precise message", "[units]") {
  const auto parse = [](std::string_view text) { return parse_duration(text); };
  CHECK(error_of(parse, "5 parsecs") ==
        "\"5 parsecs\": unknown duration unit \"parsecs\" (expected ns, us, ms, s, min, h, d or w, e.g. \"90 s\" or "
        "\"5 min\")");
  CHECK(contains(error_of(parse, "5 GB"), "\"5 GB\": unknown duration unit \"GB\""));
  CHECK(contains(error_of(parse, "5 m"), "write \"min\""));
  CHECK(contains(error_of(parse, "5 S"), "unknown duration unit \"S\""));  // case-sensitive
  CHECK(contains(error_of(parse, "5 s x"), "unknown duration unit \"s x\""));
  CHECK(contains(error_of(parse, ""), "\"\": empty string"));
  CHECK(contains(error_of(parse, "   "), "empty string"));
  CHECK(contains(error_of(parse, "s"), "\"s\": expected a number"));
  CHECK(contains(error_of(parse, "-5 s"), "\"-5 s\": a duration cannot be negative"));
  CHECK(contains(error_of(parse, "nan s"), "not finite"));
  CHECK(contains(error_of(parse, "inf"), "not finite"));
  CHECK(contains(error_of(parse, "infinity s"), "not finite"));
  CHECK(contains(error_of(parse, "1e400 s"), "too large or too small"));
  CHECK(contains(error_of(parse, "1e12 d"), "\"1e12 d\": duration is outside the simulated time range"));
  CHECK(contains(error_of(parse, "106752 d"), "outside the simulated time range"));
  CHECK(contains(error_of(parse, "9223372036854775808 ns"), "outside the simulated time range"));
  CHECK(contains(error_of(parse, "1e300 ns"), "outside the simulated time range"));
  CHECK(parse_duration("15250 w").ns() == 15'250 * 604'800'000'000'000);  // about 292 years still fits
  CHECK(contains(error_of(parse, "15250.5 w"), "outside the simulated time range"));
  CHECK_THROWS_AS(parse_duration("0x10 s"), UnitError);
  CHECK_THROWS_AS(parse_duration("5 s s"), UnitError);
  CHECK_THROWS_AS(parse_duration("5 ss"), UnitError);
  CHECK_THROWS_AS(parse_duration("1,5 s"), UnitError);  // no locale-dependent decimal comma
  CHECK_THROWS_AS(parse_duration("--5 s"), UnitError);
  CHECK_THROWS_AS(parse_duration("+-5 s"), UnitError);
  // UnitError is an std::invalid_argument, so generic handlers catch it.
  CHECK_THROWS_AS(parse_duration("5 parsecs"), std::invalid_argument);
}

TEST_CASE("parse_bytes reads decimal, binary and bit units", "[units]") {
  CHECK(parse_bytes("3.84 TB") == Approx(3.84e12));
  CHECK(parse_bytes("30.7 TB") == Approx(30.7e12));
  CHECK(parse_bytes("1 PB") == 1e15);
  CHECK(parse_bytes("512 GiB") == 512 * kKi * kKi * kKi);
  CHECK(parse_bytes("4 KiB") == 4096.0);
  CHECK(parse_bytes("1 Gb") == 1.25e8);
  CHECK(parse_bytes("1 Gbit") == 1.25e8);

  SECTION("a bare number is bytes") {
    CHECK(parse_bytes("4096") == 4096.0);
    CHECK(parse_bytes("1e9") == 1e9);
    CHECK(parse_bytes("0") == 0.0);
  }
  SECTION("decimal prefixes are powers of 1000") {
    CHECK(parse_bytes("1 B") == 1.0);
    CHECK(parse_bytes("1 kB") == 1e3);
    CHECK(parse_bytes("1 KB") == 1e3);
    CHECK(parse_bytes("1 MB") == 1e6);
    CHECK(parse_bytes("1 GB") == 1e9);
    CHECK(parse_bytes("1 TB") == 1e12);
    CHECK(parse_bytes("1 EB") == 1e18);
    CHECK(parse_bytes("2 bytes") == 2.0);
    CHECK(parse_bytes("2 kbyte") == 2e3);
  }
  SECTION("binary prefixes are powers of 1024") {
    CHECK(parse_bytes("1 KiB") == kKi);
    CHECK(parse_bytes("1 MiB") == kKi * kKi);
    CHECK(parse_bytes("1 GiB") == 1073741824.0);
    CHECK(parse_bytes("1 TiB") == 1099511627776.0);
    CHECK(parse_bytes("1 PiB") == 1125899906842624.0);
    CHECK(parse_bytes("1 EiB") == 1152921504606846976.0);
    CHECK(parse_bytes("1 GiB") > parse_bytes("1 GB"));
  }
  SECTION("bits are an eighth of a byte") {
    CHECK(parse_bytes("8 b") == 1.0);
    CHECK(parse_bytes("8 bits") == 1.0);
    CHECK(parse_bytes("1 Mb") == 125'000.0);
    CHECK(parse_bytes("1 MB") == 8 * parse_bytes("1 Mb"));
    CHECK(parse_bytes("1 Gibit") == 1073741824.0 / 8);
    CHECK(parse_bytes("1 Tb") == 1.25e11);
  }
  SECTION("spacing and notation") {
    CHECK(parse_bytes("3.84TB") == Approx(3.84e12));
    CHECK(parse_bytes("  512 GiB  ") == 512 * kKi * kKi * kKi);
    CHECK(parse_bytes("5EB") == 5e18);  // "E" is a prefix here, not an exponent
    CHECK(parse_bytes("1e3 KB") == 1e6);
    CHECK(parse_bytes("1E3B") == 1e3);
  }
}

TEST_CASE("parse_bytes rejects bad input with a precise message", "[units]") {
  const auto parse = [](std::string_view text) { return parse_bytes(text); };
  CHECK(contains(error_of(parse, "5 mB"), "\"5 mB\": unknown data size unit \"mB\" (expected B or bit"));
  CHECK(contains(error_of(parse, "5 gb"), "unknown data size unit \"gb\""));
  CHECK(contains(error_of(parse, "5 kiB"), "unknown data size unit \"kiB\""));
  CHECK(contains(error_of(parse, "5 G B"), "unknown data size unit \"G B\""));
  CHECK(contains(error_of(parse, "5 parsecs"), "unknown data size unit \"parsecs\""));
  CHECK(contains(error_of(parse, "5 GB x"), "unknown data size unit \"GB x\""));
  CHECK(contains(error_of(parse, "25 GB/s"), "\"25 GB/s\": \"GB/s\" is a bandwidth, not an amount of data"));
  CHECK(contains(error_of(parse, "-1 GB"), "\"-1 GB\": a size in bytes cannot be negative"));
  CHECK(contains(error_of(parse, "nan GB"), "not finite"));
  CHECK(contains(error_of(parse, "inf"), "not finite"));
  CHECK(contains(error_of(parse, ""), "empty string"));
  CHECK(contains(error_of(parse, "GB"), "expected a number"));
  CHECK(contains(error_of(parse, "1e999 B"), "too large"));
}

// A finite number whose unit takes it past the largest double (found by fuzz_units: "36e298GB").
TEST_CASE("a value that overflows with its unit is refused, naming the string", "[units]") {
  CHECK(contains(error_of(parse_bytes, "36e298GB"), "\"36e298GB\": the value is too large for a double"));
  CHECK(contains(error_of(parse_bytes_per_s, "1e300 EB/s"), "\"1e300 EB/s\": the value is too large"));
  CHECK(contains(error_of(parse_ops_per_s, "1e305 M IOPS"), "too large"));
  CHECK(contains(error_of(parse_flops_per_s, "1e300 PFLOP/s"), "too large"));
  CHECK(contains(error_of(parse_watts, "1e306 kW"), "too large"));
  CHECK(parse_bytes("1e300 B") == 1e300);  // large but finite: kept
}

TEST_CASE("parse_bytes_per_s reads bandwidths in bits and bytes", "[units]") {
  CHECK(parse_bytes_per_s("400 Gb/s") == 5e10);
  CHECK(parse_bytes_per_s("400 Gbps") == 5e10);
  CHECK(parse_bytes_per_s("400 Gbit/s") == 5e10);
  CHECK(parse_bytes_per_s("400 Gbits/s") == 5e10);
  CHECK(parse_bytes_per_s("25 GB/s") == 2.5e10);
  CHECK(parse_bytes_per_s("25 GBps") == 2.5e10);
  CHECK(parse_bytes_per_s("3.35 TB/s") == Approx(3.35e12));
  CHECK(parse_bytes_per_s("1 GiB/s") == 1073741824.0);
  CHECK(parse_bytes_per_s("1e9 B/s") == 1e9);
  CHECK(parse_bytes_per_s("1e9B/s") == 1e9);
  CHECK(parse_bytes_per_s("273 GB/s") == 2.73e11);
  CHECK(parse_bytes_per_s("100 Mb/s") == 1.25e7);
  CHECK(parse_bytes_per_s("12.5 MiB/s") == 12.5 * kKi * kKi);
  CHECK(parse_bytes_per_s("5e10") == 5e10);  // bare number = bytes/s
  CHECK(parse_bytes_per_s("0 GB/s") == 0.0);

  const auto parse = [](std::string_view text) { return parse_bytes_per_s(text); };
  CHECK(contains(error_of(parse, "25 GB"), "\"25 GB\": \"GB\" is an amount of data, not a bandwidth: add \"/s\""));
  CHECK(contains(error_of(parse, "400 Gb"), "is an amount of data, not a bandwidth"));
  CHECK(contains(error_of(parse, "25 mB/s"), "unknown bandwidth unit \"mB/s\""));
  CHECK(contains(error_of(parse, "25 GB/h"), "unknown bandwidth unit \"GB/h\""));
  CHECK(contains(error_of(parse, "25 GB/s x"), "unknown bandwidth unit"));
  CHECK(contains(error_of(parse, "-25 GB/s"), "a bandwidth cannot be negative"));
  CHECK(contains(error_of(parse, "nan GB/s"), "not finite"));
  CHECK(contains(error_of(parse, ""), "empty string"));
  CHECK(contains(error_of(parse, "fast"), "expected a number"));
}

TEST_CASE("parse_ops_per_s reads operation rates", "[units]") {
  CHECK(parse_ops_per_s("1.2 M IOPS") == Approx(1.2e6));
  CHECK(parse_ops_per_s("1.2M IOPS") == Approx(1.2e6));
  CHECK(parse_ops_per_s("1.2 MIOPS") == Approx(1.2e6));
  CHECK(parse_ops_per_s("250K IOPS") == 2.5e5);
  CHECK(parse_ops_per_s("250k IOPS") == 2.5e5);
  CHECK(parse_ops_per_s("3500 /s") == 3500.0);
  CHECK(parse_ops_per_s("3500/s") == 3500.0);
  CHECK(parse_ops_per_s("5500 req/s") == 5500.0);
  CHECK(parse_ops_per_s("3500 ops/s") == 3500.0);
  CHECK(parse_ops_per_s("3500 op/s") == 3500.0);
  CHECK(parse_ops_per_s("800 IOPS") == 800.0);
  CHECK(parse_ops_per_s("2 k req/s") == 2000.0);
  CHECK(parse_ops_per_s("3500") == 3500.0);
  CHECK(parse_ops_per_s("0 IOPS") == 0.0);

  const auto parse = [](std::string_view text) { return parse_ops_per_s(text); };
  CHECK(contains(error_of(parse, "1.2 M"), "\"1.2 M\": unknown operation rate unit \"M\" (expected IOPS"));
  CHECK(contains(error_of(parse, "250 Ki IOPS"), "unknown operation rate unit \"Ki IOPS\""));
  CHECK(contains(error_of(parse, "250 iops"), "unknown operation rate unit \"iops\""));
  CHECK(contains(error_of(parse, "3500 /h"), "unknown operation rate unit"));
  CHECK(contains(error_of(parse, "3500 IOPS x"), "unknown operation rate unit"));
  CHECK(contains(error_of(parse, "-1 IOPS"), "an operation rate cannot be negative"));
  CHECK(contains(error_of(parse, "inf IOPS"), "not finite"));
  CHECK(contains(error_of(parse, ""), "empty string"));
}

TEST_CASE("parse_flops_per_s reads compute rates", "[units]") {
  CHECK(parse_flops_per_s("989 TFLOP/s") == Approx(9.89e14));
  CHECK(parse_flops_per_s("1.979 PFLOP/s") == Approx(1.979e15));
  CHECK(parse_flops_per_s("400 TFLOPS") == 4e14);
  CHECK(parse_flops_per_s("400TFLOPS") == 4e14);
  CHECK(parse_flops_per_s("19.5 Tflop/s") == Approx(1.95e13));
  CHECK(parse_flops_per_s("1 EFLOPS") == 1e18);
  CHECK(parse_flops_per_s("1e15") == 1e15);
  CHECK(parse_flops_per_s("0 TFLOP/s") == 0.0);

  const auto parse = [](std::string_view text) { return parse_flops_per_s(text); };
  CHECK(contains(error_of(parse, "989 TFLOP"), "\"989 TFLOP\": unknown compute rate unit \"TFLOP\" (expected FLOP/s"));
  CHECK(contains(error_of(parse, "989 TFLOPs"), "unknown compute rate unit \"TFLOPs\""));
  CHECK(contains(error_of(parse, "1 TiFLOP/s"), "unknown compute rate unit"));
  CHECK(contains(error_of(parse, "989 T FLOP/s"), "unknown compute rate unit"));
  CHECK(contains(error_of(parse, "-989 TFLOP/s"), "a compute rate cannot be negative"));
  CHECK(contains(error_of(parse, "nan"), "not finite"));
  CHECK(contains(error_of(parse, ""), "empty string"));
}

TEST_CASE("format_bytes and format_bytes_per_s use decimal SI with 3 significant digits", "[units]") {
  CHECK(format_bytes(3.84e12) == "3.84 TB");
  CHECK(format_bytes(30.72e12) == "30.7 TB");
  CHECK(format_bytes(1e15) == "1 PB");
  CHECK(format_bytes(512 * kKi * kKi * kKi) == "550 GB");
  CHECK(format_bytes(0.0) == "0 B");
  CHECK(format_bytes(-0.0) == "0 B");
  CHECK(format_bytes(512.0) == "512 B");
  CHECK(format_bytes(999.0) == "999 B");
  CHECK(format_bytes(999.6) == "1 kB");
  CHECK(format_bytes(123'456.0) == "123 kB");
  CHECK(format_bytes(2e21) == "2e+03 EB");
  CHECK(format_bytes(-2e9) == "-2 GB");
  CHECK(format_bytes_per_s(5e10) == "50 GB/s");
  CHECK(format_bytes_per_s(2.5e10) == "25 GB/s");
  CHECK(format_bytes_per_s(2.73e11) == "273 GB/s");
  CHECK(format_bytes_per_s(1.25e8) == "125 MB/s");
  CHECK(format_duration(parse_duration("90 s")) == "90 s");
  CHECK(format_duration(parse_duration("2.5 h")) == "2.5 h");
}

TEST_CASE("formatted values parse back within 0.5%", "[units]") {
  for (double value = 1e-3; value < 1e22; value *= 1.37) {
    INFO("value = " << value);
    CHECK(parse_bytes(format_bytes(value)) == Approx(value).epsilon(0.005));
    CHECK(parse_bytes_per_s(format_bytes_per_s(value)) == Approx(value).epsilon(0.005));
  }
  for (double value : {1.0, 1.005, 9.995, 99.95, 999.4, 999.5, 1004.9, 3.84e12, 5e10}) {
    INFO("value = " << value);
    CHECK(parse_bytes(format_bytes(value)) == Approx(value).epsilon(0.005));
  }
  for (const char* text : {"0 s", "250 ns", "1.5 us", "250 ms", "90 s", "5 min", "90 min", "2.5 h", "3 d"}) {
    CHECK(format_duration(parse_duration(text)) == text);
  }
}

TEST_CASE("power with SI prefixes", "[units]") {
  REQUIRE(parse_watts("10.2 kW") == Approx(10200.0));
  REQUIRE(parse_watts("700 W") == Approx(700.0));
  REQUIRE(parse_watts("1.5 MW") == Approx(1.5e6));
  REQUIRE(parse_watts("42") == Approx(42.0));
  REQUIRE_THROWS_AS(parse_watts("10 kWh"), UnitError);
  REQUIRE_THROWS_AS(parse_watts("-1 kW"), UnitError);
}
