#include "models/failure/gamma_sample.hpp"

#include <cmath>

#include "models/failure/field_error.hpp"
#include "sim/number_text.hpp"

namespace clustersim::models::failure {

double sample_gamma(sim::RandomStream& rng, double shape) {
  if (!(std::isfinite(shape) && shape > 0.0)) reject_field("shape", "must be finite and > 0", sim::number_text(shape));
  if (shape < 1.0) {
    const double boost = sample_gamma(rng, shape + 1.0);
    return boost * std::pow(rng.uniform01(), 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double x = rng.normal(0.0, 1.0);
    const double t = 1.0 + c * x;
    if (t <= 0.0) continue;
    const double v = t * t * t;
    const double u = rng.uniform01();
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return d * v;
    if (std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) return d * v;
  }
}

}  // namespace clustersim::models::failure
