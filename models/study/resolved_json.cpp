#include "models/study/resolved_json.hpp"

#include <array>
#include <cstddef>
#include <string_view>

namespace clustersim::models::study {

namespace {

using nlohmann::json;

template <typename Enum, std::size_t N>
std::string_view name_of(Enum value, const std::array<std::string_view, N>& names) {
  return names.at(static_cast<std::size_t>(value));
}

json node_json(const workload::NodeConfig& n) {
  return {{"name", n.name},
          {"gpus", n.gpus},
          {"gpu_peak_flops_per_s", n.gpu_peak_flops_per_s},
          {"gpu_hbm_bytes", n.gpu_hbm_bytes},
          {"pcie_bytes_per_s_per_gpu", n.pcie_bytes_per_s_per_gpu},
          {"dram_bytes", n.dram_bytes},
          {"backend_nic_bytes_per_s", n.backend_nic_bytes_per_s},
          {"frontend_nic_bytes_per_s", n.frontend_nic_bytes_per_s},
          {"nvme_read_bytes_per_s", n.nvme_read_bytes_per_s},
          {"nvme_write_bytes_per_s", n.nvme_write_bytes_per_s},
          {"nvme_capacity_bytes", n.nvme_capacity_bytes}};
}

json fabric_json(const workload::FabricConfig& f) {
  return {{"nodes_per_leaf", f.nodes_per_leaf},
          {"nodes_per_pod", f.nodes_per_pod},
          {"nodes_per_power_domain", f.nodes_per_power_domain},
          {"leaf_oversubscription", f.leaf_oversubscription},
          {"pod_oversubscription", f.pod_oversubscription},
          {"hop_latency_s", f.hop_latency.to_seconds()},
          {"gradient_exchange_s", f.gradient_exchange_s ? json(*f.gradient_exchange_s) : json()}};
}

json storage_json(const workload::SharedStorageConfig& s) {
  static constexpr std::array<std::string_view, 3> kKinds = {"parallel_file_system", "object_store", "unified"};
  return {{"name", s.name},
          {"kind", name_of(s.kind, kKinds)},
          {"servers", s.servers},
          {"write_bytes_per_s", s.write_bytes_per_s},
          {"read_bytes_per_s", s.read_bytes_per_s},
          {"capacity_bytes", s.capacity_bytes},
          {"first_byte_latency_s", s.first_byte_latency.to_seconds()},
          {"metadata_ops_per_s", s.metadata_ops_per_s},
          {"metadata_servers", s.metadata_servers},
          {"stripe_count", s.stripe_count},
          {"server_read_iops", s.server_read_iops},
          {"prefix_write_ops_per_s", s.prefix_write_ops_per_s},
          {"prefix_read_ops_per_s", s.prefix_read_ops_per_s},
          {"prefixes", s.prefixes},
          {"part_bytes", s.part_bytes},
          {"parts_in_flight", s.parts_in_flight}};
}

json model_json(const workload::TrainingModelConfig& m) {
  return {{"label", m.label},
          {"parameters", m.parameters},
          {"tokens_per_step", m.tokens_per_step},
          {"flops_per_token", m.flops_per_token},
          {"layers", m.layers},
          {"hidden_size", m.hidden_size},
          {"sequence_length", m.sequence_length},
          {"tensor_parallel", m.tensor_parallel},
          {"pipeline_parallel", m.pipeline_parallel},
          {"data_parallel", m.data_parallel},
          {"mfu", m.mfu},
          {"measured_step_time_s", m.measured_step_time.to_seconds()},
          {"comm_overlap_fraction", m.comm_overlap_fraction},
          {"gradient_bytes_per_parameter", m.gradient_bytes_per_parameter},
          {"token_budget", m.token_budget}};
}

json data_json(const workload::DataConfig& d) {
  static constexpr std::array<std::string_view, 2> kModes = {"staged_to_local_nvme", "streamed_from_shared_storage"};
  return {{"mode", name_of(d.mode, kModes)},
          {"bytes_per_token", d.bytes_per_token},
          {"dataset_bytes", d.dataset_bytes},
          {"sample_bytes", d.sample_bytes},
          {"reads_in_flight_per_node", d.reads_in_flight_per_node}};
}

json checkpoint_json(const workload::CheckpointPolicy& policy) {
  static constexpr std::array<std::string_view, 4> kTargets = {"host_dram", "partner_nvme", "shared_storage",
                                                               "shared_storage_sync"};
  static constexpr std::array<std::string_view, 2> kClocks = {"training", "wall"};
  static constexpr std::array<std::string_view, 2> kWhenBusy = {"skip", "block"};
  static constexpr std::array<std::string_view, 3> kPartners = {"same_rack", "other_rack", "other_pod"};
  json levels = json::array();
  for (const workload::CheckpointLevel& level : policy.levels) {
    levels.push_back({{"target", name_of(level.target, kTargets)},
                      {"interval_steps", level.interval_steps},
                      {"interval_s", level.interval.to_seconds()},
                      {"interval_clock", name_of(level.interval_clock, kClocks)},
                      {"copy_overhead_s", level.copy_overhead.to_seconds()},
                      {"when_busy", name_of(level.when_busy, kWhenBusy)},
                      {"partner", name_of(level.partner, kPartners)},
                      {"file_per_rank", level.file_per_rank}});
  }
  return {{"bytes_per_parameter", policy.bytes_per_parameter}, {"levels", levels}};
}

json failures_json(const workload::FailureConfig& f) {
  static constexpr std::array<std::string_view, 2> kRecovery = {"full_restart", "in_place"};
  static constexpr std::array<std::string_view, 2> kArrival = {"periodic", "poisson"};
  static constexpr std::array<std::string_view, 2> kLifetimes = {"exponential", "weibull"};
  json causes = json::array();
  for (const failure::FailureCause& cause : f.causes) {
    causes.push_back({{"name", cause.name},
                      {"component", failure::to_string(cause.component)},
                      {"rate_per_component_hour", cause.rate_per_component_hour},
                      {"components_per_node", cause.components_per_node},
                      {"lifetime", name_of(cause.distribution.kind, kLifetimes)},
                      {"weibull_shape", cause.distribution.weibull_shape},
                      {"blast_radius", failure::to_string(cause.blast_radius)},
                      {"repair_time_s", cause.repair_time.to_seconds()},
                      {"storage_bandwidth_factor", cause.storage_bandwidth_factor}});
  }
  return {{"causes", causes},
          {"detection_time_s", f.detection_time.to_seconds()},
          {"recovery", name_of(f.recovery, kRecovery)},
          {"restart_overhead_s", f.restart_overhead.to_seconds()},
          {"in_place_overhead_s", f.in_place_overhead.to_seconds()},
          {"spare_nodes", f.spare_nodes},
          {"node_repair_time_s", f.node_repair_time.to_seconds()},
          {"planned",
           {{"period_s", f.planned.period.to_seconds()},
            {"duration_s", f.planned.duration.to_seconds()},
            {"arrival", name_of(f.planned.arrival, kArrival)}}},
          {"fail_slow",
           {{"rate_per_gpu_hour", f.fail_slow.rate_per_gpu_hour},
            {"step_slowdown", f.fail_slow.step_slowdown},
            {"time_to_detect_s", f.fail_slow.time_to_detect.to_seconds()}}},
          {"lemons",
           {{"fraction", f.lemons.fraction},
            {"refail_mean_s", f.lemons.refail_mean.to_seconds()},
            {"retire_after", f.lemons.retire_after}}}};
}

json campaign_json(const workload::CampaignConfig& c) {
  return {{"nodes", c.nodes},
          {"node", node_json(c.node)},
          {"fabric", fabric_json(c.fabric)},
          {"storage", storage_json(c.storage)},
          {"model", model_json(c.model)},
          {"data", data_json(c.data)},
          {"checkpoint", checkpoint_json(c.checkpoint)},
          {"failures", failures_json(c.failures)},
          {"horizon_s", c.horizon.to_seconds()},
          {"sample_period_s", c.sample_period_s}};
}

json cost_json(const cost::CostConfig& c) {
  const cost::OwnedPricing& o = c.owned;
  const cost::CloudPricing& k = c.cloud;
  return {{"model", cost::to_string(c.model)},
          {"owned",
           {{"nodes", o.nodes},
            {"node_price_usd", o.node_price_usd},
            {"node_power_w", o.node_power_w},
            {"switches", o.switches},
            {"switch_price_usd", o.switch_price_usd},
            {"switch_power_w", o.switch_power_w},
            {"host_links", o.host_links},
            {"host_link_price_usd", o.host_link_price_usd},
            {"host_link_power_w", o.host_link_power_w},
            {"switch_links", o.switch_links},
            {"switch_link_price_usd", o.switch_link_price_usd},
            {"switch_link_power_w", o.switch_link_power_w},
            {"storage_price_usd", o.storage_price_usd},
            {"storage_power_w", o.storage_power_w},
            {"amortisation_years", o.amortisation_years},
            {"pue", o.pue},
            {"usd_per_kwh", o.usd_per_kwh},
            {"support_fraction_per_year", o.support_fraction_per_year}}},
          {"cloud",
           {{"nodes", k.nodes},
            {"node_hourly_usd", k.node_hourly_usd},
            {"stored_bytes", k.stored_bytes},
            {"storage_usd_per_gb_month", k.storage_usd_per_gb_month},
            {"put_usd_per_1000", k.put_usd_per_1000},
            {"get_usd_per_1000", k.get_usd_per_1000},
            {"request_bytes", k.request_bytes}}}};
}

}  // namespace

json resolved_model_json(const ResolvedScenario& scenario) {
  return {{"name", scenario.name},
          {"description", scenario.description},
          {"campaign", campaign_json(scenario.campaign)},
          {"cost", cost_json(scenario.cost)},
          {"seeds", scenario.seeds},
          {"seed", scenario.seed}};
}

}  // namespace clustersim::models::study
