#include "sim/statistics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/number_text.hpp"

namespace clustersim::sim {
namespace {

void require_finite(const char* what, double value) {
  if (!std::isfinite(value)) {
    throw std::invalid_argument(std::string(what) + ": value must be finite (got " + number_text(value) + ")");
  }
}

[[noreturn]] void throw_empty(const char* what) {
  throw std::runtime_error(std::string(what) + ": no data recorded");
}

void require_not_before(const char* what, SimTime now, SimTime last) {
  if (now < last) {
    throw std::invalid_argument(std::string(what) + ": time " + to_string(now) + " is before the previous record at " +
                                to_string(last));
  }
}

// t_{0.975, df} for df = 1..30 (computed from the regularized incomplete beta function).
constexpr std::array<double, 30> kStudentT975 = {
    12.7062047361747, 4.30265272974946, 3.18244630528371, 2.77644510519779, 2.57058183563632, 2.44691185114497,
    2.36462425159279, 2.30600413520417, 2.26215716279821, 2.22813885198627, 2.20098516009164, 2.17881282966723,
    2.16036865646279, 2.14478668791780, 2.13144954555978, 2.11990529922125, 2.10981557783332, 2.10092204024104,
    2.09302405440831, 2.08596344726586, 2.07961384472768, 2.07387306790403, 2.06865761041905, 2.06389856162803,
    2.05953855275330, 2.05552943864287, 2.05183051648029, 2.04840714179525, 2.04522964213270, 2.04227245630124};

}  // namespace

double student_t_975(std::int64_t degrees_of_freedom) {
  if (degrees_of_freedom < 1) {
    throw std::invalid_argument("student_t_975: degrees_of_freedom must be >= 1 (got " +
                                std::to_string(degrees_of_freedom) + ")");
  }
  if (degrees_of_freedom <= static_cast<std::int64_t>(kStudentT975.size())) {
    return kStudentT975[static_cast<std::size_t>(degrees_of_freedom - 1)];
  }
  // Cornish-Fisher expansion of the t quantile around the normal quantile z = Phi^-1(0.975).
  const double z = 1.9599639845400542;
  const double z2 = z * z, z3 = z2 * z, z5 = z3 * z2, z7 = z5 * z2, z9 = z7 * z2;
  const double g1 = (z3 + z) / 4.0;
  const double g2 = (5.0 * z5 + 16.0 * z3 + 3.0 * z) / 96.0;
  const double g3 = (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / 384.0;
  const double g4 = (79.0 * z9 + 776.0 * z7 + 1482.0 * z5 - 1920.0 * z3 - 945.0 * z) / 92160.0;
  const double v = static_cast<double>(degrees_of_freedom);
  return z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v);
}

void Counter::add(double amount) {
  require_finite("Counter::add", amount);
  ++count_;
  sum_ += amount;
}

void TimeWeightedAverage::record(SimTime now, double value) {
  require_finite("TimeWeightedAverage::record", value);
  if (start_) {
    require_not_before("TimeWeightedAverage::record", now, last_time_);
    area_ += current_ * (now - last_time_).to_seconds();
  } else {
    start_ = now;
  }
  last_time_ = now;
  current_ = value;
  min_ = std::min(min_, value);
  max_ = std::max(max_, value);
}

void TimeWeightedAverage::require_records(const char* what) const {
  if (!start_) throw_empty(what);
}

SimTime TimeWeightedAverage::start() const {
  require_records("TimeWeightedAverage::start");
  return *start_;
}

double TimeWeightedAverage::current() const {
  require_records("TimeWeightedAverage::current");
  return current_;
}

double TimeWeightedAverage::area_until(SimTime now, const char* what) const {
  require_records(what);
  require_not_before(what, now, last_time_);
  return area_ + current_ * (now - last_time_).to_seconds();
}

double TimeWeightedAverage::integral(SimTime now) const {
  return area_until(now, "TimeWeightedAverage::integral");
}

double TimeWeightedAverage::mean(SimTime now) const {
  const double area = area_until(now, "TimeWeightedAverage::mean");
  if (now == *start_) return current_;
  return area / (now - *start_).to_seconds();
}

double TimeWeightedAverage::min() const {
  require_records("TimeWeightedAverage::min");
  return min_;
}

double TimeWeightedAverage::max() const {
  require_records("TimeWeightedAverage::max");
  return max_;
}

void SampleSummary::add(double value) {
  require_finite("SampleSummary::add", value);
  samples_.push_back(value);
  const double delta = value - mean_;
  mean_ += delta / static_cast<double>(samples_.size());
  m2_ += delta * (value - mean_);
  min_ = std::min(min_, value);
  max_ = std::max(max_, value);
  if (samples_.size() > 1 && value < samples_[samples_.size() - 2]) sorted_ = false;
}

void SampleSummary::require_samples(const char* what) const {
  if (samples_.empty()) throw_empty(what);
}

double SampleSummary::mean() const {
  require_samples("SampleSummary::mean");
  return mean_;
}

double SampleSummary::variance() const {
  require_samples("SampleSummary::variance");
  if (samples_.size() == 1) return 0.0;
  return m2_ / static_cast<double>(samples_.size() - 1);
}

double SampleSummary::stddev() const {
  return std::sqrt(variance());
}

double SampleSummary::min() const {
  require_samples("SampleSummary::min");
  return min_;
}

double SampleSummary::max() const {
  require_samples("SampleSummary::max");
  return max_;
}

std::pair<double, double> SampleSummary::ci95() const {
  require_samples("SampleSummary::ci95");
  const std::size_t n = samples_.size();
  if (n == 1) return {mean_, mean_};
  const double half_width =
      student_t_975(static_cast<std::int64_t>(n - 1)) * stddev() / std::sqrt(static_cast<double>(n));
  return {mean_ - half_width, mean_ + half_width};
}

double SampleSummary::percentile(double p) const {
  require_samples("SampleSummary::percentile");
  if (!(p >= 0.0 && p <= 100.0)) {
    throw std::invalid_argument("SampleSummary::percentile: p must be in [0, 100] (got " + number_text(p) + ")");
  }
  if (!sorted_) {
    std::sort(samples_.begin(), samples_.end());
    sorted_ = true;
  }
  const double position = p / 100.0 * static_cast<double>(samples_.size() - 1);
  const auto index = static_cast<std::size_t>(position);
  if (index + 1 >= samples_.size()) return samples_.back();
  const double fraction = position - static_cast<double>(index);
  return samples_[index] + fraction * (samples_[index + 1] - samples_[index]);
}

TimeSeries::TimeSeries(SimTime period) : period_(period) {
  if (period <= SimTime::zero()) {
    throw std::invalid_argument("TimeSeries: period must be > 0 (got " + to_string(period) + ")");
  }
}

SimTime TimeSeries::first_grid_at_or_after(SimTime t) const {
  std::int64_t k = t.ns() / period_.ns();  // truncates toward zero
  if (k * period_.ns() < t.ns()) ++k;
  return period_ * k;
}

void TimeSeries::record(SimTime now, double value) {
  require_finite("TimeSeries::record", value);
  if (!last_time_) {
    next_grid_ = first_grid_at_or_after(now);
  } else {
    require_not_before("TimeSeries::record", now, *last_time_);
    // Grid points strictly before `now` can no longer change: they hold the current value.
    for (; next_grid_ < now; next_grid_ += period_) points_.emplace_back(next_grid_, current_);
  }
  last_time_ = now;
  current_ = value;
}

std::vector<TimeSeries::Point> TimeSeries::points_until(SimTime now) const {
  std::vector<Point> result = points_;
  if (!last_time_) return result;
  require_not_before("TimeSeries::points_until", now, *last_time_);
  for (SimTime grid = next_grid_; grid <= now; grid += period_) result.emplace_back(grid, current_);
  return result;
}

}  // namespace clustersim::sim
