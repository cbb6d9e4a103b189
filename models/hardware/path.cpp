#include "models/hardware/path.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace clustersim::models::hardware {

Path join(std::initializer_list<Path> parts) {
  Path joined;
  for (const Path& part : parts) joined.insert(joined.end(), part.begin(), part.end());
  return joined;
}

Path striped(std::span<const sim::ConstraintId> members, double total_coefficient) {
  if (members.empty()) throw std::invalid_argument("striped path: no member constraints");
  if (!std::isfinite(total_coefficient) || total_coefficient <= 0.0) {
    throw std::invalid_argument("striped path: total_coefficient must be positive and finite, got " +
                                std::to_string(total_coefficient));
  }
  const double each = total_coefficient / static_cast<double>(members.size());
  Path path;
  path.reserve(members.size());
  for (const sim::ConstraintId member : members) path.push_back(sim::FlowUse{member, each});
  return path;
}

}  // namespace clustersim::models::hardware
