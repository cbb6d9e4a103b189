// ReplicaScheduler: iteration-level continuous batching on one replica (Orca, OSDI'22; vLLM's scheduler), as a
// state machine with no clock of its own: plan() forms the next iteration, complete(now) applies it when it ends.
// The serving simulation (serving.hpp) runs it in a process; the calibration (calibration.hpp) runs it flat out.
//
// Each plan():
//  1. Admit waiting requests first come, first served while fewer than max_batch_requests run and the KV cache can
//     reserve all of the head request's blocks (kv_block_cache.hpp); the head blocks the queue until it fits. A
//     request needing more blocks than the whole HBM tier can never run and is rejected.
//     Its cached prefix skips prefill: cached_tokens = min(hit blocks x block_tokens, input - 1) (the last prompt
//     token is always computed: it yields the first output token).
//  2. Every request past its prefill decodes one token: it reads its context's K/V (input + generated - 1 tokens)
//     and attends over input + generated positions.
//  3. The rest of the token budget goes to prefill chunks (chunked prefill, Sarathi-Serve, OSDI'24), oldest
//     request first: a chunk of n tokens after p computed ones reads p tokens of K/V and has
//     n p + n (n + 1) / 2 attention pairs (causal).
// complete(now): a request whose prefill ends emits its first token (TTFT) and publishes its prompt blocks; a
// decoding request emits one token; one with all output tokens finishes and releases its blocks.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "models/inference/kv_block_cache.hpp"
#include "models/inference/request_trace.hpp"
#include "models/inference/step_model.hpp"
#include "sim/time.hpp"

namespace clustersim::models::inference {

struct RequestOutcome {
  sim::SimTime first_token = sim::SimTime::max();
  sim::SimTime finish = sim::SimTime::max();
  std::int64_t cached_tokens = 0;
  std::int32_t replica = -1;
  bool rejected = false;
};

class ReplicaScheduler {
 public:
  // `trace` and `outcomes` (one per request of the trace) must outlive the scheduler.
  ReplicaScheduler(const StepModel& step, const RequestTrace& trace, std::vector<RequestOutcome>& outcomes,
                   std::int32_t replica_index);

  void enqueue(std::uint32_t request);
  bool idle() const { return waiting_.empty() && running_.empty(); }
  // Requests waiting or running: the router's load measure.
  std::int64_t outstanding() const { return static_cast<std::int64_t>(waiting_.size() + running_.size()); }

  // Admits what fits and returns the next iteration's work (tokens == 0: nothing can run).
  IterationWork plan();
  void complete(sim::SimTime now);

  const KvBlockCache& cache() const { return cache_; }
  std::int64_t iterations() const { return iterations_; }

 private:
  struct Running {
    std::uint32_t request = 0;
    std::int64_t computed = 0;   // prompt tokens whose K/V exist
    std::int64_t generated = 0;  // output tokens emitted
    std::int64_t chunk = 0;      // prompt tokens planned this iteration
    bool decoding = false;       // planned to decode this iteration
    std::vector<std::int32_t> blocks;
  };
  void admit();
  void finish(Running& running, sim::SimTime now);

  const StepModel& step_;
  const RequestTrace& trace_;
  std::vector<RequestOutcome>& outcomes_;
  std::int32_t replica_index_;
  KvBlockCache cache_;
  std::deque<std::uint32_t> waiting_;
  std::vector<Running> running_;
  std::vector<std::int32_t> scratch_blocks_;
  std::int64_t iterations_ = 0;
};

}  // namespace clustersim::models::inference
