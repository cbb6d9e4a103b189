#include "models/inference/replica_scheduler.hpp"

#include <algorithm>

namespace clustersim::models::inference {

namespace {

std::int64_t blocks_for(std::int64_t tokens, std::int64_t block_tokens) {
  return (tokens + block_tokens - 1) / block_tokens;
}

}  // namespace

ReplicaScheduler::ReplicaScheduler(const StepModel& step, const RequestTrace& trace,
                                   std::vector<RequestOutcome>& outcomes, std::int32_t replica_index)
    : step_(step),
      trace_(trace),
      outcomes_(outcomes),
      replica_index_(replica_index),
      cache_(step.hbm_kv_blocks(), step.host_dram_kv_blocks()) {}

void ReplicaScheduler::enqueue(std::uint32_t request) {
  outcomes_[request].replica = replica_index_;
  waiting_.push_back(request);
}

void ReplicaScheduler::admit() {
  const std::int64_t block_tokens = step_.replica().block_tokens;
  while (!waiting_.empty() && static_cast<std::int64_t>(running_.size()) < step_.replica().max_batch_requests) {
    const std::uint32_t index = waiting_.front();
    const Request& request = trace_.requests()[index];
    const std::int64_t total_blocks = blocks_for(request.input_tokens + request.output_tokens, block_tokens);
    if (total_blocks > cache_.hbm_blocks()) {
      outcomes_[index].rejected = true;
      waiting_.pop_front();
      continue;
    }
    // Only full prompt blocks are shareable.
    const auto keys = trace_.keys(request).first(
        std::min<std::size_t>(request.key_count, static_cast<std::size_t>(request.input_tokens / block_tokens)));
    const KvAdmission admission = cache_.admit(keys, total_blocks, scratch_blocks_);
    if (!admission.admitted) return;
    waiting_.pop_front();
    const std::int64_t hit_tokens = (admission.hbm_hit_blocks + admission.dram_hit_blocks) * block_tokens;
    Running running;
    running.request = index;
    running.computed = std::min(hit_tokens, request.input_tokens - 1);
    running.blocks = scratch_blocks_;
    outcomes_[index].cached_tokens = running.computed;
    running_.push_back(std::move(running));
  }
}

IterationWork ReplicaScheduler::plan() {
  admit();
  IterationWork work;
  std::int64_t budget = step_.replica().token_budget;
  for (Running& running : running_) {
    const Request& request = trace_.requests()[running.request];
    running.chunk = 0;
    running.decoding = running.computed == request.input_tokens;
    if (!running.decoding) continue;
    const double context = static_cast<double>(request.input_tokens + running.generated);
    work.tokens += 1;
    work.attention_pairs += context;
    work.kv_tokens_read += context - 1;
    --budget;
  }
  for (Running& running : running_) {
    if (running.decoding || budget == 0) continue;
    const Request& request = trace_.requests()[running.request];
    running.chunk = std::min(request.input_tokens - running.computed, budget);
    budget -= running.chunk;
    const auto n = static_cast<double>(running.chunk);
    const auto p = static_cast<double>(running.computed);
    work.tokens += n;
    work.attention_pairs += n * p + n * (n + 1) / 2;
    work.kv_tokens_read += p;
  }
  return work;
}

void ReplicaScheduler::complete(sim::SimTime now) {
  ++iterations_;
  for (Running& running : running_) {
    const Request& request = trace_.requests()[running.request];
    if (running.decoding) {
      ++running.generated;
    } else if (running.chunk > 0) {
      running.computed += running.chunk;
      if (running.computed == request.input_tokens) {
        running.generated = 1;
        outcomes_[running.request].first_token = now;
        const std::int64_t full_blocks = request.input_tokens / step_.replica().block_tokens;
        cache_.publish(trace_.keys(request).first(std::min<std::size_t>(request.key_count, full_blocks)),
                       running.blocks);
      }
    }
    if (running.generated == request.output_tokens) finish(running, now);
  }
  std::erase_if(running_, [](const Running& running) { return running.blocks.empty(); });
}

void ReplicaScheduler::finish(Running& running, sim::SimTime now) {
  outcomes_[running.request].finish = now;
  cache_.release(running.blocks);
  running.blocks.clear();  // marks it finished for the erase in complete()
}

}  // namespace clustersim::models::inference
