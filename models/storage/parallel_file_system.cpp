#include "models/storage/parallel_file_system.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

#include "models/storage/storage_error.hpp"
#include "sim/when.hpp"

namespace clustersim::models::storage {

namespace {

void validate_common(const PfsSpec& spec) {
  const std::string owner = "parallel file system '" + spec.name + "'";
  if (spec.stripe_count < 0) {
    throw StorageSpecError(owner + ": stripe_count must be >= 0 (0 = all targets), got " +
                           std::to_string(spec.stripe_count));
  }
  require_positive(owner, "stripe_size_bytes", spec.stripe_size_bytes);
  if (spec.client_bytes_per_s) require_positive(owner, "client_bytes_per_s", *spec.client_bytes_per_s);
  require_positive(owner, "shared_file_efficiency", spec.shared_file_efficiency);
  if (spec.shared_file_efficiency > 1.0) {
    std::ostringstream message;
    message << owner << ": shared_file_efficiency must be in (0, 1], got " << spec.shared_file_efficiency;
    throw StorageSpecError(message.str());
  }
  if (spec.target_read_iops) require_positive(owner, "target_read_iops", *spec.target_read_iops);
  if (spec.io_latency < sim::SimTime::zero()) {
    throw StorageSpecError(owner + ": io_latency must be non-negative, got " + sim::to_string(spec.io_latency));
  }
}

StorageParts make_parts(sim::FlowNetwork& network, const PfsSpec& spec) {
  validate_common(spec);
  const std::string owner = "parallel file system '" + spec.name + "'";
  require_positive(owner, "storage_targets", spec.storage_targets);
  require_positive(owner, "target_read_bytes_per_s", spec.target_read_bytes_per_s);
  require_positive(owner, "target_write_bytes_per_s", spec.target_write_bytes_per_s);
  StorageParts parts;
  parts.servers = std::make_shared<ServerPool>(network, spec.name + ".targets", spec.storage_targets,
                                               spec.target_read_bytes_per_s, spec.target_write_bytes_per_s);
  if (spec.media) parts.media = std::make_shared<MediaPool>(network, spec.name, *spec.media);
  if (spec.capacity_bytes) {
    require_positive(owner, "capacity_bytes", *spec.capacity_bytes);
    parts.capacity = std::make_shared<hardware::CapacityLedger>(spec.name, *spec.capacity_bytes);
  }
  return parts;
}

}  // namespace

ParallelFileSystem::ParallelFileSystem(sim::FlowNetwork& network, PfsSpec spec, StorageAttachment attachment)
    : ParallelFileSystem(network, spec, std::move(attachment), make_parts(network, spec)) {}

ParallelFileSystem::ParallelFileSystem(sim::FlowNetwork& network, PfsSpec spec, StorageAttachment attachment,
                                       StorageParts parts)
    : network_(network),
      spec_(std::move(spec)),
      attachment_(std::move(attachment)),
      parts_(std::move(parts)),
      metadata_(network.engine(), spec_.name + ".mds", spec_.metadata) {
  validate_common(spec_);
  if (!parts_.servers) throw StorageSpecError("parallel file system '" + spec_.name + "': no storage targets given");
  if (spec_.target_read_iops) {
    for (std::int64_t target = 0; target < target_count(); ++target) {
      read_iops_.push_back(network_.add_constraint(spec_.name + ".target" + std::to_string(target) + ".read_iops",
                                                   *spec_.target_read_iops));
    }
  }
}

StorageClient ParallelFileSystem::attach_client(std::string name, hardware::Path to_storage,
                                                hardware::Path from_storage) {
  StorageClient client{std::move(name), std::move(to_storage), std::move(from_storage)};
  if (spec_.client_bytes_per_s) {
    const std::string prefix = spec_.name + ".client." + client.name;
    client.to_storage.push_back(sim::FlowUse{network_.add_constraint(prefix + ".write", *spec_.client_bytes_per_s)});
    client.from_storage.push_back(sim::FlowUse{network_.add_constraint(prefix + ".read", *spec_.client_bytes_per_s)});
  }
  return client;
}

void ParallelFileSystem::remove(double bytes) {
  if (parts_.capacity) parts_.capacity->erase(bytes);
}

std::int64_t ParallelFileSystem::layout_width(std::int64_t stripe_count) const {
  if (stripe_count < 0) {
    throw std::invalid_argument(spec_.name + ": stripe_count must be >= 0 (0 = default), got " +
                                std::to_string(stripe_count));
  }
  const std::int64_t wanted = stripe_count > 0 ? stripe_count : spec_.stripe_count;
  return wanted == 0 ? target_count() : std::min(wanted, target_count());
}

void ParallelFileSystem::check_request(const char* what, std::int64_t count, double bytes_each,
                                       std::int64_t stripe_count) const {
  if (count < 0)
    throw std::invalid_argument(spec_.name + ": " + what + ": count must be >= 0, got " + std::to_string(count));
  if (!std::isfinite(bytes_each) || bytes_each < 0.0) {
    std::ostringstream message;
    message << spec_.name << ": " << what << ": bytes_each must be non-negative and finite, got " << bytes_each;
    throw std::invalid_argument(message.str());
  }
  layout_width(stripe_count);
}

ParallelFileSystem::Extent ParallelFileSystem::extent(std::int64_t file_first_target, std::int64_t width, double offset,
                                                      double bytes) const {
  const double stripe = spec_.stripe_size_bytes;
  const double first = std::floor(offset / stripe);
  const double last = bytes > 0.0 ? std::ceil((offset + bytes) / stripe) - 1.0 : first;
  const double touched = std::max(1.0, last - first + 1.0);
  Extent result;
  result.file_first_target = file_first_target;
  result.width = width;
  result.first_stripe = static_cast<std::int64_t>(std::fmod(first, static_cast<double>(width)));
  result.stripes = static_cast<std::int64_t>(std::min(touched, static_cast<double>(width)));
  return result;
}

hardware::Path ParallelFileSystem::write_path(const StorageClient& client, Extent extent, double efficiency) const {
  hardware::Path path = hardware::join({client.to_storage, attachment_.ingress});
  const double coefficient = 1.0 / (static_cast<double>(extent.stripes) * efficiency);
  for (std::int64_t i = 0; i < extent.stripes; ++i) {
    const std::int64_t position = (extent.first_stripe + i) % extent.width;
    const std::int64_t target = (extent.file_first_target + position) % target_count();
    path.push_back(sim::FlowUse{parts_.servers->write(target), coefficient});
  }
  if (parts_.media) path = hardware::join({path, parts_.media->write_path()});
  return path;
}

hardware::Path ParallelFileSystem::read_path(const StorageClient& client, Extent extent, double bytes) const {
  hardware::Path path = parts_.media ? parts_.media->read_path() : hardware::Path{};
  const double coefficient = 1.0 / static_cast<double>(extent.stripes);
  const double ios = std::max(1.0, std::ceil(bytes / spec_.stripe_size_bytes));
  for (std::int64_t i = 0; i < extent.stripes; ++i) {
    const std::int64_t position = (extent.first_stripe + i) % extent.width;
    const std::int64_t target = (extent.file_first_target + position) % target_count();
    path.push_back(sim::FlowUse{parts_.servers->read(target), coefficient});
    if (!read_iops_.empty() && bytes > 0.0) {
      path.push_back(sim::FlowUse{read_iops_[static_cast<std::size_t>(target)], ios * coefficient / bytes});
    }
  }
  return hardware::join({path, attachment_.egress, client.from_storage});
}

sim::Task<> ParallelFileSystem::move_after(hardware::Path path, double bytes, sim::SimTime start, std::string name) {
  sim::Engine& engine = network_.engine();
  if (start > engine.now()) co_await engine.sleep_until(start);
  sim::FlowSpec flow;
  flow.work = bytes;
  flow.latency = spec_.io_latency;
  flow.constraints = std::move(path);
  flow.name = std::move(name);
  co_await network_.transfer(std::move(flow));
}

sim::Task<> ParallelFileSystem::write_files(StorageClient client, std::int64_t count, double bytes_each,
                                            WritePattern pattern, std::int64_t stripe_count) {
  check_request("write_files", count, bytes_each, stripe_count);
  if (count == 0) co_return;
  if (parts_.capacity) parts_.capacity->write(static_cast<double>(count) * bytes_each);
  const std::int64_t width = layout_width(stripe_count);
  const std::int64_t targets = target_count();
  const std::string label = spec_.name + ":write:" + client.name + ":";
  std::vector<sim::Task<>> moves;
  moves.reserve(static_cast<std::size_t>(count));
  if (pattern == WritePattern::file_per_process) {
    for (std::int64_t file = 0; file < count; ++file) {
      const std::int64_t first = next_target_;
      next_target_ = (next_target_ + width) % targets;
      const sim::SimTime created = metadata_.reserve(metadata_.next_server(), MetadataOp::create, 1);
      moves.push_back(move_after(write_path(client, extent(first, width, 0.0, bytes_each), 1.0), bytes_each, created,
                                 label + std::to_string(file)));
    }
    files_written_ += static_cast<std::uint64_t>(count);
  } else {
    const std::int64_t first = next_target_;
    next_target_ = (next_target_ + width) % targets;
    const std::int64_t server = metadata_.next_server();
    const sim::SimTime created = metadata_.reserve(server, MetadataOp::create, 1);
    for (std::int64_t writer = 0; writer < count; ++writer) {
      const sim::SimTime start = writer == 0 ? created : metadata_.reserve(server, MetadataOp::open, 1);
      const double offset = static_cast<double>(writer) * bytes_each;
      moves.push_back(
          move_after(write_path(client, extent(first, width, offset, bytes_each), spec_.shared_file_efficiency),
                     bytes_each, start, label + "shared:" + std::to_string(writer)));
    }
    files_written_ += 1;
  }
  co_await sim::when_all(std::move(moves));
}

sim::Task<> ParallelFileSystem::read_files(StorageClient client, std::int64_t count, double bytes_each,
                                           WritePattern pattern, std::int64_t stripe_count) {
  check_request("read_files", count, bytes_each, stripe_count);
  if (count == 0) co_return;
  const std::int64_t width = layout_width(stripe_count);
  const std::int64_t targets = target_count();
  const std::string label = spec_.name + ":read:" + client.name + ":";
  std::vector<sim::Task<>> moves;
  moves.reserve(static_cast<std::size_t>(count));
  const std::int64_t shared_server = pattern == WritePattern::shared_file ? metadata_.next_server() : 0;
  for (std::int64_t i = 0; i < count; ++i) {
    const bool per_process = pattern == WritePattern::file_per_process;
    const std::int64_t server = per_process ? metadata_.next_server() : shared_server;
    const sim::SimTime opened = metadata_.reserve(server, MetadataOp::open, 1);
    const std::int64_t first = per_process ? next_read_target_ : 0;
    if (per_process) next_read_target_ = (next_read_target_ + width) % targets;
    const double offset = per_process ? 0.0 : static_cast<double>(i) * bytes_each;
    moves.push_back(move_after(read_path(client, extent(first, width, offset, bytes_each), bytes_each), bytes_each,
                               opened, label + std::to_string(i)));
  }
  co_await sim::when_all(std::move(moves));
}

sim::Task<> ParallelFileSystem::read_samples(StorageClient client, std::int64_t count, double bytes_each) {
  check_request("read_samples", count, bytes_each, 0);
  if (count == 0) co_return;
  const std::string label = spec_.name + ":sample:" + client.name + ":";
  std::vector<sim::Task<>> moves;
  moves.reserve(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) {
    const std::int64_t target = next_target_;
    next_target_ = (next_target_ + 1) % target_count();
    moves.push_back(move_after(read_path(client, Extent{target, 1, 0, 1}, bytes_each), bytes_each,
                               network_.engine().now(), label + std::to_string(i)));
  }
  co_await sim::when_all(std::move(moves));
}

}  // namespace clustersim::models::storage
