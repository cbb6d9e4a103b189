// RadixHeap: the bulk of the engine's pending events (see sim/event_queue.hpp), ordered by
// (time, sequence).
//
// Keys are the pairs (time, insertion sequence), read as one 128-bit number: the time (its sign
// bit flipped, so negative times order correctly) in the high half, the sequence in the low half,
// and split into 32 hexadecimal digits. Every key is unique, and no key pushed is smaller than the
// last one popped (events are never scheduled before now, and sequences only grow): the queue is
// monotone, which is what a radix heap needs (Ahuja, Mehlhorn, Orlin & Tarjan, "Faster algorithms
// for the shortest path problem", J. ACM 1990; here with 16-way digits instead of bits).
//
// Bucket (level L, digit d) holds the keys whose highest digit differing from `last_` (the last
// popped key) is digit L, and whose digit L is d (always above last_'s digit L). Bucket order is
// key order: every key in a lower bucket is smaller than every key in a higher one. pop() takes the
// lowest non-empty bucket: at level 0 its only key (digits below 0 do not exist) is the minimum;
// higher up, the bucket's minimum becomes last_ and its other keys are spread into buckets of lower
// levels. A key only moves down, at most 31 times; for the hold model at 1e5 events, 3-5 times.
//
// Why not a binary or 4-ary heap: with 1e5-1e6 pending events a heap pop walks a random path
// through megabytes of entries, a chain of dependent cache misses (measured alone: 142 ns per pop
// and push at 1e5 events, 570 ns at 1e6; see bench/RESULTS.md). Here every step reads and appends
// whole buckets in order. The order of pops is the key order, whatever the structure, so runs stay
// deterministic. A key at or below last_ cannot be pushed: accepts() tells (EventQueue keeps such keys
// in a second radix heap). top() finds the minimum without changing last_.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <vector>

namespace clustersim::sim {

struct QueuedEvent {
  std::int64_t time_ns;
  std::uint64_t sequence;
  void* target;  // a Process* or, for timers, null
  std::uint32_t epoch_or_generation;
  std::uint32_t timer_slot;

  bool before(const QueuedEvent& other) const {
    return (time_ns < other.time_ns) | ((time_ns == other.time_ns) & (sequence < other.sequence));
  }
};

class RadixHeap {
 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  // Whether push(event) is allowed: the event's key is above the last popped one.
  bool accepts(const QueuedEvent& event) const {
    const std::uint64_t high = high_key(event);
    return high > last_high_ || (high == last_high_ && event.sequence > last_low_);
  }

  void push(const QueuedEvent& event) {
    ++size_;
    peeked_ = nullptr;
    add(event);
  }

  // The earliest event, without changing last_; the heap must not be empty.
  const QueuedEvent& top() {
    if (peeked_ == nullptr) peeked_ = &minimum(buckets_[lowest_bucket()]);
    return *peeked_;
  }

  // Removes and returns the earliest event; the queue must not be empty.
  QueuedEvent pop() {
    std::size_t bucket = lowest_bucket();
    if (bucket >= kDigits) {  // above level 0: make the minimum last_ and spread the others below
      spread(bucket, peeked_ != nullptr ? *peeked_ : minimum(buckets_[bucket]));
      bucket = 0;
    }
    std::vector<QueuedEvent>& events = buckets_[bucket];
    const QueuedEvent event = events.back();  // level 0 holds one key per bucket
    events.pop_back();
    occupied_[bucket / 64] &= ~(std::uint64_t{1} << (bucket % 64));
    last_high_ = high_key(event);
    last_low_ = event.sequence;
    --size_;
    peeked_ = nullptr;
    return event;
  }

 private:
  static constexpr unsigned kDigitBits = 4;
  static constexpr std::size_t kDigits = std::size_t{1} << kDigitBits;
  static constexpr std::size_t kLevels = 128 / kDigitBits;
  static constexpr std::size_t kBuckets = kLevels * kDigits;
  static constexpr std::size_t kKeptCapacity = 1024;  // entries (32 KiB)
  static constexpr std::size_t kWriteAhead = 4;       // entries (two cache lines)
  static constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;

  static std::uint64_t high_key(const QueuedEvent& event) {
    return static_cast<std::uint64_t>(event.time_ns) ^ kSignBit;
  }

  // Bucket of a key greater than last_: level L = its highest digit differing from last_, at L * 16 + digit.
  std::size_t bucket_of(const QueuedEvent& event) const {
    const std::uint64_t high = high_key(event);
    if (high != last_high_) {
      const unsigned bit = 63 - static_cast<unsigned>(std::countl_zero(high ^ last_high_));
      const unsigned level = bit / kDigitBits;
      return (kLevels / 2 + level) * kDigits + ((high >> (level * kDigitBits)) & (kDigits - 1));
    }
    const unsigned bit = 63 - static_cast<unsigned>(std::countl_zero(event.sequence ^ last_low_));
    const unsigned level = bit / kDigitBits;
    return level * kDigits + ((event.sequence >> (level * kDigitBits)) & (kDigits - 1));
  }

  void add(const QueuedEvent& event) {
    const std::size_t bucket = bucket_of(event);
    std::vector<QueuedEvent>& events = buckets_[bucket];
    events.push_back(event);
    // Appends are scattered over many buckets whose next lines are not cached; asking for the line
    // kWriteAhead entries on (for writing) saves waiting on it later (1e5 hold model: ~15% faster).
    if (events.capacity() - events.size() > kWriteAhead)
      __builtin_prefetch(events.data() + events.size() + kWriteAhead, 1);
    occupied_[bucket / 64] |= std::uint64_t{1} << (bucket % 64);
  }

  std::size_t lowest_bucket() const {
    for (std::size_t word = 0;; ++word) {
      if (occupied_[word] != 0) return word * 64 + static_cast<std::size_t>(std::countr_zero(occupied_[word]));
    }
  }

  static const QueuedEvent& minimum(const std::vector<QueuedEvent>& bucket) {
    const QueuedEvent* best = &bucket.front();
    for (const QueuedEvent& event : bucket) {
      if (event.before(*best)) best = &event;
    }
    return *best;
  }

  // `smallest`, the minimum of bucket `from`, becomes last_; every key of the bucket moves to a lower
  // level (`smallest` itself to bucket 0).
  void spread(std::size_t from, const QueuedEvent& smallest) {
    std::vector<QueuedEvent> moving;
    moving.swap(buckets_[from]);  // `smallest` stays where it is: swapping vectors moves no element
    occupied_[from / 64] &= ~(std::uint64_t{1} << (from % 64));
    last_high_ = high_key(smallest);
    last_low_ = smallest.sequence;
    for (const QueuedEvent& event : moving) {
      if (&event == &smallest) {
        buckets_[0].push_back(event);  // equal to last_: the lowest bucket
        occupied_[0] |= 1;
      } else {
        add(event);
      }
    }
    // Keep a small buffer for the bucket's next use; let a large one go: over time every bucket of
    // a level holds a good part of the queue once, and keeping each at its largest size would keep
    // ~12 x size() entries (measured at 1e5 events), 400 MB at 1e6.
    if (moving.capacity() <= kKeptCapacity) {
      moving.clear();
      buckets_[from].swap(moving);
    }
  }

  std::array<std::vector<QueuedEvent>, kBuckets> buckets_;
  std::array<std::uint64_t, kBuckets / 64> occupied_{};  // bit b set when buckets_[b] is not empty
  std::uint64_t last_high_ = 0;                          // last popped key (initially the smallest possible)
  std::uint64_t last_low_ = 0;
  std::size_t size_ = 0;
  const QueuedEvent* peeked_ = nullptr;  // caches top()'s scan until the next push or pop
};

}  // namespace clustersim::sim
