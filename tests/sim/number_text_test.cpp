#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "sim/number_text.hpp"

using clustersim::sim::number_text;

TEST_CASE("number_text: the shortest decimal that reads back as the same double", "[number_text]") {
  CHECK(number_text(0.1) == "0.1");
  CHECK(number_text(-1.0) == "-1");
  CHECK(number_text(100.0) == "100");
  CHECK(number_text(1e5) == "1e+05");
  CHECK(number_text(2.5e8) == "2.5e+08");
  CHECK(number_text(123456789.0) == "123456789");
  CHECK(number_text(0.1 + 0.2) == "0.30000000000000004");
  CHECK(number_text(std::numeric_limits<double>::infinity()) == "inf");
  CHECK(number_text(-std::numeric_limits<double>::infinity()) == "-inf");
  CHECK(number_text(std::numeric_limits<double>::quiet_NaN()) == "nan");
  CHECK(number_text(-std::numeric_limits<double>::quiet_NaN()) == "nan");
  CHECK(number_text(-std::numeric_limits<double>::denorm_min()) == "-5e-324");
}

TEST_CASE("number_text with significant digits writes as printf's %g", "[number_text]") {
  CHECK(number_text(3219.9379, 6) == "3219.94");
  CHECK(number_text(123456789.0, 6) == "1.23457e+08");
  CHECK(number_text(4.05e11, 6) == "4.05e+11");
  CHECK(number_text(0.5, 6) == "0.5");
  CHECK(number_text(1e5, 6) == "100000");
  CHECK(number_text(0.1 + 0.2, 6) == "0.3");
  CHECK(number_text(2.0 / 3.0, 3) == "0.667");
  CHECK(number_text(-std::numeric_limits<double>::infinity(), 6) == "-inf");
  CHECK(number_text(std::numeric_limits<double>::quiet_NaN(), 6) == "nan");
  CHECK(number_text(-std::numeric_limits<double>::max(), 17) == "-1.7976931348623157e+308");
}
