#include "sim/number_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace clustersim::sim {

std::string number_text(double value) {
  if (std::isnan(value)) return "nan";
  char buffer[32];  // the shortest form of a double has at most 24 characters
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string number_text(double value, int significant_digits) {
  if (std::isnan(value)) return "nan";
  char buffer[32];  // 17 digits, a sign, a point and an exponent
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general,
                                    std::clamp(significant_digits, 1, 17));
  return std::string(buffer, result.ptr);
}

}  // namespace clustersim::sim
