// clustersim: the command-line front end. CLI11 is used in this translation unit only (it compiles
// slowly); each subcommand's work lives in its own file and sees only plain arguments.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/study_commands.hpp"
#include "models/study/engine_demo.hpp"
#include "models/study/version.hpp"

namespace {

using clustersim::cli::LimitOptions;

enum class LimitFlags { scenario_caps, scenario_runs, flows };

// --set PATH=VALUE, repeatable: what-if changes to the scenario without editing it.
void add_set_flag(CLI::App* command, std::vector<std::string>& set) {
  command
      ->add_option("--set", set,
                   "Change a scenario parameter for this run, PATH=VALUE (repeatable; paths as in `clustersim "
                   "schema`, e.g. --set architecture.storage.write_bandwidth=\"100 GB/s\" --set "
                   "'policies.checkpoint.levels[0].interval=30 min')")
      ->allow_extra_args(false)
      ->take_all();
}

// The limit flags (models/study/run_limits.hpp): scenario caps for validate, plus the run budget for the
// commands that simulate scenarios, or the flows tool's.
void add_limit_flags(CLI::App* command, LimitOptions& limits, LimitFlags which) {
  command
      ->add_option("--max-nodes", limits.max_nodes,
                   which == LimitFlags::flows ? "Largest host count (and count key) of the topology"
                                              : "Largest architecture.nodes (+ spare_nodes) a scenario may request")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command
      ->add_option("--max-links", limits.max_links,
                   which == LimitFlags::flows ? "Most links (host links included) the topology may need"
                                              : "Most links the scenario's back-end fabric may need")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  if (which == LimitFlags::flows) {
    command->add_option("--max-flows", limits.max_flows, "Most rows the flows CSV may have")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
  } else {
    command->add_option("--max-seeds", limits.max_seeds, "Largest run.seeds a scenario or sweep may request")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    command->add_option("--max-horizon", limits.max_horizon, "Longest run.horizon a scenario may request")
        ->capture_default_str();
  }
  command
      ->add_option("--max-events", limits.max_events,
                   which == LimitFlags::scenario_caps
                       ? "Events per run (caps run.horizon / run.sample_period)"
                       : "Events per run (one seed); a run that needs more stops with exit code 1")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  if (which != LimitFlags::scenario_caps) {
    command
        ->add_option("--time-limit", limits.time_limit,
                     "Wall-clock budget per run (one seed), e.g. \"10 min\"; a run over it stops with exit code 1")
        ->capture_default_str();
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace clustersim;
  CLI::App app{
      "clustersim: a discrete-event simulator of AI clusters. It answers: for this workload, which\n"
      "architecture (GPU nodes, local NVMe, fabric, shared storage) makes the most forward progress\n"
      "per dollar, and why?\n\n"
      "Examples:\n"
      "  clustersim run scenarios/llama405b-local-nvme.json               simulate one architecture\n"
      "  clustersim run scenarios/llama405b-pfs.json --seeds 10 --format json --out results\n"
      "  clustersim compare scenarios/llama405b-*.json --target-progress 0.95 --out results\n"
      "  clustersim validate scenarios/enterprise1k-unified.json          check a scenario, run nothing\n"
      "  clustersim catalog                    list catalog entries; `catalog DGX-H100` shows one\n"
      "  clustersim sweep scenarios/sweeps/llama405b-interval-x-bandwidth.json --threads 2 --out results/sweep\n"
      "  clustersim sweep SWEEP.json --slurm --array-size 16 --partition batch --out /shared/results/sweep\n"
      "  clustersim size scenarios/enterprise1k-pfs.json --param architecture.spare_nodes --lo 0 --hi 16\n"
      "  clustersim schema > docs/schema.md    the scenario parameter reference; --catalog: the catalog files\n"
      "  clustersim demo                       run the built-in engine demo\n\n"
      "Limits: a scenario may request at most --max-nodes nodes, a fabric of --max-links links, --max-seeds seeds\n"
      "and a --max-horizon run (bad input, exit code 2); one run (one seed) may take at most --max-events events\n"
      "and --time-limit of wall-clock time (exit code 1; in a sweep such a point is recorded as failed and runs\n"
      "again on the next invocation).\n\n"
      "Exit codes: 0 ok, 1 simulation error, 2 bad input. The catalog is read from $CLUSTERSIM_DATA when set,\n"
      "else from the source tree's data/.\n"};
  app.set_version_flag("--version", std::string(models::study::version()));
  app.require_subcommand(1);

  models::study::EngineDemoOptions demo;
  CLI::App* demo_command = app.add_subcommand(
      "demo", "Run the engine demo: the classic hold model (N processes sleeping exponential times)");
  demo_command->add_option("--processes", demo.processes, "Number of processes")
      ->check(CLI::Range(1, 10'000'000))
      ->capture_default_str();
  demo_command->add_option("--seconds", demo.simulated_seconds, "Simulated seconds")
      ->check(CLI::Range(0.001, 1e6))
      ->capture_default_str();
  demo_command->add_option("--seed", demo.seed, "Master random seed")->capture_default_str();
  demo_command->callback([&] {
    models::study::run_engine_demo(demo, std::cout);
    std::exit(0);
  });

  cli::RunOptions run;
  CLI::App* run_command =
      app.add_subcommand("run", "Simulate a scenario (Monte Carlo over seeds) and report forward progress and cost");
  run_command->add_option("scenario", run.scenario, "Scenario JSON file")->required();
  run_command->add_option("--seeds", run.seeds, "Monte Carlo runs (default: the scenario's run.seeds)")
      ->check(CLI::Range(1, 100'000));
  run_command->add_option("--format", run.format, "Output on stdout: table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  run_command->add_option("--out", run.out_dir, "Also write <name>.json, .csv and .txt into this directory");
  run_command->add_option("--trace", run.trace_path,
                          "Also write the first seed as a Chrome trace JSON (open it in ui.perfetto.dev)");
  add_set_flag(run_command, run.set);
  add_limit_flags(run_command, run.limits, LimitFlags::scenario_runs);
  run_command->callback([&] { std::exit(cli::run_scenario_command(run, std::cout, std::cerr)); });

  cli::FlowsOptions flows;
  CLI::App* flows_command = app.add_subcommand(
      "flows",
      "Simulate a CSV of flows (src,dst,bytes,start) on a topology and write each flow's completion time:\n"
      "check the network model against your own measurements. Hosts are indices (or the platform's host\n"
      "names); start in seconds or with units (\"1.5 ms\").\n"
      "Example: clustersim flows --topology fat_tree:k=8,bw=50GB/s,lat=1us flows.csv");
  flows_command->add_option("input", flows.request.input, "Flows CSV (\"-\": standard input)")->capture_default_str();
  CLI::Option* topology_option =
      flows_command->add_option("--topology", flows.request.topology,
                                "single_switch:hosts=16,bw=50GB/s | fat_tree:k=8,bw=50GB/s,lat=1us | "
                                "leaf_spine:hosts_per_leaf=16,leaves=8,spines=4,bw=50GB/s,uplink=50GB/s,lat=1us | "
                                "rail_optimized:... | dragonfly:a=4,p=2,h=2,g=9,bw=...,lat=...");
  CLI::Option* platform_option =
      flows_command
          ->add_option(
              "--platform", flows.request.platform,
              "SimGrid v4.1 platform XML: a FLAT, FAT_TREE, TORUS or DRAGONFLY <cluster>, or a Full zone with <route>s")
          ->excludes(topology_option);
  flows_command
      ->add_option("--scenario", flows.request.scenario,
                   "A scenario JSON: its back-end fabric (architecture.fabric), with its routing and link layer")
      ->excludes(topology_option)
      ->excludes(platform_option);
  flows_command->add_option(
      "--routing", flows.request.routing,
      "auto (dragonfly_minimal on a dragonfly, table on a Full zone, ecmp on a torus, else dmodk on infiniband, ecmp "
      "on ethernet), ecmp, dmodk, spray, dragonfly_minimal/valiant/ugal, table. Default: the scenario's, else auto");
  flows_command->add_option("--link-layer", flows.request.link_layer,
                            "infiniband or ethernet (RoCE): what auto routing means. Default: the scenario's, else "
                            "infiniband");
  flows_command->add_option("--out", flows.output, "Write the results CSV here (atomically) instead of stdout");
  add_limit_flags(flows_command, flows.limits, LimitFlags::flows);
  flows_command->callback([&] { std::exit(cli::flows_command(flows, std::cin, std::cout, std::cerr)); });

  cli::CompareOptions compare;
  CLI::App* compare_command = app.add_subcommand(
      "compare", "Run several scenarios and compare them side by side; name the cheapest meeting a target");
  compare_command->add_option("scenarios", compare.scenarios, "Scenario JSON files (two or more)")->required();
  compare_command->add_option("--target-progress", compare.target_progress, "Forward-progress target")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  compare_command->add_option("--deadline", compare.deadline,
                              "Also require the mean time to train within this duration (\"90 d\")");
  compare_command->add_option("--seeds", compare.seeds, "Monte Carlo runs per scenario (default: each run.seeds)")
      ->check(CLI::Range(1, 100'000));
  compare_command->add_option("--out", compare.out_dir, "Also write compare.txt, .csv and .json into this directory");
  add_set_flag(compare_command, compare.set);
  add_limit_flags(compare_command, compare.limits, LimitFlags::scenario_runs);
  compare_command->callback([&] { std::exit(cli::compare_command(compare, std::cout, std::cerr)); });

  cli::SweepOptions sweep;
  CLI::App* sweep_command = app.add_subcommand(
      "sweep",
      "Run a sweep (axes of JSON-path overrides over a base scenario) on all cores; resumable, shardable.\n"
      "Writes points.jsonl/points.csv as points finish and sweep.jsonl/sweep.csv (sorted) at the end.\n"
      "Rerun the same command after an interruption to finish the missing points (and retry failed ones).");
  sweep_command->add_option("sweep", sweep.sweep, "Sweep JSON file (see scenarios/sweeps/)")->required();
  sweep_command->add_option("--threads", sweep.threads, "Worker threads (default: hardware concurrency)")
      ->check(CLI::Range(1, 4096));
  sweep_command->add_option("--out", sweep.out_dir, "Results directory (default: sweep-<sweep file name>)");
  sweep_command->add_option("--shard", sweep.shard, "Run only points with index % N == i (0-based), e.g. 0/4");
  sweep_command->add_flag("--slurm", sweep.slurm,
                          "Run as a Slurm job array, one shard per task: write OUT/sweep.sbatch, submit it, show\n"
                          "progress, merge when every task has ended. Rerun to resubmit only missing shards.");
  sweep_command->add_option("--array-size", sweep.array_size, "Slurm array tasks = shards (default: min(points, 100))")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  sweep_command->add_option("--partition", sweep.partition, "Slurm partition (default: the cluster's default)");
  sweep_command->add_option("--time", sweep.slurm_time, "Slurm time limit per task, e.g. 2:00:00 or 1-12");
  sweep_command->add_option("--sbatch-arg", sweep.sbatch_args, "Extra sbatch option for the script, e.g. --account=abc")
      ->allow_extra_args(false);
  sweep_command->add_flag("--dry-run", sweep.dry_run, "With --slurm: print the batch script, submit nothing");
  sweep_command->add_option("--poll-interval", sweep.poll_interval_s, "With --slurm: seconds between progress checks")
      ->capture_default_str();
  sweep_command->add_option("--emit-k8s", sweep.emit_k8s,
                            "Write a Kubernetes Indexed Job manifest here (completion index = shard), submit nothing");
  sweep_command->add_option("--k8s-image", sweep.k8s_image, "With --emit-k8s: container image holding clustersim")
      ->capture_default_str();
  sweep_command
      ->add_option("--k8s-volume-claim", sweep.k8s_volume_claim,
                   "With --emit-k8s: PersistentVolumeClaim holding the results directory")
      ->capture_default_str();
  add_set_flag(sweep_command, sweep.set);
  add_limit_flags(sweep_command, sweep.limits, LimitFlags::scenario_runs);
  sweep_command->callback([&] { std::exit(cli::sweep_command(sweep, std::cout, std::cerr)); });

  cli::MergeOptions merge;
  CLI::App* merge_command =
      app.add_subcommand("merge", "Join the results directories of a sharded sweep into sweep.jsonl and sweep.csv");
  merge_command->add_option("directories", merge.directories, "Shard results directories")->required();
  merge_command->add_option("--out", merge.out_dir, "Where to write the merged files")->capture_default_str();
  merge_command->callback([&] { std::exit(cli::merge_command(merge, std::cout, std::cerr)); });

  cli::SizeOptions size;
  CLI::App* size_command = app.add_subcommand(
      "size",
      "Find the smallest value of one parameter meeting a forward-progress target (bisection over Monte Carlo).\n"
      "Example: clustersim size scenarios/enterprise1k-pfs.json --param architecture.storage.write_bandwidth\n"
      "         --lo \"5 GB/s\" --hi \"500 GB/s\" --target-progress 0.9 --seeds 5\n"
      "Or, with --maximize forward_progress, the value of largest mean forward progress (a checkpoint interval):\n"
      "         clustersim size scenarios/claims/claim3-1t-3072gpu-sync.json --maximize forward_progress\n"
      "         --param 'policies.checkpoint.levels[0].interval' --lo \"10 min\" --hi \"8 h\" --seeds 5\n"
      "With --minimize usd_per_trained_token, the value of lowest cost per trained token, by the same search.\n"
      "Exit code 1 when even --hi does not meet the target (never with --maximize or --minimize).");
  size_command->add_option("scenario", size.scenario, "Scenario JSON file")->required();
  size_command->add_option("--param", size.param, "Parameter path, e.g. architecture.spare_nodes")->required();
  size_command->add_option("--lo", size.lo, "Lowest value (SI number or with unit)")->required();
  size_command->add_option("--hi", size.hi, "Highest value (SI number or with unit)")->required();
  size_command->add_option("--target-progress", size.target_progress, "Forward-progress target")->capture_default_str();
  size_command->add_option("--deadline", size.deadline,
                           "Also require the mean time to train within this duration (\"90 d\")");
  size_command->add_option("--confidence", size.confidence, "Confidence of the interval whose lower end must meet it")
      ->capture_default_str();
  size_command->add_option("--seeds", size.seeds, "Monte Carlo runs per probe (default: the scenario's run.seeds)")
      ->check(CLI::Range(1, 100'000));
  size_command->add_option("--tolerance", size.tolerance,
                           "Stop when hi - lo <= this (default (hi-lo)/100; integers 1)");
  size_command
      ->add_option("--maximize", size.maximize,
                   "Find the value of largest mean forward progress instead of the smallest that meets the target, "
                   "for parameters where more is not always better (a checkpoint interval): a log grid, then a "
                   "golden-section search (lo > 0)")
      ->check(CLI::IsMember({"forward_progress"}));
  size_command
      ->add_option("--minimize", size.minimize,
                   "Find the value of lowest mean cost per trained token (the same search as --maximize)")
      ->check(CLI::IsMember({"usd_per_trained_token"}));
  size_command->add_option("--out", size.out_dir, "Also write sizing.txt, .csv and .json into this directory");
  add_set_flag(size_command, size.set);
  add_limit_flags(size_command, size.limits, LimitFlags::scenario_runs);
  size_command->callback([&] { std::exit(cli::size_command(size, std::cout, std::cerr)); });

  std::string validate_path;
  LimitOptions validate_limits;
  CLI::App* validate_command = app.add_subcommand("validate", "Check a scenario and resolve it against the catalog");
  validate_command->add_option("scenario", validate_path, "Scenario JSON file")->required();
  std::vector<std::string> validate_set;
  add_set_flag(validate_command, validate_set);
  bool validate_resolved = false;
  validate_command->add_flag("--resolved", validate_resolved,
                             "Print the resolved model as JSON: every catalog value, default and override applied, "
                             "in SI units (what `run` simulates)");
  add_limit_flags(validate_command, validate_limits, LimitFlags::scenario_caps);
  validate_command->callback([&] {
    std::exit(
        cli::validate_command(validate_path, validate_set, validate_limits, validate_resolved, std::cout, std::cerr));
  });

  std::string catalog_name;
  CLI::App* catalog_command = app.add_subcommand("catalog", "List the catalog, or show one entry");
  catalog_command->add_option("name", catalog_name, "Entry name (node, GPU, NIC, drive, switch, storage, price)");
  catalog_command->callback([&] { std::exit(cli::catalog_command(catalog_name, std::cout, std::cerr)); });

  bool schema_catalog = false;
  CLI::App* schema_command = app.add_subcommand("schema", "Print the scenario parameter reference (Markdown)");
  schema_command->add_flag("--catalog", schema_catalog, "Print the catalog files' formats (data/*.json) instead");
  schema_command->callback([&] { std::exit(cli::schema_command(schema_catalog, std::cout)); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : 2;  // exit code 2: bad input
  }
  return 0;
}
