// MetadataService: a parallel file system's metadata servers (Lustre MDTs, DAOS/VAST equivalents).
//
// Model: s servers, each a single FIFO queue with deterministic service time per operation kind,
// 1 / rate(op) for create, open and stat (rates per server, from metadata benchmarks such as
// mdtest / IO500 "mdtest-easy"). An operation issued at time t to server j completes at
//   start = max(t, free_j),   free_j = start + 1 / rate(op),   done = free_j + op_latency
// so a batch of k creates issued together on one server ends k / rate later (a D/D/1 queue:
// no randomness, no processor sharing). op_latency is the client round trip (network + RPC),
// which overlaps with other operations and does not occupy the server. Operations are served in
// the order they are issued; ops issued by a process that is then interrupted still occupy the
// server (it has accepted them). Files are placed on servers round-robin (DNE-style striped
// directories); all operations on one file go to its server.
// Throughput bound: N creates spread over s servers take N / (s x rate) + op_latency when the
// queues start empty. Rates in data/storage.json (IO500 results).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine.hpp"
#include "sim/task.hpp"
#include "sim/time.hpp"

namespace clustersim::models::storage {

enum class MetadataOp { create, open, stat };

struct MetadataSpec {
  std::int64_t servers = 1;
  double create_ops_per_s = 0.0;  // per server
  double open_ops_per_s = 0.0;    // per server
  double stat_ops_per_s = 0.0;    // per server
  sim::SimTime op_latency;        // client round trip per operation, >= 0
};

class MetadataService {
 public:
  // Throws StorageSpecError naming `name` and the field.
  MetadataService(sim::Engine& engine, std::string name, MetadataSpec spec);

  const std::string& name() const { return name_; }
  const MetadataSpec& spec() const { return spec_; }
  std::int64_t server_count() const { return spec_.servers; }
  double ops_per_s(MetadataOp op) const;  // per server

  // The next server in round-robin order (a new file's home).
  std::int64_t next_server();
  // Queue `count` operations on `server` now; returns when the last one completes (see model).
  sim::SimTime reserve(std::int64_t server, MetadataOp op, std::int64_t count = 1);
  // co_await perform(op, count): `count` operations spread round-robin over the servers; resumes
  // when the last one completes.
  sim::Task<> perform(MetadataOp op, std::int64_t count);

  std::uint64_t operations() const { return operations_; }

 private:
  sim::Engine& engine_;
  std::string name_;
  MetadataSpec spec_;
  std::vector<double> free_at_s_;  // per server, seconds (kept in double: no per-op rounding)
  std::int64_t next_server_ = 0;
  std::uint64_t operations_ = 0;
};

}  // namespace clustersim::models::storage
