// Hardware descriptions are checked with the shared spec checks (models/common/spec_checks.hpp).
#pragma once

#include "models/common/spec_checks.hpp"

namespace clustersim::models::hardware {

using HardwareSpecError = common::SpecError;
using common::require_non_negative;
using common::require_positive;

}  // namespace clustersim::models::hardware
