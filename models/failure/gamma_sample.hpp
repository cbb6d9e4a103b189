// Gamma(shape, 1) draws for the failure model (RandomStream has no gamma distribution).
//
// Marsaglia & Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3), 2000: for
// shape a >= 1, with d = a - 1/3 and c = 1 / sqrt(9 d), repeat { x ~ N(0, 1); v = (1 + c x)^3;
// u ~ U[0, 1) } until v > 0 and (u < 1 - 0.0331 x^4 or ln u < x^2 / 2 + d (1 - v + ln v)); return d v.
// For a < 1: Gamma(a) = Gamma(a + 1) x U^(1/a). Mean a, variance a. Uses only RandomStream::normal
// and uniform01 (portable), so a seed gives the same draws everywhere.
//
// Used for the equilibrium (stationary) start of Weibull renewal processes: the lifetime covering
// time 0 is length-biased, and for Weibull(k, s) it is s G^(1/k) with G ~ Gamma(1 + 1/k).
#pragma once

#include "sim/random.hpp"

namespace clustersim::models::failure {

// shape > 0 and finite, else std::invalid_argument naming "shape".
double sample_gamma(sim::RandomStream& rng, double shape);

}  // namespace clustersim::models::failure
