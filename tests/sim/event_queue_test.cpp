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

TEST_CASE("keys pushed below the end of the look-ahead window still come out in order", "[event_queue]") {
  static_assert(EventQueue::kWindow < 40);
  EventQueue queue;
  std::uint64_t sequence = 0;
  for (std::int64_t time = 10; time <= 400; time += 10) queue.push(event_at(time, sequence++));
  REQUIRE(queue.pop().time_ns == 10);  // the window now holds the times 20, 30, ...
  REQUIRE(queue.ahead(0)->time_ns == 20);
  REQUIRE(queue.ahead(EventQueue::kWindow - 1)->time_ns == 10 * (EventQueue::kWindow + 1));
  REQUIRE(queue.ahead(EventQueue::kWindow) == nullptr);
  queue.push(event_at(15, sequence++));   // before the whole window
  queue.push(event_at(165, sequence++));  // inside it
  queue.push(event_at(20, sequence++));   // a tie with the window's front: after it
  queue.push(event_at(405, sequence++));  // after everything
  std::vector<std::int64_t> times;
  std::vector<std::uint64_t> sequences;
  while (!queue.empty()) {
    const QueuedEvent expected = queue.top();
    const QueuedEvent popped = queue.pop();
    REQUIRE(popped.sequence == expected.sequence);
    times.push_back(popped.time_ns);
    sequences.push_back(popped.sequence);
  }
  std::vector<std::int64_t> expected_times{15, 20, 20};
  for (std::int64_t time = 30; time <= 400; time += 10) {
    expected_times.push_back(time);
    if (time == 160) expected_times.push_back(165);
  }
  expected_times.push_back(405);
  REQUIRE(times == expected_times);
  REQUIRE(sequences[1] == 1);   // the window's 20 was pushed first...
  REQUIRE(sequences[2] == 42);  // ...the later 20 comes after it
}

TEST_CASE("a burst of events at the current time behind a full window comes out in order", "[event_queue]") {
  EventQueue queue;
  std::uint64_t sequence = 0;
  for (std::int64_t time = 100; time <= 4000; time += 100) queue.push(event_at(time, sequence++));
  REQUIRE(queue.pop().time_ns == 100);  // now = 100; the window holds 200, 300, ...
  for (int i = 0; i < 5000; ++i) queue.push(event_at(100 + i % 7, sequence++));
  std::int64_t last_time = 100;
  std::uint64_t last_sequence = 0;
  std::size_t popped = 0;
  while (!queue.empty()) {
    const QueuedEvent event = queue.pop();
    REQUIRE((event.time_ns > last_time || (event.time_ns == last_time && event.sequence > last_sequence)));
    last_time = event.time_ns;
    last_sequence = event.sequence;
    ++popped;
  }
  REQUIRE(popped == 5000 + 39);
}

TEST_CASE("the look-ahead window shows the events taken from the radix heap, in order", "[event_queue]") {
  EventQueue queue;
  REQUIRE(queue.ahead(0) == nullptr);
  queue.push(event_at(20, 0));
  queue.push(event_at(40, 1));
  queue.push(event_at(50, 2));
  REQUIRE(queue.ahead(0)->sequence == 0);
  REQUIRE(queue.ahead(1)->sequence == 1);
  REQUIRE(queue.ahead(2)->sequence == 2);
  REQUIRE(queue.ahead(3) == nullptr);
  REQUIRE(queue.pop().sequence == 0);
  REQUIRE(queue.ahead(0)->sequence == 1);
  queue.push(event_at(30, 3));  // below the window's end: kept aside, so only a hint misses it
  REQUIRE(queue.ahead(0)->sequence == 1);
  REQUIRE(queue.top().sequence == 3);
  REQUIRE(queue.pop().sequence == 3);
  REQUIRE(queue.pop().sequence == 1);
}

TEST_CASE("the radix heap takes only keys above the last it gave out", "[event_queue]") {
  RadixHeap heap;
  heap.push(event_at(10, 0));
  heap.push(event_at(30, 1));
  REQUIRE(heap.pop().sequence == 0);
  REQUIRE(heap.accepts(event_at(10, 2)));  // same time, later sequence
  REQUIRE(heap.accepts(event_at(11, 3)));
  REQUIRE_FALSE(heap.accepts(event_at(9, 4)));
  REQUIRE_FALSE(heap.accepts(event_at(10, 0)));  // the popped key itself
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
// spread over many digits, against a sorted reference; a large queue, and one mostly smaller than
// the look-ahead window.
TEST_CASE("the event queue matches a sorted reference under random monotone use", "[event_queue]") {
  const int initial_size = GENERATE(1000, 3);
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
  for (int i = 0; i < initial_size; ++i) push();
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
