#include "models/storage/metadata_service.hpp"

#include <algorithm>
#include <stdexcept>

#include "models/storage/storage_error.hpp"

namespace clustersim::models::storage {

MetadataService::MetadataService(sim::Engine& engine, std::string name, MetadataSpec spec)
    : engine_(engine), name_(std::move(name)), spec_(spec) {
  const std::string owner = "metadata service '" + name_ + "'";
  require_positive(owner, "servers", spec_.servers);
  require_positive(owner, "create_ops_per_s", spec_.create_ops_per_s);
  require_positive(owner, "open_ops_per_s", spec_.open_ops_per_s);
  require_positive(owner, "stat_ops_per_s", spec_.stat_ops_per_s);
  if (spec_.op_latency < sim::SimTime::zero()) {
    throw StorageSpecError(owner + ": op_latency must be non-negative, got " + sim::to_string(spec_.op_latency));
  }
  free_at_s_.assign(static_cast<std::size_t>(spec_.servers), 0.0);
}

double MetadataService::ops_per_s(MetadataOp op) const {
  switch (op) {
    case MetadataOp::create:
      return spec_.create_ops_per_s;
    case MetadataOp::open:
      return spec_.open_ops_per_s;
    case MetadataOp::stat:
      return spec_.stat_ops_per_s;
  }
  return spec_.stat_ops_per_s;
}

std::int64_t MetadataService::next_server() {
  const std::int64_t server = next_server_;
  next_server_ = (next_server_ + 1) % spec_.servers;
  return server;
}

sim::SimTime MetadataService::reserve(std::int64_t server, MetadataOp op, std::int64_t count) {
  if (server < 0 || server >= spec_.servers) {
    throw std::invalid_argument(name_ + ": metadata server " + std::to_string(server) + " out of range");
  }
  if (count < 0) throw std::invalid_argument(name_ + ": negative operation count " + std::to_string(count));
  double& free_at = free_at_s_[static_cast<std::size_t>(server)];
  const double start = std::max(engine_.now().to_seconds(), free_at);
  free_at = start + static_cast<double>(count) / ops_per_s(op);
  operations_ += static_cast<std::uint64_t>(count);
  return sim::SimTime::ceil_seconds(free_at) + spec_.op_latency;
}

sim::Task<> MetadataService::perform(MetadataOp op, std::int64_t count) {
  if (count < 0) throw std::invalid_argument(name_ + ": negative operation count " + std::to_string(count));
  if (count == 0) co_return;
  sim::SimTime done = engine_.now();
  // Round-robin homes from the current pointer: the first count mod s servers get one more.
  const std::int64_t servers = spec_.servers;
  const std::int64_t first = next_server_;
  for (std::int64_t i = 0; i < std::min(count, servers); ++i) {
    const std::int64_t ops = count / servers + (i < count % servers ? 1 : 0);
    done = std::max(done, reserve((first + i) % servers, op, ops));
  }
  next_server_ = (first + count % servers) % servers;
  co_await engine_.sleep_until(done);
}

}  // namespace clustersim::models::storage
