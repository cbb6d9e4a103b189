#include "models/failure/field_error.hpp"

#include <charconv>
#include <stdexcept>

namespace clustersim::models::failure {

std::string format_number(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

void reject_field(std::string_view field, std::string_view requirement, std::string_view got) {
  throw std::invalid_argument(std::string(field) + ": " + std::string(requirement) + ", got " + std::string(got));
}

}  // namespace clustersim::models::failure
