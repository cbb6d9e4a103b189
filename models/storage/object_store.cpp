#include "models/storage/object_store.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

#include "models/storage/storage_error.hpp"
#include "sim/when.hpp"

namespace clustersim::models::storage {

namespace {

void validate_common(const ObjectStoreSpec& spec) {
  const std::string owner = "object store '" + spec.name + "'";
  if (spec.first_byte_latency < sim::SimTime::zero()) {
    throw StorageSpecError(owner + ": first_byte_latency must be non-negative, got " +
                           sim::to_string(spec.first_byte_latency));
  }
  require_positive(owner, "prefix_put_ops_per_s", spec.prefix_put_ops_per_s);
  require_positive(owner, "prefix_get_ops_per_s", spec.prefix_get_ops_per_s);
  if (spec.account_ops_per_s) require_positive(owner, "account_ops_per_s", *spec.account_ops_per_s);
  require_positive(owner, "part_bytes", spec.part_bytes);
  require_positive(owner, "parts_in_flight", spec.parts_in_flight);
}

StorageParts make_parts(sim::FlowNetwork& network, const ObjectStoreSpec& spec) {
  validate_common(spec);
  const std::string owner = "object store '" + spec.name + "'";
  require_positive(owner, "gateways", spec.gateways);
  require_positive(owner, "gateway_bytes_per_s", spec.gateway_bytes_per_s);
  StorageParts parts;
  if (spec.gateway_write_bytes_per_s)
    require_positive(owner, "gateway_write_bytes_per_s", *spec.gateway_write_bytes_per_s);
  parts.servers =
      std::make_shared<ServerPool>(network, spec.name + ".gateways", spec.gateways, spec.gateway_bytes_per_s,
                                   spec.gateway_write_bytes_per_s.value_or(spec.gateway_bytes_per_s));
  parts.media = std::make_shared<MediaPool>(network, spec.name, spec.media);
  if (spec.capacity_bytes) {
    require_positive(owner, "capacity_bytes", *spec.capacity_bytes);
    parts.capacity = std::make_shared<hardware::CapacityLedger>(spec.name, *spec.capacity_bytes);
  }
  return parts;
}

void check_bytes(const std::string& store, const char* what, double bytes) {
  if (!std::isfinite(bytes) || bytes < 0.0) {
    std::ostringstream message;
    message << store << ": " << what << ": bytes must be non-negative and finite, got " << bytes;
    throw std::invalid_argument(message.str());
  }
}

}  // namespace

struct ObjectStore::Job {
  StorageClient client;
  std::string prefix;
  Direction direction;
  double bytes;
  std::int64_t parts;
  std::int64_t next_part = 0;
};

ObjectStore::ObjectStore(sim::FlowNetwork& network, ObjectStoreSpec spec, StorageAttachment attachment)
    : ObjectStore(network, spec, std::move(attachment), make_parts(network, spec)) {}

ObjectStore::ObjectStore(sim::FlowNetwork& network, ObjectStoreSpec spec, StorageAttachment attachment,
                         StorageParts parts)
    : network_(network), spec_(std::move(spec)), attachment_(std::move(attachment)), parts_(std::move(parts)) {
  validate_common(spec_);
  if (!parts_.servers || !parts_.media) {
    throw StorageSpecError("object store '" + spec_.name + "': gateways and media are both required");
  }
  if (spec_.account_ops_per_s)
    account_ = network_.add_constraint(spec_.name + ".account.ops", *spec_.account_ops_per_s);
}

std::int64_t ObjectStore::requests_for(double bytes) const {
  check_bytes(spec_.name, "requests_for", bytes);
  if (bytes <= spec_.part_bytes) return 1;
  return static_cast<std::int64_t>(std::ceil(bytes / spec_.part_bytes));
}

const ObjectStore::PrefixLimits& ObjectStore::limits(const std::string& prefix) {
  auto found = prefixes_.find(prefix);
  if (found == prefixes_.end()) {
    const std::string base = spec_.name + ".prefix[" + prefix + "]";
    PrefixLimits created{network_.add_constraint(base + ".put_ops", spec_.prefix_put_ops_per_s),
                         network_.add_constraint(base + ".get_ops", spec_.prefix_get_ops_per_s)};
    found = prefixes_.emplace(prefix, created).first;
  }
  return found->second;
}

sim::ConstraintId ObjectStore::prefix_put_constraint(const std::string& prefix) {
  return limits(prefix).put;
}

sim::ConstraintId ObjectStore::prefix_get_constraint(const std::string& prefix) {
  return limits(prefix).get;
}

void ObjectStore::remove(double bytes) {
  if (parts_.capacity) parts_.capacity->erase(bytes);
}

hardware::Path ObjectStore::request_path(const Job& job, double part) {
  const std::int64_t gateway = next_gateway_;
  next_gateway_ = (next_gateway_ + 1) % parts_.servers->count();
  const PrefixLimits& prefix = limits(job.prefix);
  hardware::Path path;
  if (job.direction == Direction::put) {
    path = hardware::join({job.client.to_storage,
                           attachment_.ingress,
                           {sim::FlowUse{parts_.servers->write(gateway), 1.0}},
                           parts_.media->write_path(),
                           {sim::FlowUse{prefix.put, 1.0 / part}}});
  } else {
    path = hardware::join({parts_.media->read_path(),
                           {sim::FlowUse{parts_.servers->read(gateway), 1.0}},
                           attachment_.egress,
                           job.client.from_storage,
                           {sim::FlowUse{prefix.get, 1.0 / part}}});
  }
  if (account_.valid()) path.push_back(sim::FlowUse{account_, 1.0 / part});
  return path;
}

sim::Task<> ObjectStore::worker(std::shared_ptr<Job> job) {
  while (job->next_part < job->parts) {
    const std::int64_t index = job->next_part++;
    const double offset = static_cast<double>(index) * spec_.part_bytes;
    const double part = std::min(spec_.part_bytes, job->bytes - offset);
    ++requests_;
    sim::FlowSpec flow;
    flow.work = part;
    flow.latency = spec_.first_byte_latency;
    if (part > 0.0) flow.constraints = request_path(*job, part);
    flow.name = spec_.name + (job->direction == Direction::put ? ":put:" : ":get:") + job->client.name + ":" +
                job->prefix + ":" + std::to_string(index);
    co_await network_.transfer(std::move(flow));
  }
}

sim::Task<> ObjectStore::transfer(StorageClient client, std::string prefix, double bytes, Direction direction) {
  auto job = std::make_shared<Job>(Job{std::move(client), std::move(prefix), direction, bytes, requests_for(bytes)});
  const std::int64_t workers = std::min(job->parts, spec_.parts_in_flight);
  std::vector<sim::Task<>> tasks;
  tasks.reserve(static_cast<std::size_t>(workers));
  for (std::int64_t i = 0; i < workers; ++i) tasks.push_back(worker(job));
  co_await sim::when_all(std::move(tasks));
}

sim::Task<> ObjectStore::put(StorageClient client, std::string prefix, double bytes) {
  check_bytes(spec_.name, "put", bytes);
  if (parts_.capacity) parts_.capacity->write(bytes);
  co_await transfer(std::move(client), std::move(prefix), bytes, Direction::put);
}

sim::Task<> ObjectStore::get(StorageClient client, std::string prefix, double bytes) {
  check_bytes(spec_.name, "get", bytes);
  co_await transfer(std::move(client), std::move(prefix), bytes, Direction::get);
}

}  // namespace clustersim::models::storage
