// SpecError and the checks every hardware or storage description runs before a model is built.
//
// A bad field (negative bandwidth, zero drives, NaN) is reported with the owner and the field name,
// e.g. "node 'dgx-h100': pcie_bytes_per_s must be positive and finite, got -1", never defaulted.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace clustersim::models::common {

struct SpecError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// `owner` is e.g. "node 'dgx-h100'", `field` the member name. Each throws SpecError.
void require_positive(std::string_view owner, std::string_view field, double value);
void require_non_negative(std::string_view owner, std::string_view field, double value);
void require_positive(std::string_view owner, std::string_view field, std::int64_t value);
void require_non_negative(std::string_view owner, std::string_view field, std::int64_t value);

}  // namespace clustersim::models::common
