// Statistics collected during a run: counters, time-weighted averages, sample summaries with
// confidence intervals and percentiles, and periodically sampled time series.
//
// Counter:            count = number of add() calls, sum = sum of the added amounts.
// TimeWeightedAverage: a piecewise-constant signal v(t) that takes the recorded value from the
//                     record time on (right-continuous steps).
//                       integral(now) = sum_i v_i * (t_{i+1} - t_i)   [value * seconds]
//                       mean(now)     = integral(now) / (now - t_0), or v(t_0) when now == t_0.
//                     min/max cover every recorded value, including one replaced at the same instant.
// SampleSummary:      Welford's online update (Knuth TAOCP vol. 2, 4.2.2):
//                       delta = x - mean; mean += delta / n; m2 += delta * (x - mean)
//                       variance = m2 / (n - 1) (sample variance; 0 when n == 1)
//                     ci95 = mean -/+ t_{0.975, n-1} * stddev / sqrt(n) (Student's t; n == 1 gives
//                     [mean, mean]). percentile(p) is exact on the stored samples with linear
//                     interpolation: position p/100 * (n - 1) in the sorted samples (Hyndman & Fan
//                     type 7, the default of numpy and R), so percentile(50) of 1..5 is 3.
// TimeSeries:         samples a piecewise-constant signal at the grid points k * period (k integer,
//                     grid anchored at time zero). The point at grid time g holds the last value
//                     recorded at or before g. A grid point is final once a record later than it
//                     arrives; points() returns the final ones, points_until(now) also the pending
//                     ones up to and including `now`.
// Queries on an empty statistic throw std::runtime_error; bad arguments (NaN values, time going
// backwards, p outside [0, 100], period <= 0) throw std::invalid_argument naming the value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "sim/time.hpp"

namespace clustersim::sim {

// Two-sided 95% critical value of Student's t with `degrees_of_freedom` >= 1: exact table (to 12
// digits) for 1..30, Cornish-Fisher expansion (Abramowitz & Stegun 26.7.5, error < 4e-8) above.
double student_t_975(std::int64_t degrees_of_freedom);

class Counter {
 public:
  void add(double amount = 1.0);  // amount must be finite
  std::uint64_t count() const { return count_; }
  double sum() const { return sum_; }

 private:
  std::uint64_t count_ = 0;
  double sum_ = 0.0;
};

class TimeWeightedAverage {
 public:
  TimeWeightedAverage() = default;
  TimeWeightedAverage(SimTime start, double initial_value) { record(start, initial_value); }

  // The signal equals `value` from `now` on; `now` must not precede the previous record.
  void record(SimTime now, double value);

  bool empty() const { return !start_.has_value(); }
  SimTime start() const;
  double current() const;
  double integral(SimTime now) const;  // value * seconds over [start, now]
  double mean(SimTime now) const;      // integral / duration
  double min() const;
  double max() const;

 private:
  void require_records(const char* what) const;
  double area_until(SimTime now, const char* what) const;

  std::optional<SimTime> start_;
  SimTime last_time_;
  double current_ = 0.0;
  double area_ = 0.0;  // integral over [start, last_time_]
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

class SampleSummary {
 public:
  void add(double value);  // value must be finite

  std::size_t count() const { return samples_.size(); }
  double mean() const;
  double variance() const;  // sample variance (n - 1 denominator)
  double stddev() const;
  double min() const;
  double max() const;
  std::pair<double, double> ci95() const;  // (lower, upper)
  double percentile(double p) const;       // 0 <= p <= 100

 private:
  void require_samples(const char* what) const;

  double mean_ = 0.0;
  double m2_ = 0.0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
  mutable std::vector<double> samples_;  // sorted lazily by percentile()
  mutable bool sorted_ = true;
};

class TimeSeries {
 public:
  using Point = std::pair<SimTime, double>;

  explicit TimeSeries(SimTime period);  // period > 0

  // The signal equals `value` from `now` on; `now` must not precede the previous record.
  void record(SimTime now, double value);

  SimTime period() const { return period_; }
  const std::vector<Point>& points() const { return points_; }
  // Final points plus the grid points in [next pending, now] holding the current value.
  std::vector<Point> points_until(SimTime now) const;

 private:
  SimTime first_grid_at_or_after(SimTime t) const;

  SimTime period_;
  std::optional<SimTime> last_time_;
  SimTime next_grid_;  // first grid point not yet in points_
  double current_ = 0.0;
  std::vector<Point> points_;
};

}  // namespace clustersim::sim
