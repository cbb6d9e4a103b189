// Storage descriptions are checked with the shared spec checks (models/common/spec_checks.hpp):
// messages name the system and the field, "object store 's3': part_bytes must be positive ... got 0".
#pragma once

#include "models/common/spec_checks.hpp"

namespace clustersim::models::storage {

using StorageSpecError = common::SpecError;
using common::require_non_negative;
using common::require_positive;

}  // namespace clustersim::models::storage
