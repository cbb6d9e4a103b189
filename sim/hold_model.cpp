#include "sim/hold_model.hpp"

#include <string>

namespace clustersim::sim {
namespace {

constexpr std::uint64_t kFnvPrime = 1099511628211ULL;

void fold(std::uint64_t& hash, std::uint64_t value) {
  for (int byte = 0; byte < 8; ++byte) {
    hash ^= (value >> (8 * byte)) & 0xffU;
    hash *= kFnvPrime;
  }
}

Task<> hold(Engine& engine, RandomStream rng, std::uint64_t index, HoldModelResult* result) {
  const SimTime mean = seconds(1);
  for (;;) {
    co_await engine.sleep(rng.exponential_mean(mean));
    ++result->events;
    if (result->hash_trajectory) {
      fold(result->trajectory_hash, static_cast<std::uint64_t>(engine.now().ns()));
      fold(result->trajectory_hash, index);
    }
  }
}

}  // namespace

void spawn_hold_model(Engine& engine, std::uint64_t processes, std::uint64_t seed, HoldModelResult& result) {
  result.trajectory_hash = 14695981039346656037ULL;
  RandomStream seeds(seed);
  for (std::uint64_t i = 0; i < processes; ++i) {
    engine.spawn("hold", hold(engine, RandomStream(seeds.next_u64()), i, &result));
  }
}

}  // namespace clustersim::sim
