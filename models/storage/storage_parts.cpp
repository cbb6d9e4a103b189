#include "models/storage/storage_parts.hpp"

#include <stdexcept>

#include "models/storage/storage_error.hpp"

namespace clustersim::models::storage {

ServerPool::ServerPool(sim::FlowNetwork& network, std::string name, std::int64_t count, double read_bytes_per_s,
                       double write_bytes_per_s)
    : name_(std::move(name)), read_bytes_per_s_(read_bytes_per_s), write_bytes_per_s_(write_bytes_per_s) {
  const std::string owner = "server pool '" + name_ + "'";
  require_positive(owner, "count", count);
  require_positive(owner, "read_bytes_per_s", read_bytes_per_s);
  require_positive(owner, "write_bytes_per_s", write_bytes_per_s);
  for (std::int64_t i = 0; i < count; ++i) {
    const std::string server = name_ + ".server" + std::to_string(i);
    read_.push_back(network.add_constraint(server + ".read", read_bytes_per_s));
    write_.push_back(network.add_constraint(server + ".write", write_bytes_per_s));
  }
}

sim::ConstraintId ServerPool::read(std::int64_t server) const {
  if (server < 0 || server >= count()) {
    throw std::invalid_argument("server pool '" + name_ + "': server " + std::to_string(server) + " out of range");
  }
  return read_[static_cast<std::size_t>(server)];
}

sim::ConstraintId ServerPool::write(std::int64_t server) const {
  if (server < 0 || server >= count()) {
    throw std::invalid_argument("server pool '" + name_ + "': server " + std::to_string(server) + " out of range");
  }
  return write_[static_cast<std::size_t>(server)];
}

double Redundancy::write_overhead() const {
  switch (kind) {
    case Kind::none:
      return 1.0;
    case Kind::erasure_coding:
      require_positive("erasure coding", "data_chunks (k)", data_chunks);
      if (parity_chunks < 0) {
        throw StorageSpecError("erasure coding: parity_chunks (m) must be non-negative, got " +
                               std::to_string(parity_chunks));
      }
      return static_cast<double>(data_chunks + parity_chunks) / static_cast<double>(data_chunks);
    case Kind::replication:
      require_positive("replication", "replicas", replicas);
      return static_cast<double>(replicas);
  }
  return 1.0;
}

std::string_view to_string(MediaKind kind) {
  return kind == MediaKind::flash ? "flash" : "hdd";
}

MediaPool::MediaPool(sim::FlowNetwork& network, std::string name, MediaSpec spec)
    : spec_(spec), overhead_(spec.redundancy.write_overhead()) {
  const std::string owner = "media '" + name + "'";
  require_positive(owner, "read_bytes_per_s", spec_.read_bytes_per_s);
  require_positive(owner, "write_bytes_per_s", spec_.write_bytes_per_s);
  read_ = network.add_constraint(name + ".media.read", spec_.read_bytes_per_s);
  write_ = network.add_constraint(name + ".media.write", spec_.write_bytes_per_s);
}

}  // namespace clustersim::models::storage
