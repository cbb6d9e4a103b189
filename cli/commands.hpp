// The subcommands' implementations, free of CLI11. Each returns the process exit code:
// 0 ok, 1 simulation error, 2 bad input.
#pragma once

#include <cstdint>
#include <iosfwd>

namespace clustersim::cli {

struct DemoOptions {
  std::uint64_t processes = 10'000;
  double simulated_seconds = 100.0;
  std::uint64_t seed = 1;
};
int run_demo(const DemoOptions& options, std::ostream& out);

}  // namespace clustersim::cli
