// clustersim-flow-compare: runs one flow scenario (bench/compare/flow_scenarios.hpp) in clustersim
// or, through the SimGrid harness, in SimGrid, and prints one result line:
//   <simulator> <scenario> <semantics> flows=<n> completed=<n> run_wall_s=.. run_cpu_s=..
//   flows_per_cpu_s=.. max_rss_mib=.. median_s=.. max_s=.. [process_wall_s=.. stopped_by=.. sim_s=..]
// (median and max over the flows that finished; flows_per_cpu_s = completed / run_cpu_s); for
// clustersim also solves= (flow solver re-solves), flows_per_solve= (flows given a new rate per
// re-solve, on average), refills= (re-solves that filled everything again after a large cascade) and
// second_passes= (passes run again because a skipped slack constraint went over its capacity, see
// sim/flow_solver.hpp); and, with
// --compare-to FILE (completion times of another run, one per line, -1 for unfinished), the median
// and largest relative difference of the completion times of the flows both runs finished
// (median_rel_diff, max_rel_diff), how
// many those are (compared) and how many finished in one run only (finish_mismatch).
// Bounds (the same for both simulators): --until S stops the run at simulated time S; for SimGrid
// also --wall-limit S (wall seconds of its simulation loop, checked every ms of simulated time).
// bench/flow_compare.sh runs the whole table.
// Usage: clustersim-flow-compare clustersim SCENARIO SEMANTICS [--until S] [--save FILE] [--compare-to FILE]
//        clustersim-flow-compare simgrid SCENARIO SEMANTICS HARNESS DIR [--until S] [--wall-limit S]
//                                [--save FILE] [--compare-to FILE]
//        clustersim-flow-compare flows-csv SCENARIO FILE
// The last form writes a burst scenario (one flow per worker) as a `clustersim flows` CSV
// (src,dst,bytes,start; all at t = 0), for end-to-end runs of the CLI on the same flows.
// Exit 2 on bad arguments, 1 when a run fails.
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/compare/clustersim_run.hpp"
#include "bench/compare/flow_scenarios.hpp"
#include "bench/compare/simgrid_run.hpp"

namespace {

using namespace clustersim::bench;

struct Arguments {
  std::string simulator;
  std::string scenario;
  Semantics semantics = Semantics::plain;
  std::string harness;
  std::string directory;
  std::string save;
  std::string compare_to;
  std::string csv;
  SimgridBounds bounds;
};

double positive_seconds(const std::string& option, const std::string& text) {
  std::size_t used = 0;
  double value = 0.0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || !(value > 0.0) || !std::isfinite(value)) {
    throw std::invalid_argument(option + ": expected a positive number of seconds, got '" + text + "'");
  }
  return value;
}

Arguments parse(int argc, char** argv) {
  std::vector<std::string> positional;
  Arguments a;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if ((arg == "--save" || arg == "--compare-to") && has_value) {
      (arg == "--save" ? a.save : a.compare_to) = argv[++i];
    } else if (arg == "--until" && has_value) {
      a.bounds.until_s = positive_seconds(arg, argv[++i]);
    } else if (arg == "--wall-limit" && has_value) {
      a.bounds.wall_limit_s = positive_seconds(arg, argv[++i]);
    } else if (arg.rfind("--", 0) == 0) {
      throw std::invalid_argument("unknown option or missing value: " + arg);
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() == 3 && positional[0] == "flows-csv") {
    a.simulator = positional[0];
    a.scenario = positional[1];
    a.csv = positional[2];
    return a;
  }
  if (positional.size() < 3) throw std::invalid_argument("expected SIMULATOR SCENARIO SEMANTICS");
  a.simulator = positional[0];
  a.scenario = positional[1];
  a.semantics = parse_semantics(positional[2]);
  if (a.simulator == "simgrid") {
    if (positional.size() != 5) throw std::invalid_argument("simgrid needs HARNESS and DIR");
    a.harness = positional[3];
    a.directory = positional[4];
  } else if (a.simulator != "clustersim" || positional.size() != 3) {
    throw std::invalid_argument("SIMULATOR must be clustersim, simgrid or flows-csv, got '" + a.simulator + "'");
  } else if (a.bounds.wall_limit_s) {
    throw std::invalid_argument("--wall-limit applies to simgrid runs only");
  }
  return a;
}

struct Comparison {
  double median_rel_diff = 0.0;
  double max_rel_diff = 0.0;
  std::size_t compared = 0;
  std::size_t finish_mismatch = 0;
};

Comparison compare_with(const std::vector<double>& ours, const std::string& file) {
  std::ifstream in(file);
  Comparison c;
  std::vector<double> diffs;
  for (const double mine : ours) {
    double theirs = 0.0;
    if (!(in >> theirs)) throw std::runtime_error("--compare-to " + file + ": fewer values than flows");
    if ((mine >= 0.0) != (theirs >= 0.0)) {
      ++c.finish_mismatch;
    } else if (mine >= 0.0) {
      ++c.compared;
      diffs.push_back(std::abs(mine - theirs) / std::max(std::abs(theirs), 1e-300));
    }
  }
  c.median_rel_diff = median_of(diffs);
  c.max_rel_diff = max_of(diffs);
  return c;
}

void write_flows_csv(const FlowScenario& scenario, const std::string& file) {
  if (scenario.workers != scenario.flows.size()) {
    throw std::invalid_argument(scenario.name + ": flows-csv needs one flow per worker (a burst scenario)");
  }
  std::ofstream out(file);
  out << "src,dst,bytes,start\n";
  for (const PlannedFlow& flow : scenario.flows) {
    out << flow.source << ',' << flow.destination << ',' << static_cast<long long>(flow.bytes) << ",0\n";
  }
  if (!out) throw std::runtime_error("cannot write " + file);
}

}  // namespace

int main(int argc, char** argv) {
  Arguments a;
  try {
    a = parse(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "clustersim-flow-compare: %s\n", e.what());
    return 2;
  }
  try {
    const FlowScenario scenario = make_scenario(a.scenario);
    if (a.simulator == "flows-csv") {
      write_flows_csv(scenario, a.csv);
      return 0;
    }
    RunResult run;
    std::string extra;
    long max_rss_kib = 0;
    if (a.simulator == "simgrid") {
      SimgridResult result = run_simgrid(scenario, a.semantics, a.harness, a.directory, a.bounds);
      run = std::move(result.run);
      max_rss_kib = result.max_rss_kib;
      char text[160];
      std::snprintf(text, sizeof text, " process_wall_s=%.3f stopped_by=%s sim_s=%.6f", result.process_wall_s,
                    result.stopped_by.c_str(), result.clock_s);
      extra = text;
    } else {
      run = run_clustersim(scenario, a.semantics, a.bounds.until_s);
      rusage usage{};
      getrusage(RUSAGE_SELF, &usage);
      max_rss_kib = usage.ru_maxrss;
      char text[128];
      std::snprintf(
          text, sizeof text, " solves=%llu flows_per_solve=%.1f refills=%llu second_passes=%llu",
          static_cast<unsigned long long>(run.solves),
          static_cast<double>(run.flows_resolved) / static_cast<double>(std::max<std::uint64_t>(run.solves, 1)),
          static_cast<unsigned long long>(run.refills), static_cast<unsigned long long>(run.second_passes));
      extra = text;
    }
    if (!a.save.empty()) {
      std::ofstream out(a.save);
      out.precision(17);
      for (const double end : run.completion_s) out << end << '\n';
    }
    if (!a.compare_to.empty()) {
      const Comparison c = compare_with(run.completion_s, a.compare_to);
      char text[160];
      std::snprintf(text, sizeof text, " median_rel_diff=%.3g max_rel_diff=%.3g compared=%zu finish_mismatch=%zu",
                    c.median_rel_diff, c.max_rel_diff, c.compared, c.finish_mismatch);
      extra += text;
    }
    const std::vector<double> finished = finished_only(run.completion_s);
    std::printf(
        "%s %s %s flows=%zu completed=%zu run_wall_s=%.4f run_cpu_s=%.4f flows_per_cpu_s=%.0f max_rss_mib=%.1f "
        "median_s=%.9f max_s=%.9f%s\n",
        a.simulator.c_str(), a.scenario.c_str(), a.semantics == Semantics::plain ? "plain" : "cm02",
        run.completion_s.size(), finished.size(), run.run_wall_s, run.run_cpu_s,
        static_cast<double>(finished.size()) / std::max(run.run_cpu_s, 1e-9), static_cast<double>(max_rss_kib) / 1024.0,
        median_of(finished), max_of(finished), extra.c_str());
    return 0;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "clustersim-flow-compare: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "clustersim-flow-compare: %s\n", e.what());
    return 1;
  }
}
