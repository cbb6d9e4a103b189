// Checkpoint interval math: the classic optimum intervals and the expected waste of a checkpoint
// policy under exponential (Poisson) failures. Pure functions of
//   delta = checkpoint_cost   time the job is stalled writing one checkpoint (the blocking part)
//   R     = restart_time      time from a failure until the job computes again (detect, requeue, reload)
//   M     = mtbf              mean time between failures of the whole job (failure_rates.hpp)
//   tau   = interval          compute time between two checkpoints (a segment lasts tau + delta)
//   Ts    = solve_time        failure-free compute time of the whole job
//
// Young, "A first order approximation to the optimum checkpoint interval", CACM 17(9), 1974:
//   tau_young = sqrt(2 delta M)
// the minimum of the first-order waste below (drop the constant terms, d/dtau = 0).
//
// Daly, "A higher order estimate of the optimum checkpoint interval for restart dumps", FGCS 22(3),
// 2006: expected wall time when failures are exponential and may also strike during checkpoints and
// restarts (a failed restart is restarted),
//   T_wall = M e^(R/M) (e^((tau + delta)/M) - 1) Ts / tau
// with the waste fraction 1 - Ts / T_wall = 1 - tau / (M e^(R/M) (e^((tau + delta)/M) - 1)), which does
// not depend on Ts. Its optimum (independent of R) is approximated to higher order by
//   tau_daly = sqrt(2 delta M) [1 + (1/3) sqrt(delta / (2M)) + (1/9) (delta / (2M))] - delta   if delta < 2M
//   tau_daly = M                                                                              otherwise
// which is within 1% of the exact minimiser of T_wall for delta <= M / 2 (tests/models/workload).
//
// First-order waste (each failure costs a restart plus on average half an interval-and-checkpoint of
// rework; each interval costs one checkpoint):
//   waste ~ delta / tau + (tau + delta) / (2M) + R / M
// valid when tau + delta and R are small compared with M (it can exceed 1 when they are not).
//
// Where it is used: the campaign simulates whatever intervals the scenario gives; `clustersim run` reports
// young_interval and daly_interval per level beside them (models/study/level_optimum.hpp).
// tests/models/workload/young_daly_test.cpp checks simulated campaigns against daly_interval (the simulated
// optimum) and daly_waste_fraction (the simulated waste at that interval).
//
// Bad input throws std::invalid_argument naming the parameter, e.g. "checkpoint_cost: must be > 0, got 0 s".
#pragma once

#include "sim/time.hpp"

namespace clustersim::models::workload {

struct CheckpointCosts {
  sim::SimTime checkpoint_cost;                      // delta > 0
  sim::SimTime restart_time = sim::SimTime::zero();  // R >= 0
  sim::SimTime mtbf;                                 // M > 0
};

// sqrt(2 delta M); checkpoint_cost > 0, mtbf > 0.
sim::SimTime young_interval(sim::SimTime checkpoint_cost, sim::SimTime mtbf);
// Daly's higher-order estimate (M when delta >= 2M); checkpoint_cost > 0, mtbf > 0.
sim::SimTime daly_interval(sim::SimTime checkpoint_cost, sim::SimTime mtbf);

// 1 - tau / (M e^(R/M) (e^((tau + delta)/M) - 1)), in [0, 1); interval > 0. Tends to 1 (never overflows)
// when tau + delta + R is many times M.
double daly_waste_fraction(const CheckpointCosts& costs, sim::SimTime interval);
// M e^(R/M) (e^((tau + delta)/M) - 1) Ts / tau; solve_time > 0, interval > 0. Throws std::out_of_range
// when the result exceeds SimTime's range (+-292 years).
sim::SimTime daly_expected_wall_time(const CheckpointCosts& costs, sim::SimTime interval, sim::SimTime solve_time);

struct FirstOrderWaste {
  double checkpoint = 0;  // delta / tau
  double rework = 0;      // (tau + delta) / (2M)
  double restart = 0;     // R / M
  double total() const { return checkpoint + rework + restart; }
};
FirstOrderWaste first_order_waste(const CheckpointCosts& costs, sim::SimTime interval);

}  // namespace clustersim::models::workload
