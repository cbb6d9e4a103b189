#include "models/study/param_table.hpp"

#include <algorithm>

namespace clustersim::models::study {

namespace {

using K = ParamKind;
using P = Presence;
using B = Bound;

// clang-format off
const std::vector<ParamSpec> kParams = {
  {"name", K::string, P::required, "", B::none, "", "Short name of the scenario, used in tables and result files."},
  {"description", K::string, P::defaulted, "", B::none, "", "What the scenario models and why."},

  {"architecture", K::section, P::required, "", B::none, "", "The cluster: GPU nodes, fabric, shared storage."},
  {"architecture.nodes", K::integer, P::required, "", B::at_least_one, "", "GPU nodes running the job."},
  {"architecture.spare_nodes", K::integer, P::defaulted, "0", B::non_negative, "",
   "Idle spare nodes that replace failed ones (in-place recovery, or a restart without waiting for repair)."},
  {"architecture.frontend_network", K::boolean, P::defaulted, "true", B::none, "",
   "true: shared storage is reached over the nodes' front-end NICs (a separate storage network); false: over the "
   "back-end (compute) fabric, sharing it with the gradient traffic."},

  {"architecture.node", K::catalog_section, P::required, "", B::none, "",
   "The GPU node: a catalog name (\"DGX-H100\") or {\"catalog\": name, field overrides}."},
  {"architecture.node.catalog", K::string, P::required, "", B::none, "", "Catalog node name (`clustersim catalog`)."},
  {"architecture.node.gpus", K::integer, P::optional, "", B::at_least_one, "", "GPUs per node."},
  {"architecture.node.gpu_flops", K::flops_per_s, P::optional, "", B::positive, "",
   "Dense peak compute per GPU in the training precision (BF16)."},
  {"architecture.node.gpu_hbm", K::bytes, P::optional, "", B::positive, "", "HBM capacity per GPU."},
  {"architecture.node.pcie_bandwidth_per_gpu", K::bytes_per_s, P::optional, "", B::positive, "",
   "GPU <-> host DRAM bandwidth per GPU, one direction."},
  {"architecture.node.dram", K::bytes, P::optional, "", B::positive, "", "Host DRAM per node."},
  {"architecture.node.backend_bandwidth", K::bytes_per_s, P::optional, "", B::positive, "",
   "All back-end (RDMA) NIC ports of a node together, one direction."},
  {"architecture.node.frontend_bandwidth", K::bytes_per_s, P::optional, "", B::non_negative, "",
   "All front-end (storage) NIC ports of a node together, one direction."},
  {"architecture.node.nvme_read_bandwidth", K::bytes_per_s, P::optional, "", B::non_negative, "",
   "Sequential read bandwidth of the node's local NVMe array."},
  {"architecture.node.nvme_write_bandwidth", K::bytes_per_s, P::optional, "", B::non_negative, "",
   "Sequential write bandwidth of the node's local NVMe array."},
  {"architecture.node.nvme_capacity", K::bytes, P::optional, "", B::non_negative, "", "Local NVMe capacity per node."},
  {"architecture.node.power", K::power, P::optional, "", B::positive, "", "Node power draw under training load."},
  {"architecture.node.price", K::usd, P::optional, "", B::non_negative, "", "Purchase price of one node."},
  {"architecture.node.hourly_price", K::usd, P::optional, "", B::non_negative, "",
   "Cloud price of one node per hour."},

  {"architecture.fabric", K::section, P::defaulted, "", B::none, "", "The back-end (compute) fabric."},
  {"architecture.fabric.kind", K::enumeration, P::defaulted, "leaf_spine", B::none,
   "single_switch|leaf_spine|fat_tree|rail_optimized|dragonfly|simgrid-xml",
   "Topology. fat_tree is a three-tier Clos of pods (leaf-spine pods under a core layer); simgrid-xml reads a "
   "SimGrid platform file (architecture.fabric.platform)."},
  {"architecture.fabric.platform", K::string, P::optional, "", B::none, "",
   "kind simgrid-xml: the SimGrid v4.1 platform file (a FLAT or FAT_TREE <cluster>), relative to "
   "the scenario file; one platform host per GPU (nodes x gpus hosts)."},
  {"architecture.fabric.link_layer", K::enumeration, P::defaulted, "infiniband", B::none, "infiniband|ethernet",
   "infiniband (the default switch QM9700 is InfiniBand) or ethernet (RoCE); chooses the auto routing."},
  {"architecture.fabric.routing", K::enumeration, P::defaulted, "auto", B::none,
   "auto|ecmp|dmodk|spray|dragonfly_minimal|dragonfly_valiant|dragonfly_ugal",
   "How flows are routed. auto: dragonfly_minimal on a dragonfly, ecmp on a torus, dmodk on InfiniBand (the "
   "subnet manager's fat-tree engine), ecmp on Ethernet. spray: adaptive routing / packet spraying as an even "
   "split over all equal-cost paths."},
  {"architecture.fabric.nodes_per_leaf", K::integer, P::defaulted, "2", B::at_least_one, "",
   "Nodes under one leaf (ToR, rail-switch group or dragonfly router): the blast radius of a leaf failure."},
  {"architecture.fabric.nodes_per_pod", K::integer, P::defaulted, "0", B::non_negative, "",
   "Nodes in a pod with full bisection inside (fat_tree: a pod; dragonfly: a group); 0 = all nodes."},
  {"architecture.fabric.nodes_per_power_domain", K::integer, P::optional, "", B::at_least_one, "",
   "Nodes on one power domain (a PDU or row: a whole number of racks, at most the cluster): what a power_domain "
   "failure takes down (failures.domains). Absent: one rack (nodes_per_leaf)."},
  {"architecture.fabric.oversubscription", K::number, P::defaulted, "1", B::at_least_one, "",
   "Leaf oversubscription: host-facing / up-link capacity of a leaf (1 = full bisection)."},
  {"architecture.fabric.pod_oversubscription", K::number, P::defaulted, "1", B::at_least_one, "",
   "Oversubscription between pods (fat_tree core layer, dragonfly global links). Llama 3: 7."},
  {"architecture.fabric.hop_latency", K::duration, P::defaulted, "1 us", B::positive, "", "Latency per switch hop."},
  {"architecture.fabric.switch", K::string, P::defaulted, "QM9700", B::none, "",
   "Catalog switch model (ports, price, power) used to count and price the switches."},
  {"architecture.fabric.host_link", K::string, P::defaulted, "NDR-optical", B::none, "",
   "Catalog link media (data/links.json: price and power per link) of the host links (a NIC port to its switch)."},
  {"architecture.fabric.switch_link", K::string, P::defaulted, "NDR-optical", B::none, "",
   "Catalog link media of the links between switches."},
  {"architecture.fabric.switch_radix", K::integer, P::optional, "", B::at_least_one, "",
   "Ports per switch; default from the catalog switch."},

  {"architecture.storage", K::catalog_section, P::required, "", B::none, "",
   "The shared storage tier: a catalog name or {\"catalog\": name, field overrides}."},
  {"architecture.storage.catalog", K::string, P::required, "", B::none, "", "Catalog storage system name."},
  {"architecture.storage.kind", K::enumeration, P::optional, "", B::none,
   "parallel_file_system|object_store|unified", "What the storage system is."},
  {"architecture.storage.servers", K::integer, P::optional, "", B::at_least_one, "",
   "Storage servers (object store: gateways); scales the catalog's per-server bandwidth and capacity."},
  {"architecture.storage.write_bandwidth", K::bytes_per_s, P::optional, "", B::positive, "",
   "Aggregate write bandwidth."},
  {"architecture.storage.read_bandwidth", K::bytes_per_s, P::optional, "", B::positive, "", "Aggregate read bandwidth."},
  {"architecture.storage.metadata_rate", K::ops_per_s, P::optional, "", B::non_negative, "",
   "File creates and opens per second, whole system (parallel_file_system, unified); 0 = unlimited."},
  {"architecture.storage.metadata_servers", K::integer, P::optional, "", B::at_least_one, "",
   "Metadata servers the metadata rate is split over; files are placed on them round-robin (file kinds)."},
  {"architecture.storage.stripe_count", K::integer, P::optional, "", B::non_negative, "",
   "Servers one file is striped over; 0 = all (file kinds)."},
  {"architecture.storage.server_read_iops", K::ops_per_s, P::optional, "", B::positive, "",
   "Small random reads per second of one server: bounds streamed input read as samples (file kinds)."},
  {"architecture.storage.prefixes", K::integer, P::optional, "", B::at_least_one, "",
   "Prefixes the objects (checkpoint shards, samples) are spread over; request limits apply per prefix "
   "(object_store)."},
  {"architecture.storage.part_size", K::bytes, P::optional, "", B::positive, "",
   "Multipart part size: an object of S bytes is ceil(S / part_size) requests (object_store)."},
  {"architecture.storage.first_byte_latency", K::duration, P::optional, "", B::non_negative, "",
   "Latency before the first byte of each file or request."},
  {"architecture.storage.capacity", K::bytes, P::optional, "", B::non_negative, "", "Usable capacity; 0 = unlimited."},
  {"architecture.storage.price", K::usd, P::optional, "", B::non_negative, "",
   "Purchase price of the whole system (owned cost model); or give server_price."},
  {"architecture.storage.power", K::power, P::optional, "", B::non_negative, "",
   "Power draw of the whole system; or give server_power."},
  {"architecture.storage.server_price", K::usd, P::optional, "", B::non_negative, "",
   "Purchase price of one server (object store: one gateway): the system costs this x the servers it needs, "
   "which are `servers`, or more when a bandwidth override needs more at the catalog's per-server bandwidth."},
  {"architecture.storage.server_power", K::power, P::optional, "", B::non_negative, "",
   "Power draw of one server (gateway), counted like server_price."},

  {"workload", K::section, P::required, "", B::none, "", "What runs on the cluster."},
  {"workload.training", K::section, P::required, "", B::none, "", "An LLM pre-training campaign."},
  {"workload.training.model", K::string, P::defaulted, "", B::none, "", "What the model is called; shown with the resolved model (`clustersim validate --resolved`, results JSON)."},
  {"workload.training.parameters", K::number, P::required, "", B::positive, "", "Model parameters (405e9)."},
  {"workload.training.layers", K::integer, P::defaulted, "0", B::non_negative, "",
   "Transformer layers (for the attention FLOPs; 0 = ignore attention)."},
  {"workload.training.hidden_size", K::integer, P::defaulted, "0", B::non_negative, "", "Model width."},
  {"workload.training.sequence_length", K::integer, P::defaulted, "0", B::non_negative, "", "Tokens per sequence."},
  {"workload.training.flops_per_token", K::number, P::defaulted, "0", B::non_negative, "",
   "Training FLOPs per token; 0 = 6 x parameters + 12 x layers x hidden_size x sequence_length."},
  {"workload.training.tokens_per_step", K::number, P::required, "", B::positive, "", "Global batch in tokens."},
  {"workload.training.token_budget", K::number, P::required, "", B::positive, "",
   "Tokens to train; the campaign ends when they are reached."},
  {"workload.training.mfu", K::number, P::defaulted, "0.4", B::fraction, "", "Model FLOPs utilisation, in (0, 1]."},
  {"workload.training.measured_step_time", K::duration, P::defaulted, "0", B::non_negative, "",
   "A measured step time that replaces the compute model; 0 = use the model."},
  {"workload.training.comm_overlap", K::number, P::defaulted, "0", B::unit_interval, "",
   "Share of the gradient all-reduce hidden behind compute, in [0, 1]."},
  {"workload.training.gradient_bytes_per_parameter", K::number, P::defaulted, "2", B::positive, "",
   "Bytes per gradient element in the all-reduce (2 = bf16)."},
  {"workload.training.parallelism", K::section, P::required, "", B::none, "",
   "tp x pp x dp must equal the number of GPUs."},
  {"workload.training.parallelism.tp", K::integer, P::required, "", B::at_least_one, "", "Tensor parallelism."},
  {"workload.training.parallelism.pp", K::integer, P::required, "", B::at_least_one, "", "Pipeline parallelism."},
  {"workload.training.parallelism.dp", K::integer, P::required, "", B::at_least_one, "", "Data parallelism."},
  {"workload.training.data", K::section, P::defaulted, "", B::none, "", "The training tokens."},
  {"workload.training.data.mode", K::enumeration, P::defaulted, "staged", B::none, "staged|streamed",
   "staged: copied to local NVMe once before training; streamed: read from shared storage every step."},
  {"workload.training.data.bytes_per_token", K::number, P::defaulted, "4", B::positive, "",
   "Bytes per tokenized token on storage."},
  {"workload.training.data.dataset_size", K::bytes, P::defaulted, "0", B::non_negative, "",
   "Size of the dataset; 0 = token_budget x bytes_per_token."},
  {"workload.training.data.sample_size", K::bytes, P::optional, "", B::positive, "",
   "Streamed input: read as random samples of this size (4 KiB to 1 MiB typical, at most 1 GiB), one I/O "
   "each, so the storage's IOPS or request rate can stall training; absent: one sequential read per node "
   "and step."},
  {"workload.training.data.reads_in_flight", K::integer, P::defaulted, "64", B::at_least_one, "",
   "Streamed input: reads a node's data loaders keep outstanding (default 64: assumption, 8 ranks x 8 "
   "DataLoader workers with one read each)."},

  {"policies", K::section, P::defaulted, "", B::none, "", "Checkpointing and recovery."},
  {"policies.checkpoint", K::section, P::defaulted, "", B::none, "", "The checkpoint hierarchy."},
  {"policies.checkpoint.bytes_per_parameter", K::number, P::defaulted, "16", B::positive, "",
   "Checkpoint bytes per parameter (16 = bf16 weights and gradients, fp32 master weights and two Adam moments)."},
  {"policies.checkpoint.levels", K::array, P::defaulted, "", B::none, "",
   "Checkpoint levels, fastest first. Empty: no checkpoints (a failure loses everything)."},
  {"policies.checkpoint.levels[].target", K::enumeration, P::required, "", B::none,
   "host_dram|partner_nvme|shared_storage|shared_storage_sync",
   "host_dram: GPU -> host DRAM (blocking); partner_nvme: DRAM -> a partner node's NVMe (async); shared_storage: "
   "local copy -> shared storage (async); shared_storage_sync: every rank writes to shared storage while training "
   "waits."},
  {"policies.checkpoint.levels[].interval", K::duration, P::optional, "", B::positive, "",
   "Time between checkpoints of this level (set this or interval_steps)."},
  {"policies.checkpoint.levels[].interval_steps", K::integer, P::optional, "", B::at_least_one, "",
   "Steps between checkpoints of this level (set this or interval)."},
  {"policies.checkpoint.levels[].interval_clock", K::enumeration, P::defaulted, "training", B::none, "training|wall",
   "What `interval` counts. training: time spent running steps since the level last fired, from zero again when "
   "training resumes after a recovery or a planned stop (as frameworks' save timers do; the same as interval_steps "
   "when steps take constant time); wall: wall-clock time since the level last fired, running on through failures "
   "and recoveries."},
  {"policies.checkpoint.levels[].copy_overhead", K::duration, P::optional, "", B::non_negative, "",
   "Fixed time per copy beside bytes / bandwidth (planning, serialisation, synchronisation across ranks, metadata "
   "commit); blocking levels stall training for it, asynchronous ones finish later. Default: the catalog's figure "
   "for the level's target (data/checkpointing.json; `clustersim catalog host_dram` shows one)."},
  {"policies.checkpoint.levels[].when_busy", K::enumeration, P::defaulted, "skip", B::none, "skip|block",
   "When the previous copy of this level is still in flight: skip this one, or block training until it is done."},
  {"policies.checkpoint.levels[].partner", K::enumeration, P::defaulted, "other_rack", B::none,
   "same_rack|other_rack|other_pod", "partner_nvme: where the partner node is."},
  {"policies.checkpoint.levels[].file_per_rank", K::boolean, P::defaulted, "true", B::none, "",
   "Shared tiers: one file (object) per GPU rank, which loads the metadata service."},
  {"policies.recovery", K::section, P::defaulted, "", B::none, "", "What happens after a failure."},
  {"policies.recovery.mode", K::enumeration, P::defaulted, "full_restart", B::none, "full_restart|in_place",
   "full_restart: requeue the whole job and reload the newest checkpoint; in_place: a spare replaces the failed "
   "node while the job stays up."},
  {"policies.recovery.detection_time", K::duration, P::defaulted, "2 min", B::non_negative, "",
   "Time to notice a failure."},
  {"policies.recovery.restart_overhead", K::duration, P::defaulted, "10 min", B::non_negative, "",
   "Full restart: requeue, scheduling, process start."},
  {"policies.recovery.in_place_overhead", K::duration, P::defaulted, "1 min", B::non_negative, "",
   "In-place recovery: the replacement node joins the job."},
  {"policies.recovery.node_repair_time", K::duration, P::defaulted, "24 h", B::positive, "",
   "Time until a failed node is back in the spare pool."},

  {"failures", K::section, P::defaulted, "", B::none, "", "The failure model."},
  {"failures.preset", K::string, P::defaulted, "llama3-table5", B::none, "",
   "Catalog failure preset (`clustersim catalog`), or \"none\"."},
  {"failures.scale", K::number, P::defaulted, "1", B::non_negative, "",
   "Multiplies every rate of the preset (0 = no failures)."},
  {"failures.planned", K::section, P::defaulted, "", B::none, "",
   "Planned interruptions (maintenance, upgrades): the job stops at a step boundary with its state in host DRAM "
   "and no copy in flight, waits out the window, restarts and reloads; no work is lost. Default: the preset's."},
  {"failures.planned.period", K::duration, P::optional, "", B::positive, "",
   "Mean time between planned interruptions; absent: the preset's (none for most presets)."},
  {"failures.planned.duration", K::duration, P::optional, "", B::non_negative, "",
   "The maintenance window, shorter than the period; the restart overhead and the reload come on top."},
  {"failures.planned.arrival", K::enumeration, P::defaulted, "periodic", B::none, "periodic|poisson",
   "periodic: every period exactly; poisson: exponential gaps with mean period."},
  {"failures.fail_slow", K::section, P::defaulted, "", B::none, "",
   "Fail-slow GPUs: a GPU that keeps running slowly stretches every step of the synchronous job until it is found; "
   "then the job stops at a step boundary, swaps the node for a spare and resumes. Nothing is lost."},
  {"failures.fail_slow.rate_per_gpu_hour", K::number, P::defaulted, "0", B::non_negative, "",
   "GPUs going slow per GPU-hour, at most 1 (0 = none). One slow GPU at a time."},
  {"failures.fail_slow.step_slowdown", K::number, P::optional, "", B::positive, "",
   "Step time multiplier while the slow GPU is in the job, > 1; required with a rate."},
  {"failures.fail_slow.time_to_detect", K::duration, P::optional, "", B::non_negative, "",
   "Time from a GPU going slow until it is found and its node drained; required with a rate."},
  {"failures.lemons", K::section, P::defaulted, "", B::none, "",
   "Lemon nodes: some failed nodes fail again soon after each repair once they are back in the job, until they "
   "are retired and replaced."},
  {"failures.lemons.fraction", K::number, P::defaulted, "0", B::unit_interval, "",
   "Share of the nodes a failure takes out that are lemons, in [0, 1] (0 = none)."},
  {"failures.lemons.refail_mean", K::duration, P::optional, "", B::positive, "",
   "Mean time from a lemon joining the job until it fails again (exponential); required with a fraction."},
  {"failures.lemons.retire_after", K::integer, P::defaulted, "3", B::at_least_one, "",
   "Failures after which a lemon is retired and replaced by a new node (arriving after the node repair time) "
   "instead of repaired (an operator's policy)."},
  {"failures.causes", K::array, P::defaulted, "", B::none, "",
   "Extra causes; one with the name of a preset cause replaces it."},
  {"failures.causes[].name", K::string, P::required, "", B::none, "", "Unique name of the cause."},
  {"failures.causes[].component", K::enumeration, P::defaulted, "other", B::none,
   "gpu|host|cpu|dram|nic|ssd|psu|switch|cable|software|other", "What fails."},
  {"failures.causes[].rate_per_component_hour", K::number, P::required, "", B::non_negative, "",
   "Failures per component per hour."},
  {"failures.causes[].components_per_node", K::number, P::defaulted, "1", B::positive, "",
   "k components in every node, or 1/k for one component shared by k nodes (a leaf switch over 16 nodes: 0.0625)."},
  {"failures.causes[].blast_radius", K::enumeration, P::defaulted, "node", B::none,
   "node|node_and_local_storage|leaf_switch|job", "What the failure takes down."},
  {"failures.causes[].repair_time", K::duration, P::defaulted, "24 h", B::non_negative, "",
   "Time until the component is back in service."},
  {"failures.causes[].weibull_shape", K::number, P::defaulted, "1", B::positive, "",
   "Weibull shape of the lifetime (1 = exponential)."},

  {"failures.domains", K::section, P::defaulted, "", B::none, "",
   "Correlated failure domains (data/failure_domains.json): a power domain, a pod, or the shared storage failing "
   "or degrading for a while. A partner checkpoint copy inside the failed domain is lost with its node "
   "(models/workload/partner_geometry.hpp). Each figure defaults to the catalog's."},
  {"failures.domains.enabled", K::boolean, P::defaulted, "false", B::none, "",
   "true: add the catalog's domain failures (scaled by failures.scale like the preset's causes)."},
  {"failures.domains.power_domain", K::section, P::defaulted, "", B::none, "",
   "The power domain domain: a power domain (nodes_per_power_domain nodes) loses power: its nodes leave the job and lose their DRAM state; their NVMe is unreachable until repair."},
  {"failures.domains.power_domain.rate_per_domain_hour", K::number, P::optional, "", B::non_negative, "",
   "Events per domain-hour; default from the catalog."},
  {"failures.domains.power_domain.repair_time", K::duration, P::optional, "", B::positive, "",
   "Time until the domain is back. Default from the catalog."},
  {"failures.domains.pod", K::section, P::defaulted, "", B::none, "",
   "The pod domain: a pod (nodes_per_pod nodes) is cut off from the fabric until repair."},
  {"failures.domains.pod.rate_per_domain_hour", K::number, P::optional, "", B::non_negative, "",
   "Events per domain-hour; default from the catalog."},
  {"failures.domains.pod.repair_time", K::duration, P::optional, "", B::positive, "",
   "Time until the domain is back. Default from the catalog."},
  {"failures.domains.storage_outage", K::section, P::defaulted, "", B::none, "",
   "The storage outage domain: the shared storage is unavailable: drains due meanwhile are skipped, a drain in flight is aborted, and a recovery that must read from it waits for it."},
  {"failures.domains.storage_outage.rate_per_domain_hour", K::number, P::optional, "", B::non_negative, "",
   "Events per hour (the storage is one domain); default from the catalog."},
  {"failures.domains.storage_outage.repair_time", K::duration, P::optional, "", B::positive, "",
   "Length of the outage. Default from the catalog."},
  {"failures.domains.storage_degraded", K::section, P::defaulted, "", B::none, "",
   "The storage degraded domain: the shared storage runs at bandwidth_factor of its bandwidth."},
  {"failures.domains.storage_degraded.rate_per_domain_hour", K::number, P::optional, "", B::non_negative, "",
   "Events per hour (the storage is one domain); default from the catalog."},
  {"failures.domains.storage_degraded.repair_time", K::duration, P::optional, "", B::positive, "",
   "Length of the degradation. Default from the catalog."},
  {"failures.domains.storage_degraded.bandwidth_factor", K::number, P::optional, "", B::fraction, "",
   "Share of the storage bandwidth left while degraded, < 1; default from the catalog."},

  {"cost", K::section, P::defaulted, "", B::none, "", "How the cluster is paid for."},
  {"cost.model", K::enumeration, P::defaulted, "owned", B::none, "owned|cloud",
   "owned: capex amortised over the lifetime + energy + support; cloud: hourly node rate + storage."},
  {"cost.owned", K::section, P::defaulted, "", B::none, "", "Owned hardware."},
  {"cost.owned.switch_price", K::usd, P::optional, "", B::non_negative, "",
   "Price per switch; default from the catalog switch."},
  {"cost.owned.switch_power", K::power, P::optional, "", B::non_negative, "",
   "Power per switch; default from the catalog switch."},
  {"cost.owned.amortisation_years", K::number, P::defaulted, "4", B::positive, "",
   "Years over which the purchase price is spread."},
  {"cost.owned.pue", K::number, P::defaulted, "1.3", B::at_least_one, "", "Power usage effectiveness of the site."},
  {"cost.owned.usd_per_kwh", K::usd, P::defaulted, "0.10", B::non_negative, "", "Electricity price per kWh."},
  {"cost.owned.support_fraction_per_year", K::number, P::defaulted, "0.08", B::unit_interval, "",
   "Yearly support and maintenance as a share of the purchase price."},
  {"cost.cloud", K::section, P::defaulted, "", B::none, "", "Cloud pricing."},
  {"cost.cloud.storage_usd_per_gb_month", K::usd, P::defaulted, "0.023", B::non_negative, "",
   "Shared storage price per GB-month (S3 Standard: 0.023)."},
  {"cost.cloud.put_usd_per_1000", K::usd, P::defaulted, "0.005", B::non_negative, "", "Price per 1,000 writes."},
  {"cost.cloud.get_usd_per_1000", K::usd, P::defaulted, "0.0004", B::non_negative, "", "Price per 1,000 reads."},
  {"cost.cloud.retained_checkpoints", K::integer, P::defaulted, "2", B::non_negative, "",
   "Checkpoints kept on shared storage (billed capacity = dataset + retained checkpoints)."},

  {"run", K::section, P::defaulted, "", B::none, "", "Run settings."},
  {"run.seeds", K::integer, P::defaulted, "1", B::at_least_one, "", "Monte Carlo runs (seeds seed, seed+1, ...)."},
  {"run.seed", K::integer, P::defaulted, "1", B::non_negative, "", "First random seed."},
  {"run.horizon", K::duration, P::defaulted, "365 d", B::positive, "",
   "Stop here if the token budget is not reached."},
  {"run.sample_period", K::duration, P::defaulted, "1 h", B::positive, "", "Period of the progress time series."},
};
// clang-format on

}  // namespace

const std::vector<ParamSpec>& scenario_params() {
  return kParams;
}

std::string pattern_path(std::string_view path) {
  std::string pattern;
  bool in_index = false;
  for (const char c : path) {
    if (c == '[') {
      in_index = true;
      pattern += "[]";
    } else if (c == ']') {
      in_index = false;
    } else if (!in_index) {
      pattern += c;
    }
  }
  return pattern;
}

const ParamSpec* find_param(std::string_view pattern_path) {
  const auto found =
      std::find_if(kParams.begin(), kParams.end(), [&](const ParamSpec& spec) { return spec.path == pattern_path; });
  return found == kParams.end() ? nullptr : &*found;
}

std::vector<std::string_view> enum_choices(const ParamSpec& spec) {
  std::vector<std::string_view> choices;
  std::string_view rest = spec.choices;
  while (!rest.empty()) {
    const std::size_t bar = rest.find('|');
    choices.push_back(rest.substr(0, bar));
    if (bar == std::string_view::npos) break;
    rest.remove_prefix(bar + 1);
  }
  return choices;
}

std::string_view kind_name(ParamKind kind) {
  switch (kind) {
    case K::section:
      return "object";
    case K::catalog_section:
      return "catalog name or object";
    case K::array:
      return "array of objects";
    case K::string:
      return "string";
    case K::enumeration:
      return "enumeration";
    case K::boolean:
      return "boolean";
    case K::integer:
      return "integer";
    case K::number:
      return "number";
    case K::usd:
      return "US dollars";
    case K::duration:
      return "duration";
    case K::bytes:
      return "bytes";
    case K::bytes_per_s:
      return "bytes/s";
    case K::ops_per_s:
      return "operations/s";
    case K::flops_per_s:
      return "FLOP/s";
    case K::power:
      return "power";
  }
  return "?";
}

namespace {

std::string_view bound_adjective(Bound bound) {
  switch (bound) {
    case B::positive:
      return "a positive ";
    case B::non_negative:
      return "a non-negative ";
    default:
      return "a ";
  }
}

std::string unit_expectation(const ParamSpec& spec, std::string_view noun, std::string_view example) {
  std::string text =
      std::string(bound_adjective(spec.bound)) + std::string(noun) + " like \"" + std::string(example) + "\"";
  if (spec.bound == B::at_least_one) text += " (>= 1)";
  return text;
}

}  // namespace

std::string expectation(const ParamSpec& spec) {
  switch (spec.kind) {
    case K::section:
      return "an object";
    case K::catalog_section:
      return "a catalog name or an object with a \"catalog\" name";
    case K::array:
      return "an array of objects";
    case K::string:
      return "a string";
    case K::boolean:
      return "true or false";
    case K::enumeration: {
      std::string text = "one of";
      for (const std::string_view choice : enum_choices(spec)) text += " \"" + std::string(choice) + "\",";
      text.pop_back();
      return text;
    }
    case K::integer:
    case K::number:
    case K::usd: {
      std::string noun =
          spec.kind == K::integer ? "an integer" : (spec.kind == K::usd ? "an amount in US dollars" : "a number");
      switch (spec.bound) {
        case B::positive:
          return noun + " > 0";
        case B::non_negative:
          return noun + " >= 0";
        case B::at_least_one:
          return noun + " >= 1";
        case B::fraction:
          return noun + " in (0, 1]";
        case B::unit_interval:
          return noun + " in [0, 1]";
        case B::none:
          return noun;
      }
      return noun;
    }
    case K::duration:
      return unit_expectation(spec, "duration", "10 min");
    case K::bytes:
      return unit_expectation(spec, "size", "3.84 TB");
    case K::bytes_per_s:
      return unit_expectation(spec, "rate", "273 GB/s");
    case K::ops_per_s:
      return unit_expectation(spec, "rate", "5500 req/s");
    case K::flops_per_s:
      return unit_expectation(spec, "compute rate", "989 TFLOP/s");
    case K::power:
      return unit_expectation(spec, "power", "10.2 kW");
  }
  return "?";
}

}  // namespace clustersim::models::study
