#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/event_queue.hpp"
#include "sim/random.hpp"

using namespace clustersim::sim;

namespace {

QueuedEvent event_at(std::int64_t time_ns, std::uint64_t sequence) {
  return QueuedEvent{time_ns, sequence, nullptr, 0, 0};
}

}  // namespace

TEST_CASE("the event queue pops by time, then by insertion sequence", "[event_queue]") {
  EventQueue queue;
  queue.push(event_at(30, 0));
  queue.push(event_at(10, 1));
  queue.push(event_at(30, 2));
  queue.push(event_at(10, 3));
  queue.push(event_at(20, 4));
  REQUIRE(queue.size() == 5);
  std::vector<std::uint64_t> order;
  while (!queue.empty()) order.push_back(queue.pop().sequence);
  REQUIRE(order == std::vector<std::uint64_t>{1, 3, 4, 0, 2});
}

TEST_CASE("top() does not stop pushes at the current time from coming first", "[event_queue]") {
  EventQueue queue;
  queue.push(event_at(5, 0));
  queue.push(event_at(100, 1));
  REQUIRE(queue.pop().sequence == 0);   // now = 5
  REQUIRE(queue.top().time_ns == 100);  // an instant-end hook looks ahead...
  queue.push(event_at(5, 2));           // ...and schedules at now
  queue.push(event_at(7, 3));
  REQUIRE(queue.top().sequence == 2);
  REQUIRE(queue.pop().sequence == 2);
  REQUIRE(queue.pop().sequence == 3);
  REQUIRE(queue.pop().sequence == 1);
  REQUIRE(queue.empty());
}

TEST_CASE("the event queue handles negative and extreme times", "[event_queue]") {
  EventQueue queue;
  queue.push(event_at(INT64_MAX, 0));
  queue.push(event_at(-5, 1));
  queue.push(event_at(INT64_MIN, 2));
  queue.push(event_at(0, 3));
  std::vector<std::uint64_t> order;
  while (!queue.empty()) order.push_back(queue.pop().sequence);
  REQUIRE(order == std::vector<std::uint64_t>{2, 1, 3, 0});
}

// The hold pattern of a simulation (pop the earliest, push one later), with many ties and times
// spread over many digits, against a sorted reference.
TEST_CASE("the event queue matches a sorted reference under random monotone use", "[event_queue]") {
  RandomStream rng(7);
  EventQueue queue;
  std::vector<QueuedEvent> reference;  // kept sorted descending: the earliest at the back
  const auto later_first = [](const QueuedEvent& a, const QueuedEvent& b) { return b.before(a); };
  std::uint64_t sequence = 0;
  std::int64_t now = 0;
  const auto push = [&] {
    // Same time (a tie), a little later, or much later (up to ~2^50 ns).
    const std::int64_t step = rng.bernoulli(0.2) ? 0 : rng.uniform_int(0, std::int64_t{1} << rng.uniform_int(0, 50));
    const QueuedEvent event = event_at(now + step, sequence++);
    queue.push(event);
    reference.insert(std::upper_bound(reference.begin(), reference.end(), event, later_first), event);
  };
  for (int i = 0; i < 1000; ++i) push();
  for (int i = 0; i < 50000; ++i) {
    REQUIRE(queue.size() == reference.size());
    if (rng.bernoulli(0.5)) REQUIRE(queue.top().sequence == reference.back().sequence);
    const QueuedEvent popped = queue.pop();
    REQUIRE(popped.sequence == reference.back().sequence);
    REQUIRE(popped.time_ns == reference.back().time_ns);
    reference.pop_back();
    now = popped.time_ns;
    const std::int64_t pushes = rng.uniform_int(0, 2);  // the queue grows and shrinks
    for (std::int64_t p = 0; p < pushes; ++p) push();
    if (reference.empty()) push();
  }
}
