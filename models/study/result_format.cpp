#include "models/study/result_format.hpp"

#include "models/study/resolved_json.hpp"

#include <cstdio>
#include <vector>

#include "models/cost/cost_model.hpp"
#include "models/study/level_optimum.hpp"
#include "models/study/storage_operations.hpp"
#include "models/study/version.hpp"
#include "sim/number_text.hpp"
#include "sim/units.hpp"

namespace clustersim::models::study {

using nlohmann::ordered_json;

namespace {

ordered_json estimate_json(const Estimate& e) {
  return ordered_json{{"mean", e.mean}, {"ci95", ordered_json::array({e.ci95_low, e.ci95_high})}};
}

ordered_json estimate_json(const std::optional<Estimate>& e) {
  return e ? estimate_json(*e) : ordered_json(nullptr);
}

ordered_json optional_json(const std::optional<double>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

template <typename Map>
ordered_json map_json(const Map& map) {
  ordered_json out = ordered_json::object();
  for (const auto& [key, value] : map) out[key] = value;
  return out;
}

std::string optional_mean(const std::optional<Estimate>& e) {
  return e ? sim::number_text(e->mean) : std::string();
}

}  // namespace

ordered_json result_json(const StudyResult& result, const ResolvedScenario& scenario) {
  ordered_json metrics;
  metrics["forward_progress"] = estimate_json(result.forward_progress);
  metrics["time_to_train_s"] = estimate_json(result.time_to_train_s);
  metrics["wall_time_s"] = estimate_json(result.wall_time_s);
  metrics["tokens_trained"] = estimate_json(result.tokens_trained);
  metrics["interruptions"] = estimate_json(result.interruptions);
  metrics["budget_reached_fraction"] = result.budget_reached_fraction;
  metrics["step_time_s"] = result.step_time_s;
  metrics["breakdown"] = map_json(result.breakdown_s);
  ordered_json losses = ordered_json::array();
  for (const auto& [cause, seconds] : largest_losses(result, 3))
    losses.push_back({{"cause", cause}, {"seconds", seconds}});
  metrics["largest_losses"] = losses;
  ordered_json optima = ordered_json::array();
  const std::vector<LevelOptimum> level_optimum = level_optima(result, scenario);
  for (const LevelOptimum& o : level_optimum) {
    optima.push_back({{"level", o.level},
                      {"interval_s", o.interval_s},
                      {"copy_cost_s", o.copy_cost_s},
                      {"recoveries", o.recoveries},
                      {"mtbf_s", optional_json(o.mtbf_s)},
                      {"young_interval_s", optional_json(o.young_s)},
                      {"daly_interval_s", optional_json(o.daly_s)}});
  }
  metrics["checkpoint_interval_optimum"] = optima;
  const StorageOperations storage_ops = storage_operations(scenario);
  ordered_json operations = ordered_json::array();
  for (const workload::StorageOperationTime& op : storage_ops.operations) {
    operations.push_back({{"operation", op.name},
                          {"nodes", op.nodes},
                          {"bytes_per_node", op.bytes_per_node},
                          {"seconds", op.time.seconds},
                          {"bound", op.time.bound},
                          {"bytes_alone_s", op.time.data_bound_s}});
  }
  metrics["storage_operations"] = operations;
  std::vector<std::string> warnings = checkpoint_warnings(level_optimum);
  for (std::string& warning : storage_warnings(storage_ops)) warnings.push_back(std::move(warning));
  metrics["warnings"] = warnings;

  ordered_json cost;
  cost["model"] = std::string(cost::to_string(scenario.cost.model));
  cost["total_usd"] = estimate_json(result.total_usd);
  cost["usd_per_useful_gpu_hour"] = estimate_json(result.usd_per_useful_gpu_hour);
  cost["usd_per_trained_token"] = estimate_json(result.usd_per_trained_token);
  cost["usd_per_million_served_tokens"] = estimate_json(result.usd_per_million_served_tokens);
  cost["breakdown_usd"] = map_json(result.cost_breakdown_usd);

  ordered_json runs = ordered_json::array();
  for (const SeedRun& run : result.runs) {
    const workload::CampaignResult& c = run.campaign;
    ordered_json r;
    r["seed"] = run.seed;
    r["forward_progress"] = c.forward_progress;
    r["time_to_train_s"] = c.time_to_train_s;
    r["wall_time_s"] = c.wall_time_s;
    r["budget_reached"] = c.budget_reached;
    r["tokens_trained"] = c.tokens_trained;
    r["interruptions"] = c.interruptions;
    r["interruptions_by_cause"] = map_json(c.interruptions_by_cause);
    r["recoveries_by_tier"] = map_json(c.recoveries_by_tier);
    r["storage_events"] = map_json(c.storage_events);
    r["breakdown_s"] = map_json(c.breakdown_s);
    r["checkpoints_completed"] = map_json(c.checkpoints_completed);
    r["checkpoints_skipped"] = map_json(c.checkpoints_skipped);
    ordered_json copy_time = ordered_json::object();
    for (const auto& [level, t] : c.checkpoint_copy_time)
      copy_time[level] = {{"copies", t.copies}, {"seconds", t.seconds}};
    r["checkpoint_copy_time"] = copy_time;
    ordered_json copy_age = ordered_json::object();
    for (const auto& [level, age] : c.copy_age) copy_age[level] = {{"mean_s", age.mean_s}, {"p99_s", age.p99_s}};
    r["checkpoint_copy_age"] = copy_age;
    ordered_json traffic = ordered_json::object();
    for (const auto& [tier, t] : c.tier_traffic) {
      traffic[tier] = {{"bytes_written", t.bytes_written}, {"bytes_read", t.bytes_read}, {"busy_s", t.busy_s}};
    }
    r["tier_traffic"] = traffic;
    r["events"] = c.events;
    r["total_usd"] = run.cost.total_usd;
    r["cost_breakdown_usd"] = map_json(run.cost.breakdown_usd);
    r["usd_per_useful_gpu_hour"] = optional_json(run.cost.usd_per_useful_gpu_hour);
    r["usd_per_trained_token"] = optional_json(run.cost.usd_per_trained_token);
    runs.push_back(std::move(r));
  }

  ordered_json out;
  out["tool"] = {{"name", "clustersim"}, {"version", std::string(version())}};
  out["scenario"] = result.scenario;
  out["description"] = scenario.description;
  out["seed"] = result.first_seed;
  out["seeds"] = result.seeds;
  out["metrics"] = std::move(metrics);
  out["cost"] = std::move(cost);
  out["runs"] = std::move(runs);
  out["resolved_scenario"] = {{"scenario", ordered_json::parse(scenario.scenario.dump())},
                              {"derived", ordered_json::parse(scenario.derived.dump())},
                              {"model", ordered_json::parse(resolved_model_json(scenario).dump())}};
  return out;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string result_json_text(const StudyResult& result, const ResolvedScenario& scenario) {
  return result_json(result, scenario).dump(2) + "\n";
}

std::string csv_header() {
  return "scenario,seeds,seed,forward_progress_mean,forward_progress_ci95_low,forward_progress_ci95_high,"
         "time_to_train_s_mean,time_to_train_s_ci95_low,time_to_train_s_ci95_high,budget_reached_fraction,"
         "interruptions_mean,total_usd_mean,total_usd_ci95_low,total_usd_ci95_high,usd_per_useful_gpu_hour_mean,"
         "usd_per_trained_token_mean,usd_per_million_served_tokens_mean" +
         breakdown_csv_columns() + "\n";
}

std::string breakdown_csv_columns() {
  std::string columns;
  for (const char* cause : workload::kBreakdownCauses) columns += std::string(",") + cause + "_s";
  return columns;
}

std::string csv_row(const StudyResult& r) {
  std::vector<std::string> fields = {csv_field(r.scenario), std::to_string(r.seeds), std::to_string(r.first_seed)};
  for (const Estimate* e : {&r.forward_progress, &r.time_to_train_s}) {
    fields.push_back(sim::number_text(e->mean));
    fields.push_back(sim::number_text(e->ci95_low));
    fields.push_back(sim::number_text(e->ci95_high));
  }
  fields.push_back(sim::number_text(r.budget_reached_fraction));
  fields.push_back(sim::number_text(r.interruptions.mean));
  fields.push_back(sim::number_text(r.total_usd.mean));
  fields.push_back(sim::number_text(r.total_usd.ci95_low));
  fields.push_back(sim::number_text(r.total_usd.ci95_high));
  fields.push_back(optional_mean(r.usd_per_useful_gpu_hour));
  fields.push_back(optional_mean(r.usd_per_trained_token));
  fields.push_back(optional_mean(r.usd_per_million_served_tokens));
  for (const char* cause : workload::kBreakdownCauses) {
    const auto found = r.breakdown_s.find(cause);
    fields.push_back(found != r.breakdown_s.end() ? sim::number_text(found->second) : std::string());
  }
  std::string row;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) row += ',';
    row += fields[i];
  }
  row += '\n';
  return row;
}

namespace {

// Checkpoint levels and storage tiers, means over the seeds: how many copies each level completed and
// skipped (still busy at its trigger) and how long a copy that moved the state took on average (over
// all seeds' copies), and what each tier moved and how much of the wall time it was busy.
std::string checkpoint_and_tier_lines(const StudyResult& r) {
  if (r.runs.empty()) return {};
  const double seeds = static_cast<double>(r.runs.size());
  struct LevelCopies {
    double completed = 0;  // mean over the seeds
    double skipped = 0;
    workload::CopyTime time;  // over all seeds
    workload::CopyAge age;    // means over the seeds
  };
  std::map<std::string, LevelCopies> copies;
  std::map<std::string, workload::TierTraffic> tiers;
  double wall_s = 0;
  for (const SeedRun& run : r.runs) {
    const workload::CampaignResult& c = run.campaign;
    for (const auto& [level, n] : c.checkpoints_completed) copies[level].completed += static_cast<double>(n) / seeds;
    for (const auto& [level, n] : c.checkpoints_skipped) copies[level].skipped += static_cast<double>(n) / seeds;
    for (const auto& [level, t] : c.checkpoint_copy_time) {
      copies[level].time.copies += t.copies;
      copies[level].time.seconds += t.seconds;
    }
    for (const auto& [level, age] : c.copy_age) {
      copies[level].age.mean_s += age.mean_s / seeds;
      copies[level].age.p99_s += age.p99_s / seeds;
    }
    for (const auto& [tier, t] : c.tier_traffic) {
      tiers[tier].bytes_written += t.bytes_written / seeds;
      tiers[tier].bytes_read += t.bytes_read / seeds;
      tiers[tier].busy_s += t.busy_s / seeds;
    }
    wall_s += c.wall_time_s / seeds;
  }
  char line[256];
  std::string out;
  if (!copies.empty()) {
    out +=
        "  checkpoint copies (mean over seeds)   completed     skipped   mean copy (s)   RPO mean (s)    RPO p99 (s)\n"
        "    (skipped: the level was still busy at its trigger; RPO: age of the newest copy on the level's tier or "
        "a slower one)\n";
    for (const auto& [level, n] : copies) {
      char mean_copy[32] = "-";
      if (n.time.copies > 0) {
        const double mean_s = n.time.seconds / static_cast<double>(n.time.copies);
        std::snprintf(mean_copy, sizeof mean_copy, mean_s < 1 ? "%.3f" : "%.1f", mean_s);
      }
      std::snprintf(line, sizeof line, "    %-32s %12.1f %11.1f %15s %14.0f %14.0f\n", level.c_str(), n.completed,
                    n.skipped, mean_copy, n.age.mean_s, n.age.p99_s);
      out += line;
    }
  }
  if (!tiers.empty()) {
    out += "  storage tiers (mean over seeds)        written        read     busy\n";
    for (const auto& [tier, t] : tiers) {
      std::snprintf(line, sizeof line, "    %-32s %11s %11s  %6.2f%%\n", tier.c_str(),
                    sim::format_bytes(t.bytes_written).c_str(), sim::format_bytes(t.bytes_read).c_str(),
                    wall_s > 0 ? 100.0 * t.busy_s / wall_s : 0.0);
      out += line;
    }
  }
  return out;
}

// Each shared-storage operation with every node at once: its time on the storage model, what limits it, and what
// its bytes alone need.
std::string storage_operation_lines(const std::vector<workload::StorageOperationTime>& operations) {
  if (operations.empty()) return {};
  std::string out = "  shared storage, every node at once    per node     time (s)   bound by    bytes alone (s)\n";
  char line[256];
  for (const workload::StorageOperationTime& op : operations) {
    std::snprintf(line, sizeof line, "    %-32s %11s %12.4g   %-9s %16.4g\n", op.name.c_str(),
                  sim::format_bytes(op.bytes_per_node).c_str(), op.time.seconds, op.time.bound.c_str(),
                  op.time.data_bound_s);
    out += line;
  }
  return out;
}

// Each level's interval beside the Young/Daly optimum for the failures its copies were read for.
std::string interval_optimum_lines(const std::vector<LevelOptimum>& optima) {
  if (optima.empty()) return {};
  std::string out =
      "  checkpoint intervals    used (s)  copy cost (s)  recoveries from it  MTBF seen (s)  Young (s)  Daly (s)\n";
  char line[256];
  for (const LevelOptimum& o : optima) {
    if (o.mtbf_s) {
      std::snprintf(line, sizeof line, "    %-20s %10.0f %14.3f %19.1f %14.0f %10.0f %9.0f\n", o.level.c_str(),
                    o.interval_s, o.copy_cost_s, o.recoveries, *o.mtbf_s, *o.young_s, *o.daly_s);
    } else {
      std::snprintf(line, sizeof line, "    %-20s %10.0f %14.3f %19.1f %14s %10s %9s\n", o.level.c_str(), o.interval_s,
                    o.copy_cost_s, o.recoveries, "-", "-", "-");
    }
    out += line;
  }
  return out;
}

}  // namespace

std::string summary_table(const StudyResult& r, const ResolvedScenario& scenario) {
  char line[256];
  std::string out = "scenario " + r.scenario + "  (" + std::to_string(r.seeds) + " seed" + (r.seeds == 1 ? "" : "s") +
                    " from " + std::to_string(r.first_seed) + ")\n";
  if (!scenario.description.empty()) out += "  " + scenario.description + "\n";
  const double gpus = static_cast<double>(scenario.campaign.nodes) * scenario.campaign.node.gpus;
  std::snprintf(line, sizeof line, "  cluster              %d nodes x %d GPUs = %.0f GPUs (%s), storage %s\n",
                scenario.campaign.nodes, scenario.campaign.node.gpus, gpus, scenario.campaign.node.name.c_str(),
                scenario.campaign.storage.name.c_str());
  out += line;
  std::snprintf(line, sizeof line, "  forward progress     %.4f  [%.4f, %.4f] 95%% CI\n", r.forward_progress.mean,
                r.forward_progress.ci95_low, r.forward_progress.ci95_high);
  out += line;
  std::snprintf(line, sizeof line, "  time to train        %.2f d  [%.2f, %.2f]%s\n", r.time_to_train_s.mean / 86400,
                r.time_to_train_s.ci95_low / 86400, r.time_to_train_s.ci95_high / 86400,
                r.budget_reached_fraction < 1 ? "  (budget NOT reached in some runs)" : "");
  out += line;
  std::snprintf(line, sizeof line, "  step time            %.3f s, interruptions %.1f on average\n", r.step_time_s,
                r.interruptions.mean);
  out += line;
  std::snprintf(line, sizeof line, "  total cost           $%.4g  [%.4g, %.4g]  (%s)\n", r.total_usd.mean,
                r.total_usd.ci95_low, r.total_usd.ci95_high, std::string(cost::to_string(scenario.cost.model)).c_str());
  out += line;
  if (r.usd_per_useful_gpu_hour) {
    std::snprintf(line, sizeof line, "  $ per useful GPU-h   %.3f\n", r.usd_per_useful_gpu_hour->mean);
    out += line;
  }
  if (r.usd_per_trained_token) {
    std::snprintf(line, sizeof line, "  $ per 1M tokens      %.4f (trained)\n", r.usd_per_trained_token->mean * 1e6);
    out += line;
  }
  out += "  where the time went (mean over seeds):\n";
  const double wall = r.wall_time_s.mean > 0 ? r.wall_time_s.mean : 1.0;
  for (const auto& [cause, seconds] : r.breakdown_s) {
    std::snprintf(line, sizeof line, "    %-24s %12.0f s  %6.2f%%\n", cause.c_str(), seconds, 100.0 * seconds / wall);
    out += line;
  }
  out += checkpoint_and_tier_lines(r);
  const StorageOperations storage_ops = storage_operations(scenario);
  out += storage_operation_lines(storage_ops.operations);
  const std::vector<LevelOptimum> optima = level_optima(r, scenario);
  out += interval_optimum_lines(optima);
  for (const std::string& warning : checkpoint_warnings(optima)) out += "  warning: " + warning + "\n";
  for (const std::string& warning : storage_warnings(storage_ops)) out += "  warning: " + warning + "\n";
  out += "  cost breakdown (mean over seeds):\n";
  for (const auto& [component, usd] : r.cost_breakdown_usd) {
    std::snprintf(line, sizeof line, "    %-24s $%.4g\n", component.c_str(), usd);
    out += line;
  }
  return out;
}

}  // namespace clustersim::models::study
