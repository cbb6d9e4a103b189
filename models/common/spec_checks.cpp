#include "models/common/spec_checks.hpp"

#include <cmath>
#include <sstream>

namespace clustersim::models::common {

namespace {

[[noreturn]] void fail(std::string_view owner, std::string_view field, std::string_view expected, double value) {
  std::ostringstream message;
  message << owner << ": " << field << " must be " << expected << ", got " << value;
  throw SpecError(message.str());
}

}  // namespace

void require_positive(std::string_view owner, std::string_view field, double value) {
  if (!std::isfinite(value) || value <= 0.0) fail(owner, field, "positive and finite", value);
}

void require_non_negative(std::string_view owner, std::string_view field, double value) {
  if (!std::isfinite(value) || value < 0.0) fail(owner, field, "non-negative and finite", value);
}

void require_positive(std::string_view owner, std::string_view field, std::int64_t value) {
  if (value <= 0) fail(owner, field, "positive", static_cast<double>(value));
}

void require_non_negative(std::string_view owner, std::string_view field, std::int64_t value) {
  if (value < 0) fail(owner, field, "non-negative", static_cast<double>(value));
}

}  // namespace clustersim::models::common
