// Closed-form failure arithmetic for a set of independent causes on a cluster of N nodes.
//
//   rate from a count:   r = count / (components x hours)       (e.g. Llama 3 Table 5: 148 faulty
//                        GPUs on 16,384 GPUs in 54 d -> r = 148 / (16,384 x 1,296 h) = 6.97e-6 /h)
//   cause i:             lambda_i = r_i x P_i(N)    failures per hour, P_i = population (failure_cause.hpp)
//   whole cluster:       lambda = sum_i lambda_i,   MTBF = 1 / lambda,   E[failures in H] = lambda x H
//   Weibull scale:       lambda_scale = 1 / (r Gamma(1 + 1/k)), so the mean lifetime is 1 / r
//
// E[failures in H] is exact for exponential causes (Poisson processes) and for Weibull causes whose
// fleet starts in renewal equilibrium (FleetAge::stationary in failure_schedule.hpp); for a fleet of
// new Weibull components it is the long-run rate (elementary renewal theorem), reached once H is
// large compared with the mean lifetime. Failures are counted whether or not a job is running: the
// hardware ages in wall-clock time.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "models/failure/failure_cause.hpp"
#include "sim/time.hpp"

namespace clustersim::models::failure {

// count >= 0 failures observed on components >= 1 components over window > 0; throws
// std::invalid_argument naming "count", "components" or "window".
double rate_from_count(double count, double components, sim::SimTime window);

// Expected failures of each cause (in order) and in total over `horizon` on `nodes` nodes. Validates
// the causes (validate_causes) and nodes; horizon must be >= 0.
std::vector<double> expected_failures_by_cause(std::span<const FailureCause> causes, std::int64_t nodes,
                                               sim::SimTime horizon);
double expected_failures(std::span<const FailureCause> causes, std::int64_t nodes, sim::SimTime horizon);

// lambda = sum_i r_i P_i(N) in failures per hour.
double failures_per_hour(std::span<const FailureCause> causes, std::int64_t nodes);
// 1 / lambda: the mean time between interruptions of a job spanning all `nodes` (Young/Daly's M).
// Throws std::invalid_argument when every rate is zero (no finite MTBF).
sim::SimTime mean_time_between_failures(std::span<const FailureCause> causes, std::int64_t nodes);

// Weibull scale in hours for a mean lifetime of 1 / rate: 1 / (rate Gamma(1 + 1/shape)).
// rate > 0 and shape > 0, else std::invalid_argument naming the parameter.
double weibull_scale_hours(double rate_per_component_hour, double shape);

}  // namespace clustersim::models::failure
