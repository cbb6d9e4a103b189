// clustersim-flow-compare: runs one flow scenario (bench/compare/flow_scenarios.hpp) in clustersim
// or, through the SimGrid harness, in SimGrid, and prints one result line:
//   <simulator> <scenario> <semantics> flows=<n> run_wall_s=.. run_cpu_s=.. max_rss_mib=..
//   median_s=.. max_s=.. [process_wall_s=..]
// and, with --compare-to FILE (completion times of another run, one per line), the largest
// relative difference of the completion times. bench/flow_compare.sh runs the whole table.
// Usage: clustersim-flow-compare clustersim SCENARIO SEMANTICS [--save FILE] [--compare-to FILE]
//        clustersim-flow-compare simgrid SCENARIO SEMANTICS HARNESS DIR [--save FILE] [--compare-to FILE]
// Exit 2 on bad arguments, 1 when a run fails.
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
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
};

Arguments parse(int argc, char** argv) {
  std::vector<std::string> positional;
  Arguments a;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--save" || arg == "--compare-to") && i + 1 < argc) {
      (arg == "--save" ? a.save : a.compare_to) = argv[++i];
    } else {
      positional.push_back(arg);
    }
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
    throw std::invalid_argument("SIMULATOR must be clustersim or simgrid, got '" + a.simulator + "'");
  }
  return a;
}

double largest_relative_difference(const std::vector<double>& ours, const std::string& file) {
  std::ifstream in(file);
  double worst = 0.0;
  for (const double mine : ours) {
    double theirs = 0.0;
    if (!(in >> theirs)) throw std::runtime_error("--compare-to " + file + ": fewer values than flows");
    worst = std::max(worst, std::abs(mine - theirs) / std::max(std::abs(theirs), 1e-300));
  }
  return worst;
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
    RunResult run;
    std::string extra;
    long max_rss_kib = 0;
    if (a.simulator == "simgrid") {
      SimgridResult result = run_simgrid(scenario, a.semantics, a.harness, a.directory);
      run = std::move(result.run);
      max_rss_kib = result.max_rss_kib;
      extra = " process_wall_s=" + std::to_string(result.process_wall_s);
    } else {
      run = run_clustersim(scenario, a.semantics);
      rusage usage{};
      getrusage(RUSAGE_SELF, &usage);
      max_rss_kib = usage.ru_maxrss;
    }
    if (!a.save.empty()) {
      std::ofstream out(a.save);
      out.precision(17);
      for (const double end : run.completion_s) out << end << '\n';
    }
    if (!a.compare_to.empty()) {
      char text[64];
      std::snprintf(text, sizeof text, " max_rel_diff=%.3g",
                    largest_relative_difference(run.completion_s, a.compare_to));
      extra += text;
    }
    std::printf("%s %s %s flows=%zu run_wall_s=%.4f run_cpu_s=%.4f max_rss_mib=%.1f median_s=%.9f max_s=%.9f%s\n",
                a.simulator.c_str(), a.scenario.c_str(), a.semantics == Semantics::plain ? "plain" : "cm02",
                run.completion_s.size(), run.run_wall_s, run.run_cpu_s, static_cast<double>(max_rss_kib) / 1024.0,
                median_of(run.completion_s), max_of(run.completion_s), extra.c_str());
    return 0;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "clustersim-flow-compare: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "clustersim-flow-compare: %s\n", e.what());
    return 1;
  }
}
