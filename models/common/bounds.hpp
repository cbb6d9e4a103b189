// Bound: the range a declared numeric field must fall in, shared by the catalog's field tables and
// the scenario parameter table. Checked after unit conversion; callers reject NaN and infinities.
#pragma once

namespace clustersim::models::common {

enum class Bound {
  none,
  positive,       // > 0
  non_negative,   // >= 0
  at_least_one,   // >= 1
  fraction,       // (0, 1]
  unit_interval,  // [0, 1]
};

constexpr bool within(Bound bound, double value) {
  switch (bound) {
    case Bound::none:
      return true;
    case Bound::positive:
      return value > 0;
    case Bound::non_negative:
      return value >= 0;
    case Bound::at_least_one:
      return value >= 1;
    case Bound::fraction:
      return value > 0 && value <= 1;
    case Bound::unit_interval:
      return value >= 0 && value <= 1;
  }
  return false;
}

}  // namespace clustersim::models::common
