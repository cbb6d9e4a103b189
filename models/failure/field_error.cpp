#include "models/failure/field_error.hpp"

#include <stdexcept>

namespace clustersim::models::failure {

void reject_field(std::string_view field, std::string_view requirement, std::string_view got) {
  throw std::invalid_argument(std::string(field) + ": " + std::string(requirement) + ", got " + std::string(got));
}

}  // namespace clustersim::models::failure
