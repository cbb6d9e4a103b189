#include "models/study/resolve.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "models/failure/failure_domain.hpp"
#include "models/failure/failure_rates.hpp"
#include "models/study/fabric_plan.hpp"
#include "models/study/gradient_exchange.hpp"
#include "models/workload/campaign_validation.hpp"
#include "sim/number_text.hpp"

namespace clustersim::models::study {

namespace {

using workload::CampaignConfig;

// Integers the models hold as int: larger values are rejected, never wrapped or converted with undefined behaviour.
template <typename T>
void check_fits(std::string_view path, double value) {
  if constexpr (std::is_integral_v<T>) {
    if (!(value <= static_cast<double>(std::numeric_limits<T>::max()))) {
      throw ScenarioError(std::string(path) + ": expected at most " + std::to_string(std::numeric_limits<T>::max()) +
                          ", got " + sim::number_text(value, 6));
    }
  }
}

int int_field(const ScenarioValues& values, const std::string& path) {
  const std::int64_t value = values.integer(path);
  check_fits<int>(path, static_cast<double>(value));
  return static_cast<int>(value);
}

template <typename T>
void override_with(const ScenarioValues& values, std::string_view path, T& target) {
  if (const auto value = values.optional_number(path)) {
    check_fits<T>(path, *value);
    target = static_cast<T>(*value);
  }
}

workload::NodeConfig resolve_node(const ScenarioValues& v, const NodeFacts& facts) {
  workload::NodeConfig node = facts.config;
  override_with(v, "architecture.node.gpus", node.gpus);
  override_with(v, "architecture.node.gpu_flops", node.gpu_peak_flops_per_s);
  override_with(v, "architecture.node.gpu_hbm", node.gpu_hbm_bytes);
  override_with(v, "architecture.node.pcie_bandwidth_per_gpu", node.pcie_bytes_per_s_per_gpu);
  override_with(v, "architecture.node.dram", node.dram_bytes);
  override_with(v, "architecture.node.backend_bandwidth", node.backend_nic_bytes_per_s);
  override_with(v, "architecture.node.frontend_bandwidth", node.frontend_nic_bytes_per_s);
  override_with(v, "architecture.node.nvme_read_bandwidth", node.nvme_read_bytes_per_s);
  override_with(v, "architecture.node.nvme_write_bandwidth", node.nvme_write_bytes_per_s);
  override_with(v, "architecture.node.nvme_capacity", node.nvme_capacity_bytes);
  if (v.boolean("architecture.frontend_network")) {
    if (!(node.frontend_nic_bytes_per_s > 0)) {
      throw ScenarioError("architecture.frontend_network: node \"" + node.name +
                          "\" has no front-end NICs; set architecture.node.frontend_bandwidth or use false");
    }
  } else {
    node.frontend_nic_bytes_per_s = 0;
  }
  if (!(node.backend_nic_bytes_per_s > 0)) {
    throw ScenarioError("architecture.node.backend_bandwidth: node \"" + node.name + "\" has no back-end bandwidth");
  }
  return node;
}

workload::SharedStorageConfig resolve_storage(const ScenarioValues& v, const StorageFacts& facts) {
  workload::SharedStorageConfig storage;
  storage.name = facts.name;
  storage.kind = facts.kind;
  if (v.has("architecture.storage.kind")) {
    const std::string& kind = v.text("architecture.storage.kind");
    storage.kind = kind == "object_store" ? workload::StorageKind::object_store
                   : kind == "unified"    ? workload::StorageKind::unified
                                          : workload::StorageKind::parallel_file_system;
  }
  const double servers =
      static_cast<double>(v.optional_integer("architecture.storage.servers").value_or(facts.servers));
  storage.write_bytes_per_s = servers * facts.server_write_bytes_per_s;
  storage.read_bytes_per_s = servers * facts.server_read_bytes_per_s;
  storage.capacity_bytes = servers * facts.server_capacity_bytes;
  storage.metadata_ops_per_s = facts.metadata_ops_per_s;
  storage.first_byte_latency = facts.first_byte_latency;
  override_with(v, "architecture.storage.write_bandwidth", storage.write_bytes_per_s);
  override_with(v, "architecture.storage.read_bandwidth", storage.read_bytes_per_s);
  override_with(v, "architecture.storage.capacity", storage.capacity_bytes);
  storage.servers = static_cast<int>(servers);
  storage.metadata_servers = static_cast<int>(facts.metadata_servers);
  storage.stripe_count = static_cast<int>(facts.stripe_count);
  storage.server_read_iops = facts.server_read_iops;
  storage.prefix_write_ops_per_s = facts.prefix_write_ops_per_s;
  storage.prefix_read_ops_per_s = facts.prefix_read_ops_per_s;
  storage.prefixes = static_cast<int>(facts.prefixes);
  storage.part_bytes = facts.part_bytes;
  // Each kind's own figures: a field for the other kind is an error, never silently ignored.
  const bool objects = storage.kind == workload::StorageKind::object_store;
  for (const char* field : {"metadata_rate", "metadata_servers", "stripe_count", "server_read_iops"}) {
    if (objects && v.has(std::string("architecture.storage.") + field)) {
      throw ScenarioError(std::string("architecture.storage.") + field +
                          ": applies to parallel_file_system and unified storage, not object_store");
    }
  }
  for (const char* field : {"prefixes", "part_size"}) {
    if (!objects && v.has(std::string("architecture.storage.") + field)) {
      throw ScenarioError(std::string("architecture.storage.") + field + ": applies to object_store only");
    }
  }
  override_with(v, "architecture.storage.metadata_rate", storage.metadata_ops_per_s);
  override_with(v, "architecture.storage.metadata_servers", storage.metadata_servers);
  override_with(v, "architecture.storage.stripe_count", storage.stripe_count);
  override_with(v, "architecture.storage.server_read_iops", storage.server_read_iops);
  override_with(v, "architecture.storage.prefixes", storage.prefixes);
  override_with(v, "architecture.storage.part_size", storage.part_bytes);
  if (const auto latency = v.optional_duration("architecture.storage.first_byte_latency")) {
    storage.first_byte_latency = *latency;
  }
  if (!(storage.write_bytes_per_s > 0) || !(storage.read_bytes_per_s > 0)) {
    throw ScenarioError("architecture.storage: \"" + storage.name +
                        "\" has no read or write bandwidth; set read_bandwidth and write_bandwidth");
  }
  return storage;
}

workload::TrainingModelConfig resolve_model(const ScenarioValues& v, const CampaignConfig& config) {
  workload::TrainingModelConfig model;
  const std::string p = "workload.training.";
  model.label = v.text(p + "model");
  model.parameters = v.number(p + "parameters");
  model.tokens_per_step = v.number(p + "tokens_per_step");
  model.flops_per_token = v.number(p + "flops_per_token");
  model.layers = int_field(v, p + "layers");
  model.hidden_size = int_field(v, p + "hidden_size");
  model.sequence_length = int_field(v, p + "sequence_length");
  model.tensor_parallel = int_field(v, p + "parallelism.tp");
  model.pipeline_parallel = int_field(v, p + "parallelism.pp");
  model.data_parallel = int_field(v, p + "parallelism.dp");
  model.mfu = v.number(p + "mfu");
  model.measured_step_time = v.duration(p + "measured_step_time");
  model.comm_overlap_fraction = v.number(p + "comm_overlap");
  model.gradient_bytes_per_parameter = v.number(p + "gradient_bytes_per_parameter");
  model.token_budget = v.number(p + "token_budget");

  const std::int64_t gpus = static_cast<std::int64_t>(config.nodes) * config.node.gpus;
  std::int64_t product = 0;  // tp x pp fits in int64; x dp may not (each is at most INT_MAX)
  const bool overflows =
      __builtin_mul_overflow(static_cast<std::int64_t>(model.tensor_parallel) * model.pipeline_parallel,
                             static_cast<std::int64_t>(model.data_parallel), &product);
  if (overflows || product != gpus) {
    throw ScenarioError(p + "parallelism: tp x pp x dp = " + std::to_string(model.tensor_parallel) + " x " +
                        std::to_string(model.pipeline_parallel) + " x " + std::to_string(model.data_parallel) + " = " +
                        (overflows ? std::string("more than 2^63") : std::to_string(product)) +
                        " must equal the GPU count " + std::to_string(config.nodes) + " nodes x " +
                        std::to_string(config.node.gpus) + " GPUs = " + std::to_string(gpus));
  }
  if (config.node.gpus % model.tensor_parallel != 0) {
    throw ScenarioError(p + "parallelism.tp: " + std::to_string(model.tensor_parallel) + " does not divide the " +
                        std::to_string(config.node.gpus) + " GPUs of a node (tensor parallelism stays inside a node)");
  }
  const double shards = static_cast<double>(model.tensor_parallel) * model.pipeline_parallel;
  const double bytes_per_parameter = config.checkpoint.bytes_per_parameter;
  const double per_gpu = 4.0 * model.parameters / shards +
                         std::max(0.0, bytes_per_parameter - 4.0) * model.parameters / (shards * model.data_parallel);
  if (per_gpu > config.node.gpu_hbm_bytes) {
    throw ScenarioError(
        p + "parameters: " + sim::number_text(model.parameters, 6) + " parameters need " +
        sim::number_text(per_gpu / 1e9, 6) + " GB per GPU with tp " + std::to_string(model.tensor_parallel) + ", pp " +
        std::to_string(model.pipeline_parallel) + ", dp " + std::to_string(model.data_parallel) + ", more than the " +
        sim::number_text(config.node.gpu_hbm_bytes / 1e9, 6) + " GB of HBM (architecture.node.gpu_hbm)");
  }
  return model;
}

workload::CheckpointPolicy resolve_checkpoints(const ScenarioValues& v, const CatalogSource& catalog) {
  workload::CheckpointPolicy policy;
  policy.bytes_per_parameter = v.number("policies.checkpoint.bytes_per_parameter");
  const std::size_t count = v.array_size("policies.checkpoint.levels");
  for (std::size_t i = 0; i < count; ++i) {
    const std::string p = "policies.checkpoint.levels[" + std::to_string(i) + "].";
    workload::CheckpointLevel level;
    const std::string& target = v.text(p + "target");
    level.target = target == "host_dram"        ? workload::CheckpointTarget::host_dram
                   : target == "partner_nvme"   ? workload::CheckpointTarget::partner_nvme
                   : target == "shared_storage" ? workload::CheckpointTarget::shared_storage
                                                : workload::CheckpointTarget::shared_storage_sync;
    const auto interval = v.optional_duration(p + "interval");
    const auto steps = v.optional_integer(p + "interval_steps");
    if (interval.has_value() == steps.has_value()) {
      throw ScenarioError(p.substr(0, p.size() - 1) + ": set exactly one of interval and interval_steps");
    }
    if (interval) level.interval = *interval;
    if (steps) level.interval_steps = *steps;
    level.interval_clock =
        v.text(p + "interval_clock") == "wall" ? workload::IntervalClock::wall : workload::IntervalClock::training;
    level.copy_overhead = v.optional_duration(p + "copy_overhead").value_or(catalog.copy_overhead(target));
    if (interval && level.copy_overhead >= *interval) {
      throw ScenarioError(p + "copy_overhead: " + to_string(level.copy_overhead) +
                          " per copy is not shorter than the level's interval of " + to_string(*interval));
    }
    level.when_busy = v.text(p + "when_busy") == "block" ? workload::WhenBusy::block : workload::WhenBusy::skip;
    const std::string& partner = v.text(p + "partner");
    level.partner = partner == "same_rack"   ? workload::PartnerPlacement::same_rack
                    : partner == "other_pod" ? workload::PartnerPlacement::other_pod
                                             : workload::PartnerPlacement::other_rack;
    level.file_per_rank = v.boolean(p + "file_per_rank");
    policy.levels.push_back(level);
  }
  return policy;
}

// The catalog's correlated failure domains with the scenario's failures.domains overrides (none unless enabled).
std::vector<failure::FailureCause> resolve_domains(const ScenarioValues& v,
                                                   std::vector<failure::FailureCause> domains) {
  const bool enabled = v.boolean("failures.domains.enabled");
  for (failure::FailureCause& domain : domains) {
    const std::string p = "failures.domains." + domain.name + ".";
    const auto rate = v.optional_number(p + "rate_per_domain_hour");
    const auto repair = v.optional_duration(p + "repair_time");
    const auto factor = v.optional_number(p + "bandwidth_factor");
    if (!enabled && (rate || repair || factor)) {
      throw ScenarioError(p +
                          (rate     ? "rate_per_domain_hour"
                           : repair ? "repair_time"
                                    : "bandwidth_factor") +
                          ": set failures.domains.enabled to true to use the domain failures");
    }
    if (rate) domain.rate_per_component_hour = *rate;
    if (repair) domain.repair_time = *repair;
    if (factor) {
      if (!(*factor < 1)) {
        throw ScenarioError(p + "bandwidth_factor: expected a share of the bandwidth < 1, got " +
                            sim::number_text(*factor, 6));
      }
      domain.storage_bandwidth_factor = *factor;
    }
  }
  return enabled ? domains : std::vector<failure::FailureCause>{};
}

// The preset's causes (scaled, repaired within the node repair time), the enabled failure domains (scaled) and the
// scenario's own causes; a cause whose blast radius is a domain gets one component per domain of the geometry.
std::vector<failure::FailureCause> resolve_causes(const ScenarioValues& v, const FailurePreset& preset,
                                                  std::vector<failure::FailureCause> domains,
                                                  const failure::DomainGeometry& geometry) {
  std::vector<failure::FailureCause> causes = preset.causes;
  const double scale = v.number("failures.scale");
  const sim::SimTime node_repair_time = v.duration("policies.recovery.node_repair_time");
  for (failure::FailureCause& cause : causes) cause.repair_time = node_repair_time;
  for (failure::FailureCause& domain : resolve_domains(v, std::move(domains))) causes.push_back(domain);
  for (failure::FailureCause& cause : causes) {
    cause.rate_per_component_hour *= scale;
    if (failure::is_domain(cause.blast_radius)) {
      cause.components_per_node = 1.0 / static_cast<double>(failure::nodes_per_domain(cause.blast_radius, geometry));
    }
  }
  const std::size_t extra = v.array_size("failures.causes");
  for (std::size_t i = 0; i < extra; ++i) {
    const std::string p = "failures.causes[" + std::to_string(i) + "].";
    failure::FailureCause cause;
    cause.name = v.text(p + "name");
    try {
      cause.component = failure::parse_component_kind(v.text(p + "component"));
      cause.blast_radius = failure::parse_blast_radius(v.text(p + "blast_radius"));
    } catch (const std::invalid_argument& error) {
      throw ScenarioError(p + "component: " + error.what());
    }
    cause.rate_per_component_hour = v.number(p + "rate_per_component_hour");
    cause.components_per_node = v.number(p + "components_per_node");
    cause.repair_time = v.duration(p + "repair_time");
    const double shape = v.number(p + "weibull_shape");
    if (shape != 1.0) cause.distribution = failure::LifetimeDistribution::weibull(shape);
    const auto same = std::find_if(causes.begin(), causes.end(),
                                   [&](const failure::FailureCause& c) { return c.name == cause.name; });
    if (same != causes.end()) {
      *same = cause;
    } else {
      causes.push_back(cause);
    }
  }
  try {
    failure::validate_causes(causes, "failures.causes");
  } catch (const std::invalid_argument& error) {
    throw ScenarioError(error.what());
  }
  return causes;
}

// The preset's planned interruptions with the scenario's failures.planned fields over them.
workload::PlannedInterruptions resolve_planned(const ScenarioValues& v, const FailurePreset& preset) {
  workload::PlannedInterruptions planned = preset.planned;
  if (const auto period = v.optional_duration("failures.planned.period")) planned.period = *period;
  if (const auto duration = v.optional_duration("failures.planned.duration")) planned.duration = *duration;
  planned.arrival = v.text("failures.planned.arrival") == "poisson" ? workload::PlannedInterruptions::Arrival::poisson
                                                                    : workload::PlannedInterruptions::Arrival::periodic;
  if (planned.period == sim::SimTime::zero()) {
    if (v.has("failures.planned.duration")) {
      throw ScenarioError(
          "failures.planned.duration: set failures.planned.period too (the preset has no planned "
          "interruptions)");
    }
    return planned;
  }
  if (planned.duration >= planned.period) {
    throw ScenarioError("failures.planned.duration: a window of " + to_string(planned.duration) +
                        " does not fit in a period of " + to_string(planned.period) + " (failures.planned.period)");
  }
  return planned;
}

workload::FailSlow resolve_fail_slow(const ScenarioValues& v) {
  workload::FailSlow slow;
  slow.rate_per_gpu_hour = v.number("failures.fail_slow.rate_per_gpu_hour");
  if (slow.rate_per_gpu_hour == 0) return slow;
  if (slow.rate_per_gpu_hour > 1) {
    throw ScenarioError("failures.fail_slow.rate_per_gpu_hour: expected at most 1 (a GPU going slow every hour), got " +
                        sim::number_text(slow.rate_per_gpu_hour, 6));
  }
  const auto slowdown = v.optional_number("failures.fail_slow.step_slowdown");
  const auto detect = v.optional_duration("failures.fail_slow.time_to_detect");
  if (!slowdown) throw ScenarioError("failures.fail_slow.step_slowdown: missing; a fail-slow rate needs it");
  if (!(*slowdown > 1)) {
    throw ScenarioError("failures.fail_slow.step_slowdown: expected a step time multiplier > 1, got " +
                        sim::number_text(*slowdown, 6));
  }
  if (!detect) throw ScenarioError("failures.fail_slow.time_to_detect: missing; a fail-slow rate needs it");
  slow.step_slowdown = *slowdown;
  slow.time_to_detect = *detect;
  return slow;
}

workload::LemonNodes resolve_lemons(const ScenarioValues& v) {
  workload::LemonNodes lemons;
  lemons.fraction = v.number("failures.lemons.fraction");
  lemons.retire_after = int_field(v, "failures.lemons.retire_after");
  if (lemons.fraction == 0) return lemons;
  const auto refail = v.optional_duration("failures.lemons.refail_mean");
  if (!refail) throw ScenarioError("failures.lemons.refail_mean: missing; a lemon fraction needs it");
  lemons.refail_mean = *refail;
  return lemons;
}

double required_price(std::optional<double> scenario, std::optional<double> catalog, std::string_view field,
                      const std::string& entry) {
  if (scenario) return *scenario;
  if (catalog) return *catalog;
  throw ScenarioError(std::string(field) + ": missing; the catalog entry \"" + entry +
                      "\" has no figure for it and the owned cost model needs one");
}

// The storage servers (object store: gateways) the owned cost model pays for: the scenario's or the catalog's
// count, raised to what a bandwidth override needs at the catalog's per-server bandwidth.
double priced_storage_servers(const ScenarioValues& v, const StorageFacts& facts,
                              const workload::SharedStorageConfig& storage) {
  double servers = static_cast<double>(v.optional_integer("architecture.storage.servers").value_or(facts.servers));
  if (facts.server_write_bytes_per_s > 0)
    servers = std::max(servers, std::ceil(storage.write_bytes_per_s / facts.server_write_bytes_per_s - 1e-9));
  if (facts.server_read_bytes_per_s > 0)
    servers = std::max(servers, std::ceil(storage.read_bytes_per_s / facts.server_read_bytes_per_s - 1e-9));
  return servers;
}

// architecture.storage.<figure> (the whole system), or server_<figure> x the priced servers, or the catalog's.
double storage_figure(const ScenarioValues& v, const std::string& figure, double servers, std::optional<double> catalog,
                      const std::string& entry) {
  const std::string whole = "architecture.storage." + figure;
  const std::string per_server = "architecture.storage.server_" + figure;
  const auto system = v.optional_number(whole);
  const auto server = v.optional_number(per_server);
  if (system && server) throw ScenarioError(per_server + ": give " + whole + " or " + per_server + ", not both");
  if (server) return *server * servers;
  return required_price(system, catalog, whole, entry);
}

cost::CostConfig resolve_cost(const ScenarioValues& v, const CatalogSource& catalog, const CampaignConfig& config,
                              const NodeFacts& node, const StorageFacts& storage, const SwitchFacts& sw,
                              const FabricPlan& fabric) {
  cost::CostConfig cost;
  const std::int64_t all_nodes = static_cast<std::int64_t>(config.nodes) + config.failures.spare_nodes;
  if (v.text("cost.model") == "owned") {
    cost.model = cost::CostModelKind::owned;
    cost::OwnedPricing& o = cost.owned;
    o.nodes = all_nodes;
    o.node_price_usd = required_price(v.optional_number("architecture.node.price"), node.price_usd,
                                      "architecture.node.price", config.node.name);
    o.node_power_w = v.optional_number("architecture.node.power").value_or(node.power_w);
    o.switches = fabric.inventory.switches;
    o.switch_price_usd =
        required_price(v.optional_number("cost.owned.switch_price"), sw.price_usd, "cost.owned.switch_price", sw.name);
    o.switch_power_w =
        required_price(v.optional_number("cost.owned.switch_power"), sw.power_w, "cost.owned.switch_power", sw.name);
    const LinkFacts host_link =
        catalog.link_media(v.text("architecture.fabric.host_link"), "architecture.fabric.host_link");
    const LinkFacts switch_link =
        catalog.link_media(v.text("architecture.fabric.switch_link"), "architecture.fabric.switch_link");
    o.host_links = fabric.inventory.host_links;
    o.host_link_price_usd = host_link.price_usd;
    o.host_link_power_w = host_link.power_w;
    o.switch_links = fabric.inventory.switch_links;
    o.switch_link_price_usd = switch_link.price_usd;
    o.switch_link_power_w = switch_link.power_w;
    const double servers = priced_storage_servers(v, storage, config.storage);
    o.storage_price_usd = storage_figure(v, "price", servers, storage.price_usd, storage.name);
    o.storage_power_w = storage_figure(v, "power", servers, storage.power_w, storage.name);
    o.amortisation_years = v.number("cost.owned.amortisation_years");
    o.pue = v.number("cost.owned.pue");
    o.usd_per_kwh = v.number("cost.owned.usd_per_kwh");
    o.support_fraction_per_year = v.number("cost.owned.support_fraction_per_year");
  } else {
    cost.model = cost::CostModelKind::cloud;
    cost::CloudPricing& c = cost.cloud;
    c.nodes = all_nodes;
    const auto hourly = v.optional_number("architecture.node.hourly_price");
    if (!hourly) {
      throw ScenarioError(
          "architecture.node.hourly_price: missing; the cloud cost model needs the node's hourly price");
    }
    c.node_hourly_usd = *hourly;
    const double dataset = workload::dataset_bytes(config);
    const bool shared_checkpoints = std::any_of(config.checkpoint.levels.begin(), config.checkpoint.levels.end(),
                                                [](const workload::CheckpointLevel& l) {
                                                  return l.target == workload::CheckpointTarget::shared_storage ||
                                                         l.target == workload::CheckpointTarget::shared_storage_sync;
                                                });
    const double checkpoint = config.model.parameters * config.checkpoint.bytes_per_parameter;
    c.stored_bytes =
        dataset +
        (shared_checkpoints ? checkpoint * static_cast<double>(v.integer("cost.cloud.retained_checkpoints")) : 0.0);
    c.storage_usd_per_gb_month = v.number("cost.cloud.storage_usd_per_gb_month");
    c.put_usd_per_1000 = v.number("cost.cloud.put_usd_per_1000");
    c.get_usd_per_1000 = v.number("cost.cloud.get_usd_per_1000");
    c.request_bytes = config.storage.part_bytes;  // each part of a multipart transfer is one billed request
  }
  return cost;
}

// The caps of run_limits.hpp that depend only on the scenario's own fields (checked before anything is built).
void check_limits(const ScenarioValues& v, const RunLimits& limits) {
  const std::int64_t nodes = v.integer("architecture.nodes");
  check_count_limit("architecture.nodes", nodes, limits.max_nodes, "nodes", max_nodes_flag);
  const std::int64_t spares = v.integer("architecture.spare_nodes");
  check_count_limit("architecture.spare_nodes", spares, limits.max_nodes, "nodes", max_nodes_flag);
  check_count_limit("architecture.nodes + architecture.spare_nodes", nodes + spares, limits.max_nodes, "nodes",
                    max_nodes_flag);
  check_count_limit("run.seeds", v.integer("run.seeds"), limits.max_seeds, "seeds", max_seeds_flag);
  const sim::SimTime horizon = v.duration("run.horizon");
  if (horizon > limits.max_horizon) {
    throw ScenarioError(
        limit_message("run.horizon", to_string(horizon), to_string(limits.max_horizon), max_horizon_flag));
  }
  const std::int64_t samples = horizon.ns() / v.duration("run.sample_period").ns();
  if (static_cast<std::uint64_t>(samples) > limits.max_events) {
    throw ScenarioError(limit_message("run.horizon / run.sample_period", std::to_string(samples) + " samples",
                                      std::to_string(limits.max_events) + " events per run", max_events_flag));
  }
}

}  // namespace

ResolvedScenario resolve_scenario(const ScenarioValues& v, const CatalogSource& catalog, const RunLimits& limits,
                                  const std::filesystem::path& scenario_dir) {
  check_limits(v, limits);
  ResolvedScenario out;
  out.name = v.text("name");
  out.description = v.text("description");
  out.scenario = v.normalized();
  CampaignConfig& config = out.campaign;

  const NodeFacts node = catalog.node(v.text("architecture.node.catalog"), "architecture.node.catalog");
  config.node = resolve_node(v, node);
  config.nodes = int_field(v, "architecture.nodes");
  const SwitchFacts sw = catalog.network_switch(v.text("architecture.fabric.switch"), "architecture.fabric.switch");
  const std::int64_t radix_value = v.optional_integer("architecture.fabric.switch_radix").value_or(sw.ports);
  check_fits<int>("architecture.fabric.switch_radix", static_cast<double>(radix_value));
  const int radix = static_cast<int>(radix_value);
  if (radix < 2)
    throw ScenarioError("architecture.fabric.switch_radix: expected an integer >= 2, got " + std::to_string(radix));
  const FabricPlan fabric = plan_fabric(v, config.nodes, config.node.gpus, config.node.backend_nic_bytes_per_s,
                                        FabricSwitch{sw.name, radix}, limits.max_links, scenario_dir);
  config.fabric = fabric.config;
  if (const auto per_power_domain = v.optional_integer("architecture.fabric.nodes_per_power_domain")) {
    check_fits<int>("architecture.fabric.nodes_per_power_domain", static_cast<double>(*per_power_domain));
    config.fabric.nodes_per_power_domain = static_cast<int>(*per_power_domain);
  } else {
    config.fabric.nodes_per_power_domain = config.fabric.nodes_per_leaf;
  }
  const failure::DomainGeometry geometry{.nodes = config.nodes,
                                         .nodes_per_leaf = config.fabric.nodes_per_leaf,
                                         .nodes_per_power_domain = config.fabric.nodes_per_power_domain,
                                         .nodes_per_pod = config.fabric.nodes_per_pod};
  try {
    failure::validate_geometry(geometry, "architecture.fabric.");
  } catch (const std::invalid_argument& error) {
    throw ScenarioError(error.what());
  }

  const StorageFacts storage = catalog.storage(v.text("architecture.storage.catalog"), "architecture.storage.catalog");
  config.storage = resolve_storage(v, storage);
  config.checkpoint = resolve_checkpoints(v, catalog);
  config.model = resolve_model(v, config);
  const int sample_nodes = exchange_sample_nodes(config, v.text("architecture.fabric.kind") == "fat_tree");
  config.fabric.gradient_exchange_s =
      sample_nodes == config.nodes
          ? gradient_exchange_s(fabric.built, config, sample_nodes)
          : gradient_exchange_s(
                build_scenario_fabric(v, sample_nodes, config.node.gpus, config.node.backend_nic_bytes_per_s,
                                      FabricSwitch{sw.name, radix}, limits.max_links, scenario_dir),
                config, sample_nodes);

  config.data.mode = v.text("workload.training.data.mode") == "streamed"
                         ? workload::DataMode::streamed_from_shared_storage
                         : workload::DataMode::staged_to_local_nvme;
  config.data.bytes_per_token = v.number("workload.training.data.bytes_per_token");
  config.data.dataset_bytes = v.number("workload.training.data.dataset_size");
  if (const auto sample = v.optional_number("workload.training.data.sample_size")) {
    if (*sample > 1024.0 * 1024 * 1024) {
      throw ScenarioError("workload.training.data.sample_size: expected at most 1 GiB (one random read), got " +
                          sim::number_text(*sample, 6) + " bytes");
    }
    config.data.sample_bytes = *sample;
  }
  config.data.reads_in_flight_per_node = int_field(v, "workload.training.data.reads_in_flight");

  workload::FailureConfig& failures = config.failures;
  const std::string& preset_name = v.text("failures.preset");
  const FailurePreset preset =
      preset_name == "none" ? FailurePreset{} : catalog.failure_preset(preset_name, "failures.preset");
  failures.causes = resolve_causes(v, preset, catalog.failure_domains(), geometry);
  failures.planned = resolve_planned(v, preset);
  failures.fail_slow = resolve_fail_slow(v);
  failures.lemons = resolve_lemons(v);
  failures.detection_time = v.duration("policies.recovery.detection_time");
  failures.recovery = v.text("policies.recovery.mode") == "in_place" ? workload::RecoveryMode::in_place
                                                                     : workload::RecoveryMode::full_restart;
  failures.restart_overhead = v.duration("policies.recovery.restart_overhead");
  failures.in_place_overhead = v.duration("policies.recovery.in_place_overhead");
  failures.spare_nodes = int_field(v, "architecture.spare_nodes");
  failures.node_repair_time = v.duration("policies.recovery.node_repair_time");

  config.horizon = v.duration("run.horizon");
  config.sample_period_s = v.duration("run.sample_period").to_seconds();
  out.seeds = int_field(v, "run.seeds");
  out.seed = static_cast<std::uint64_t>(v.integer("run.seed"));
  config.budget = limits.budget();

  out.cost = resolve_cost(v, catalog, config, node, storage, sw, fabric);

  nlohmann::json& d = out.derived;
  const workload::NodeConfig& n = config.node;
  d["node"] = {{"name", n.name},
               {"gpus", n.gpus},
               {"gpu_flops", n.gpu_peak_flops_per_s},
               {"gpu_hbm_bytes", n.gpu_hbm_bytes},
               {"pcie_bytes_per_s_per_gpu", n.pcie_bytes_per_s_per_gpu},
               {"dram_bytes", n.dram_bytes},
               {"backend_bytes_per_s", n.backend_nic_bytes_per_s},
               {"frontend_bytes_per_s", n.frontend_nic_bytes_per_s},
               {"nvme_read_bytes_per_s", n.nvme_read_bytes_per_s},
               {"nvme_write_bytes_per_s", n.nvme_write_bytes_per_s},
               {"nvme_capacity_bytes", n.nvme_capacity_bytes}};
  d["gpus"] = static_cast<std::int64_t>(config.nodes) * n.gpus;
  d["fabric"] = {{"switches", fabric.inventory.switches},
                 {"links", fabric.inventory.host_links + fabric.inventory.switch_links},
                 {"host_links", fabric.inventory.host_links},
                 {"switch_links", fabric.inventory.switch_links},
                 {"max_switch_ports", fabric.inventory.max_switch_ports},
                 {"bisection_bytes_per_s", fabric.bisection_bytes_per_s},
                 {"oversubscription", fabric.oversubscription},
                 {"nodes_per_leaf", config.fabric.nodes_per_leaf},
                 {"nodes_per_pod", config.fabric.nodes_per_pod},
                 {"nodes_per_power_domain", config.fabric.nodes_per_power_domain},
                 {"switch", sw.name},
                 {"switch_radix", radix},
                 {"link_layer", std::string(fabric::to_string(fabric.link_layer))},
                 {"routing", std::string(fabric::to_string(fabric.routing))},
                 {"gradient_exchange_s", *config.fabric.gradient_exchange_s}};
  const workload::SharedStorageConfig& s = config.storage;
  d["storage"] = {{"name", s.name},
                  {"write_bytes_per_s", s.write_bytes_per_s},
                  {"read_bytes_per_s", s.read_bytes_per_s},
                  {"servers", s.servers},
                  {"metadata_ops_per_s", s.metadata_ops_per_s},
                  {"metadata_servers", s.metadata_servers},
                  {"stripe_count", s.stripe_count},
                  {"server_read_iops", s.server_read_iops},
                  {"prefixes", s.prefixes},
                  {"part_bytes", s.part_bytes},
                  {"first_byte_latency_s", s.first_byte_latency.to_seconds()},
                  {"capacity_bytes", s.capacity_bytes}};
  d["checkpoint_bytes"] = config.model.parameters * config.checkpoint.bytes_per_parameter;
  d["failure_causes"] = failures.causes.size();
  if (failure::failures_per_hour(failures.causes, config.nodes) > 0) {
    d["job_mtbf_s"] = failure::mean_time_between_failures(failures.causes, config.nodes).to_seconds();
  }
  return out;
}

ResolvedScenario load_resolved_scenario(const std::filesystem::path& path, const CatalogSource& catalog,
                                        const RunLimits& limits, const ScenarioOverrides& overrides) {
  const ScenarioValues values = load_scenario_file(path, overrides);
  try {
    return resolve_scenario(values, catalog, limits, path.parent_path());
  } catch (const ScenarioError& error) {
    throw ScenarioError(path.string() + ": " + error.what());
  }
}

void validate_resolved_scenario(const ResolvedScenario& scenario) {
  workload::validate_campaign(scenario.campaign);
}

ScenarioFabric load_scenario_fabric(const std::filesystem::path& path, const CatalogSource& catalog,
                                    const RunLimits& limits) {
  const ScenarioValues values = load_scenario_file(path);
  try {
    const ResolvedScenario resolved = resolve_scenario(values, catalog, limits, path.parent_path());
    const workload::NodeConfig& node = resolved.campaign.node;
    const FabricSwitch sw{resolved.derived["fabric"]["switch"].get<std::string>(),
                          resolved.derived["fabric"]["switch_radix"].get<int>()};
    return build_scenario_fabric(values, resolved.campaign.nodes, node.gpus, node.backend_nic_bytes_per_s, sw,
                                 limits.max_links, path.parent_path());
  } catch (const ScenarioError& error) {
    throw ScenarioError(path.string() + ": " + error.what());
  }
}

}  // namespace clustersim::models::study
