// CampaignConfig: everything a training-campaign simulation needs, in SI units, already
// validated and resolved from the catalog by the study layer (models/study). The campaign model
// (models/workload/campaign.hpp) reads only this.
//
// The cluster is `nodes` identical GPU nodes (plus `spare_nodes` idle spares) on a fabric
// summarised by its per-tier oversubscription and the number of nodes under a leaf (a rack: the
// blast radius of a leaf-switch failure), on one power domain and in a pod (the failure domains of
// models/failure/failure_domain.hpp). Shared storage is one tier (a parallel
// file system, an object store or a unified system) attached to the front-end network when the
// nodes have front-end NICs, else to the back-end fabric.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/failure/failure_cause.hpp"
#include "sim/engine.hpp"
#include "sim/time.hpp"

namespace clustersim::models::workload {

struct NodeConfig {
  std::string name;
  int gpus = 8;
  double gpu_peak_flops_per_s = 0;  // dense, in the training precision (BF16)
  double gpu_hbm_bytes = 0;
  double pcie_bytes_per_s_per_gpu = 0;  // GPU <-> host DRAM, one direction
  double dram_bytes = 0;
  double backend_nic_bytes_per_s = 0;   // all back-end (RDMA) ports of the node, one direction
  double frontend_nic_bytes_per_s = 0;  // 0: no front-end network, storage uses the back-end
  double nvme_read_bytes_per_s = 0;     // the whole local array
  double nvme_write_bytes_per_s = 0;
  double nvme_capacity_bytes = 0;
};

struct FabricConfig {
  int nodes_per_leaf = 2;              // a rack; a leaf failure takes all of them down
  int nodes_per_pod = 128;             // full bisection inside a pod
  int nodes_per_power_domain = 2;      // racks on one PDU or row: a power_domain failure takes them all
  double leaf_oversubscription = 1.0;  // >= 1: leaf down-link / up-link capacity
  double pod_oversubscription = 1.0;   // >= 1: between pods (Llama 3: 7)
  sim::SimTime hop_latency = sim::microseconds(1);
  // Seconds of one gradient all-reduce simulated on the built fabric (models/study/gradient_exchange.hpp);
  // unset: estimated from the ring's placement shares and the oversubscription ratios (step_time.hpp).
  std::optional<double> gradient_exchange_s;
};

enum class StorageKind { parallel_file_system, object_store, unified };

// The shared storage system, the figures its model (models/storage, timed by shared_storage_io.hpp) needs.
// `servers` are the PFS's storage targets, the unified system's servers or the object store's gateways;
// the aggregate bandwidths are split evenly over them.
struct SharedStorageConfig {
  std::string name;
  StorageKind kind = StorageKind::parallel_file_system;
  int servers = 1;
  double write_bytes_per_s = 0;  // aggregate
  double read_bytes_per_s = 0;
  double capacity_bytes = 0;                               // 0: unlimited
  sim::SimTime first_byte_latency = sim::SimTime::zero();  // per file or request
  // File kinds (parallel_file_system, unified).
  double metadata_ops_per_s = 0;  // creates and opens per second, whole system; 0: not limiting
  int metadata_servers = 1;       // the rate is split evenly over them
  int stripe_count = 1;           // servers a file is striped over; 0: all
  double server_read_iops = 0;    // small reads per second per server; 0: not limiting
  // Object access (object_store).
  double prefix_write_ops_per_s = 3500;   // PUT requests per second per prefix (S3)
  double prefix_read_ops_per_s = 5500;    // GET requests per second per prefix (S3)
  int prefixes = 1;                       // prefixes objects are spread over
  double part_bytes = 8.0 * 1024 * 1024;  // multipart part size
  int parts_in_flight = 10;               // parts of one object in flight
};

struct TrainingModelConfig {
  std::string label;  // what the model is called in reports ("Llama-3-405B-class"); the models do not read it
  double parameters = 0;
  double tokens_per_step = 0;  // global batch in tokens
  double flops_per_token = 0;  // 0: 6 x parameters + attention (12 x layers x hidden x sequence)
  int layers = 0;
  int hidden_size = 0;
  int sequence_length = 0;
  int tensor_parallel = 1;
  int pipeline_parallel = 1;
  int data_parallel = 1;                                   // tp x pp x dp = nodes x gpus
  double mfu = 0.4;                                        // model FLOPs utilisation of the compute phase
  sim::SimTime measured_step_time = sim::SimTime::zero();  // > 0 overrides the compute model
  double comm_overlap_fraction = 0.0;                      // share of the gradient collectives hidden behind compute
  double gradient_bytes_per_parameter = 2;                 // bf16 gradients
  double token_budget = 0;                                 // tokens to train; the campaign ends when reached
};

enum class DataMode { staged_to_local_nvme, streamed_from_shared_storage };

struct DataConfig {
  DataMode mode = DataMode::staged_to_local_nvme;
  double bytes_per_token = 4;
  double dataset_bytes = 0;  // 0: token_budget x bytes_per_token
  // Streamed input: each step's data is read as random samples of this many bytes, one I/O each;
  // 0: one sequential read of the node's whole share of the step.
  double sample_bytes = 0;
  int reads_in_flight_per_node = 64;  // the data loaders' outstanding reads per node
};

enum class CheckpointTarget {
  host_dram,           // level 0: GPU -> host DRAM over PCIe, blocking
  partner_nvme,        // level 1: host DRAM -> a partner node's NVMe over RDMA, asynchronous
  shared_storage,      // level 2: local NVMe -> shared storage, asynchronous
  shared_storage_sync  // synchronous: all ranks write to shared storage while training waits
};
enum class PartnerPlacement { same_rack, other_rack, other_pod };
enum class WhenBusy { skip, block };
// What a time `interval` counts (the rule in full: the header of campaign_checkpoints.cpp):
//   training  time spent running training steps since this level last fired, restarted from zero when
//             training resumes after a recovery or a planned stop (what training frameworks' save timers do);
//   wall      wall-clock time since this level last fired, running on through failures and recoveries.
enum class IntervalClock { training, wall };

struct CheckpointLevel {
  CheckpointTarget target = CheckpointTarget::host_dram;
  std::int64_t interval_steps = 0;  // exactly one of interval_steps / interval is set
  sim::SimTime interval = sim::SimTime::zero();
  IntervalClock interval_clock = IntervalClock::training;  // what `interval` counts
  // Fixed cost of one copy beside bytes / bandwidth (planning, serialisation, synchronisation across
  // ranks, metadata commit): blocking levels (host_dram, shared_storage_sync) stall training for it,
  // asynchronous ones (partner_nvme, shared_storage) take that much longer to become durable.
  sim::SimTime copy_overhead = sim::SimTime::zero();
  WhenBusy when_busy = WhenBusy::skip;  // the previous copy of this level is still in flight
  PartnerPlacement partner = PartnerPlacement::other_rack;
  bool file_per_rank = true;  // shared tiers: one file per GPU rank (metadata load)
};

struct CheckpointPolicy {
  // 16 = bf16 weights (2) + bf16 gradients (2) + fp32 master weights (4) + two fp32 Adam moments (8)
  double bytes_per_parameter = 16;
  std::vector<CheckpointLevel> levels;
};

enum class RecoveryMode { full_restart, in_place };

// Fail-slow GPUs: a GPU that keeps running, slowly. A synchronous job runs at the pace of its slowest rank, so
// every step takes `step_slowdown` times as long until the GPU is found (`time_to_detect` after it went slow);
// then the job drains its node: it stops at a step boundary with its state in host DRAM, a spare takes the node's
// place (the slow node goes to repair) and receives its state from the slow node's DRAM over the fabric, and
// training resumes. Nothing is lost; the slowdown and the drain are charged to fail_slow. One slow GPU at a time:
// onsets while one is in the job are not drawn.
struct FailSlow {
  double rate_per_gpu_hour = 0;  // onsets per GPU-hour; 0: none
  double step_slowdown = 1;      // > 1
  sim::SimTime time_to_detect = sim::SimTime::zero();
};

// Lemon nodes: of the nodes a failure takes out of the job, a share `fraction` are lemons. A lemon is repaired and
// returns to the spare pool like any node, but once it replaces a node in the job it fails again after an
// exponential time of mean `refail_mean` (a node-level failure, cause lemon_node). After `retire_after` failures it is
// retired and replaced: a new, healthy node joins the pool after the node repair time.
struct LemonNodes {
  double fraction = 0;  // in [0, 1]; 0: none
  sim::SimTime refail_mean = sim::SimTime::zero();
  int retire_after = 1;  // >= 1
};

// Planned interruptions (maintenance windows, upgrades, configuration changes): the job stops at a step
// boundary with no copy in flight and its state in host DRAM, waits out the window, restarts and reloads
// from DRAM (the host agent holding the copies stays up, as after a software failure). Nothing is lost.
struct PlannedInterruptions {
  enum class Arrival { periodic, poisson };
  sim::SimTime period = sim::SimTime::zero();    // mean time between two of them; zero: none
  sim::SimTime duration = sim::SimTime::zero();  // the window, < period
  Arrival arrival = Arrival::periodic;           // periodic: at period, 2 period, ...; poisson: Exp(period) gaps
};

struct FailureConfig {
  std::vector<failure::FailureCause> causes;
  sim::SimTime detection_time = sim::minutes(2);
  RecoveryMode recovery = RecoveryMode::full_restart;
  sim::SimTime restart_overhead = sim::minutes(10);  // full restart: requeue, scheduling, process start
  sim::SimTime in_place_overhead = sim::minutes(1);  // in-place: the replacement node joins the job
  int spare_nodes = 0;
  sim::SimTime node_repair_time = sim::hours(24);
  PlannedInterruptions planned;
  FailSlow fail_slow;
  LemonNodes lemons;
};

struct CampaignConfig {
  int nodes = 0;
  NodeConfig node;
  FabricConfig fabric;
  SharedStorageConfig storage;
  TrainingModelConfig model;
  DataConfig data;
  CheckpointPolicy checkpoint;
  FailureConfig failures;
  sim::SimTime horizon = sim::days(365);  // stop here if the token budget is not reached
  double sample_period_s = 3600;          // progress time series
  sim::RunBudget budget;                  // events and wall-clock time of one run (unlimited by default)
};

// Bytes of the tokenized training data: data.dataset_bytes, or token_budget x bytes_per_token when it is 0.
inline double dataset_bytes(const CampaignConfig& config) {
  return config.data.dataset_bytes > 0 ? config.data.dataset_bytes
                                       : config.model.token_budget * config.data.bytes_per_token;
}

}  // namespace clustersim::models::workload
