#include "models/study/version.hpp"

namespace clustersim::models::study {

std::string_view version() {
  return CLUSTERSIM_VERSION;
}

}  // namespace clustersim::models::study
