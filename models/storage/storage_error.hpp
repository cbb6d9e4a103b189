// StorageSpecError and the checks every storage description runs before a model is built.
// Messages name the system and the field: "object store 's3': part_bytes must be positive ... got 0".
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace clustersim::models::storage {

struct StorageSpecError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

void require_positive(std::string_view owner, std::string_view field, double value);
void require_non_negative(std::string_view owner, std::string_view field, double value);
void require_positive(std::string_view owner, std::string_view field, std::int64_t value);

}  // namespace clustersim::models::storage
