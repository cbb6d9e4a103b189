// Error helpers shared by the failure model: every bad input becomes a std::invalid_argument of the
// form "<field>: <requirement>, got <value>", e.g.
//   "failure.causes[2].rate_per_component_hour: must be >= 0, got -1".
// Numbers are written by sim::number_text (sim/number_text.hpp): "0.1", "-1", "nan", "inf".
#pragma once

#include <string>
#include <string_view>

namespace clustersim::models::failure {

[[noreturn]] void reject_field(std::string_view field, std::string_view requirement, std::string_view got);

}  // namespace clustersim::models::failure
