#include "models/storage/bulk_io.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>
#include <vector>

#include "sim/engine.hpp"
#include "sim/flow_network.hpp"
#include "sim/when.hpp"

namespace clustersim::models::storage {

namespace {

struct Bound {
  std::string name;
  double seconds = 0;
};

void check(const BulkOperation& op) {
  const auto fail = [](const std::string& what) { throw std::invalid_argument("bulk I/O: " + what); };
  if (op.nodes < 1) fail("nodes must be >= 1, got " + std::to_string(op.nodes));
  if (op.files_per_node < 1) fail("files_per_node must be >= 1, got " + std::to_string(op.files_per_node));
  if (!(op.bytes_per_file > 0) || !std::isfinite(op.bytes_per_file)) fail("bytes_per_file must be positive");
  if (!(op.client_bytes_per_s > 0) || !std::isfinite(op.client_bytes_per_s))
    fail("client_bytes_per_s must be positive");
  if (op.in_flight_per_node < 1) fail("in_flight_per_node must be >= 1, got " + std::to_string(op.in_flight_per_node));
  if (op.access == IoAccess::samples && op.direction == IoDirection::write) fail("samples are reads only");
}

double ceil_div(double a, double b) {
  return std::ceil(a / b - 1e-12);
}

// Requests one file costs: object parts for files on an object store, else one.
double requests_per_file(const StorageSystemSpec& system, const BulkOperation& op) {
  const auto* object = std::get_if<ObjectStoreSpec>(&system.model);
  if (!object || op.access == IoAccess::samples || op.bytes_per_file <= object->part_bytes) return 1.0;
  return std::ceil(op.bytes_per_file / object->part_bytes);
}

// File access (PFS, or unified storage's file side).
PfsSpec file_spec(const StorageSystemSpec& system) {
  if (const auto* pfs = std::get_if<PfsSpec>(&system.model)) return *pfs;
  return unified_file_spec(std::get<UnifiedStorageSpec>(system.model));
}

// Constraints one file's flows cross in the solver: its requests (object store), or the targets it is
// striped over (file access): what the simulation budget counts.
double solver_work_per_file(const StorageSystemSpec& system, const BulkOperation& op, double requests) {
  if (std::holds_alternative<ObjectStoreSpec>(system.model) || op.access == IoAccess::samples) return requests;
  const PfsSpec pfs = file_spec(system);
  const double targets = static_cast<double>(pfs.storage_targets);
  const double width = pfs.stripe_count == 0 ? targets : std::min(targets, static_cast<double>(pfs.stripe_count));
  return std::min(width, std::max(1.0, std::ceil(op.bytes_per_file / pfs.stripe_size_bytes)));
}

// The places files spread over (targets, metadata servers): n f should reach them all. An object store's
// requests reach every gateway (round-robin per request); its prefixes are scaled apart (scaled_prefixes).
std::int64_t places(const StorageSystemSpec& system) {
  if (std::holds_alternative<ObjectStoreSpec>(system.model)) return 1;
  const PfsSpec pfs = file_spec(system);
  return std::max(pfs.storage_targets, pfs.metadata.servers);
}

void scale(MediaSpec& media, double r) {
  media.read_bytes_per_s /= r;
  media.write_bytes_per_s /= r;
}

PfsSpec scaled(PfsSpec spec, double r) {
  spec.metadata.create_ops_per_s /= r;
  spec.metadata.open_ops_per_s /= r;
  spec.metadata.stat_ops_per_s /= r;
  spec.target_read_bytes_per_s /= r;
  spec.target_write_bytes_per_s /= r;
  if (spec.target_read_iops) *spec.target_read_iops /= r;
  if (spec.media) scale(*spec.media, r);
  spec.capacity_bytes.reset();
  return spec;
}

ObjectStoreSpec scaled(ObjectStoreSpec spec, double r) {
  spec.gateway_bytes_per_s /= r;
  if (spec.gateway_write_bytes_per_s) *spec.gateway_write_bytes_per_s /= r;
  spec.prefix_put_ops_per_s /= r;
  spec.prefix_get_ops_per_s /= r;
  if (spec.account_ops_per_s) *spec.account_ops_per_s /= r;
  scale(spec.media, r);
  spec.capacity_bytes.reset();
  return spec;
}

std::vector<Bound> file_bounds(const PfsSpec& p, const BulkOperation& op) {
  const double files = static_cast<double>(op.nodes * op.files_per_node);
  const double bytes = files * op.bytes_per_file;
  const double targets = static_cast<double>(p.storage_targets);
  const double width = p.stripe_count == 0 ? targets : std::min(targets, static_cast<double>(p.stripe_count));
  const bool write = op.direction == IoDirection::write;
  const bool samples = op.access == IoAccess::samples;
  const double stripes =
      samples ? 1.0 : std::min(width, std::max(1.0, ceil_div(op.bytes_per_file, p.stripe_size_bytes)));
  const double used_targets = std::min(targets, files * stripes);
  const double client = std::min(op.client_bytes_per_s, p.client_bytes_per_s.value_or(op.client_bytes_per_s));
  std::vector<Bound> bounds;
  if (!samples) {
    const double rate = write ? p.metadata.create_ops_per_s : p.metadata.open_ops_per_s;
    bounds.push_back({"metadata", files / (static_cast<double>(p.metadata.servers) * rate)});
  }
  bounds.push_back(
      {"bandwidth", bytes / (used_targets * (write ? p.target_write_bytes_per_s : p.target_read_bytes_per_s))});
  if (p.media) {
    const double overhead = write ? p.media->redundancy.write_overhead() : 1.0;
    bounds.push_back({"media", bytes * overhead / (write ? p.media->write_bytes_per_s : p.media->read_bytes_per_s)});
  }
  if (!write && p.target_read_iops) {
    const double ios = files * std::max(1.0, ceil_div(op.bytes_per_file, p.stripe_size_bytes));
    bounds.push_back({"iops", ios / (used_targets * *p.target_read_iops)});
  }
  bounds.push_back({"client", static_cast<double>(op.files_per_node) * op.bytes_per_file / client});
  const double waves =
      samples ? ceil_div(static_cast<double>(op.files_per_node), static_cast<double>(op.in_flight_per_node)) : 1.0;
  bounds.push_back(
      {"latency", waves * (p.io_latency + (samples ? sim::SimTime::zero() : p.metadata.op_latency)).to_seconds()});
  return bounds;
}

std::vector<Bound> object_bounds(const ObjectStoreSpec& o, std::int64_t prefixes, const BulkOperation& op, double q) {
  const double objects = static_cast<double>(op.nodes * op.files_per_node);
  const double bytes = objects * op.bytes_per_file;
  const bool write = op.direction == IoDirection::write;
  const double requests = objects * q;
  std::vector<Bound> bounds;
  const double used_prefixes = std::min(static_cast<double>(prefixes), objects);
  bounds.push_back({"prefix", requests / (used_prefixes * (write ? o.prefix_put_ops_per_s : o.prefix_get_ops_per_s))});
  if (o.account_ops_per_s) bounds.push_back({"account", requests / *o.account_ops_per_s});
  const double gateway = write ? o.gateway_write_bytes_per_s.value_or(o.gateway_bytes_per_s) : o.gateway_bytes_per_s;
  bounds.push_back({"bandwidth", bytes / (static_cast<double>(o.gateways) * gateway)});
  const double overhead = write ? o.media.redundancy.write_overhead() : 1.0;
  bounds.push_back({"media", bytes * overhead / (write ? o.media.write_bytes_per_s : o.media.read_bytes_per_s)});
  bounds.push_back({"client", static_cast<double>(op.files_per_node) * op.bytes_per_file / op.client_bytes_per_s});
  const double per_node = op.access == IoAccess::samples ? static_cast<double>(op.files_per_node) : q;
  const double in_flight =
      static_cast<double>(op.access == IoAccess::samples ? op.in_flight_per_node : o.parts_in_flight);
  bounds.push_back({"latency", ceil_div(per_node, in_flight) * o.first_byte_latency.to_seconds()});
  return bounds;
}

sim::Task<> pfs_samples(ParallelFileSystem* pfs, StorageClient client, std::int64_t reads, double bytes) {
  for (std::int64_t i = 0; i < reads; ++i) co_await pfs->read_samples(client, 1, bytes);
}

sim::Task<> object_samples(ObjectStore* store, StorageClient client, std::int64_t first, std::int64_t stride,
                           std::int64_t reads, std::int64_t prefixes, double bytes) {
  for (std::int64_t i = 0; i < reads; ++i) {
    co_await store->get(client, std::to_string((first + i * stride) % prefixes), bytes);
  }
}

// Reads of `files` split over `workers`: worker w takes files w, w + workers, ...
std::int64_t share(std::int64_t files, std::int64_t workers, std::int64_t w) {
  return files / workers + (w < files % workers ? 1 : 0);
}

StorageClient node_client(sim::FlowNetwork& network, std::int64_t node, double bytes_per_s) {
  const std::string name = "node" + std::to_string(node);
  return StorageClient{name,
                       {sim::FlowUse{network.add_constraint(name + ".tx", bytes_per_s)}},
                       {sim::FlowUse{network.add_constraint(name + ".rx", bytes_per_s)}}};
}

double run_files(const PfsSpec& spec, const BulkOperation& op) {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  ParallelFileSystem pfs(network, spec, {});
  for (std::int64_t node = 0; node < op.nodes; ++node) {
    const StorageClient base = node_client(network, node, op.client_bytes_per_s);
    const StorageClient client = pfs.attach_client(base.name, base.to_storage, base.from_storage);
    if (op.access == IoAccess::samples) {
      const std::int64_t workers = std::min(op.in_flight_per_node, op.files_per_node);
      for (std::int64_t w = 0; w < workers; ++w) {
        engine.spawn(client.name, pfs_samples(&pfs, client, share(op.files_per_node, workers, w), op.bytes_per_file));
      }
    } else if (op.direction == IoDirection::write) {
      engine.spawn(client.name,
                   pfs.write_files(client, op.files_per_node, op.bytes_per_file, WritePattern::file_per_process));
    } else {
      engine.spawn(client.name,
                   pfs.read_files(client, op.files_per_node, op.bytes_per_file, WritePattern::file_per_process));
    }
  }
  engine.run();
  return engine.now().to_seconds();
}

double run_objects(const ObjectStoreSpec& spec, std::int64_t prefixes, const BulkOperation& op) {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  ObjectStore store(network, spec, {});
  for (std::int64_t node = 0; node < op.nodes; ++node) {
    const StorageClient client = node_client(network, node, op.client_bytes_per_s);
    const std::int64_t first = node * op.files_per_node;
    if (op.access == IoAccess::samples) {
      const std::int64_t workers = std::min(op.in_flight_per_node, op.files_per_node);
      for (std::int64_t w = 0; w < workers; ++w) {
        engine.spawn(client.name, object_samples(&store, client, first + w, workers,
                                                 share(op.files_per_node, workers, w), prefixes, op.bytes_per_file));
      }
      continue;
    }
    for (std::int64_t file = 0; file < op.files_per_node; ++file) {
      const std::string prefix = std::to_string((first + file) % prefixes);
      engine.spawn(client.name, op.direction == IoDirection::write ? store.put(client, prefix, op.bytes_per_file)
                                                                   : store.get(client, prefix, op.bytes_per_file));
    }
  }
  engine.run();
  return engine.now().to_seconds();
}

}  // namespace

BulkIoTime time_bulk_io(const StorageSystemSpec& system, const BulkOperation& operation, std::int64_t max_requests) {
  check(operation);
  if (system.prefixes < 1) {
    throw std::invalid_argument("bulk I/O: prefixes must be >= 1, got " + std::to_string(system.prefixes));
  }
  const double q = requests_per_file(system, operation);
  const double per_node_requests =
      static_cast<double>(operation.files_per_node) * solver_work_per_file(system, operation, q);
  const std::int64_t by_budget =
      static_cast<std::int64_t>(std::max(1.0, std::floor(static_cast<double>(max_requests) / per_node_requests)));
  const std::int64_t to_reach_all = (places(system) + operation.files_per_node - 1) / operation.files_per_node;
  BulkOperation simulated = operation;
  simulated.nodes = std::min(operation.nodes, std::max(by_budget, to_reach_all));
  const double r = static_cast<double>(operation.nodes) / static_cast<double>(simulated.nodes);

  BulkIoTime result;
  result.simulated_nodes = simulated.nodes;
  std::vector<Bound> bounds;
  if (const auto* object = std::get_if<ObjectStoreSpec>(&system.model)) {
    bounds = object_bounds(*object, system.prefixes, operation, q);
    // The N f objects use min(P, N f) prefixes; the n f simulated ones use P' = min(that, n f) prefixes, each
    // with the request rate that keeps the total at (used prefixes x R) / r.
    const std::int64_t used = std::min(system.prefixes, operation.nodes * operation.files_per_node);
    const std::int64_t simulated_prefixes = std::min(used, simulated.nodes * simulated.files_per_node);
    ObjectStoreSpec spec = scaled(*object, r);
    const double per_prefix = static_cast<double>(used) / static_cast<double>(simulated_prefixes);
    spec.prefix_put_ops_per_s *= per_prefix;
    spec.prefix_get_ops_per_s *= per_prefix;
    result.seconds = run_objects(spec, simulated_prefixes, simulated);
  } else {
    const PfsSpec pfs = file_spec(system);
    bounds = file_bounds(pfs, operation);
    result.seconds = run_files(scaled(pfs, r), simulated);
  }
  const auto largest = std::max_element(bounds.begin(), bounds.end(),
                                        [](const Bound& a, const Bound& b) { return a.seconds < b.seconds; });
  result.bound = largest->name;
  result.bound_s = largest->seconds;
  for (const Bound& b : bounds) {
    if (b.name == "bandwidth" || b.name == "media" || b.name == "client") {
      result.data_bound_s = std::max(result.data_bound_s, b.seconds);
    }
  }
  return result;
}

}  // namespace clustersim::models::storage
