// The tool version reported by `clustersim --version` and written into every result file.
#pragma once

#include <string_view>

namespace clustersim::models::study {

std::string_view version();

}  // namespace clustersim::models::study
