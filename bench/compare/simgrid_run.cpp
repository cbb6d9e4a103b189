#include "bench/compare/simgrid_run.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

namespace clustersim::bench {

namespace {

using Pair = std::pair<HostIndex, HostIndex>;

double inverse_bandwidth_sum(const FlowScenario& scenario, const std::vector<LinkIndex>& route) {
  double sum = 0.0;
  for (const LinkIndex l : route) sum += 1.0 / scenario.links.at(l).bytes_per_s;
  return sum;
}

bool any_latency(const FlowScenario& scenario) {
  return std::any_of(scenario.links.begin(), scenario.links.end(),
                     [](const ScenarioLink& link) { return link.latency > sim::SimTime::zero(); });
}

// The routes SimGrid gets, by (source, destination): the scenario's, in order of first use.
std::vector<std::pair<Pair, const std::vector<LinkIndex>*>> routes_used(const FlowScenario& scenario) {
  std::vector<std::pair<Pair, const std::vector<LinkIndex>*>> out;
  std::set<Pair> seen;
  for (const PlannedFlow& flow : scenario.flows) {
    if (seen.insert({flow.source, flow.destination}).second)
      out.push_back({{flow.source, flow.destination}, &flow.route});
    if (!flow.reverse.empty() && seen.insert({flow.destination, flow.source}).second) {
      out.push_back({{flow.destination, flow.source}, &flow.reverse});
    }
  }
  return out;
}

}  // namespace

void write_simgrid_files(const FlowScenario& scenario, Semantics semantics, const std::string& directory) {
  const auto routes = routes_used(scenario);
  const bool pad = semantics == Semantics::plain && any_latency(scenario);
  double largest_sum = 0.0;
  for (const auto& [pair, route] : routes) largest_sum = std::max(largest_sum, inverse_bandwidth_sum(scenario, *route));
  std::ofstream platform(directory + "/platform.xml");
  platform.precision(17);
  platform << "<?xml version='1.0'?>\n<!DOCTYPE platform SYSTEM \"https://simgrid.org/simgrid.dtd\">\n"
           << "<platform version=\"4.1\">\n<zone id=\"fabric\" routing=\"Full\">\n";
  for (HostIndex h = 0; h < scenario.hosts; ++h) platform << "  <host id=\"h" << h << "\" speed=\"1Gf\"/>\n";
  for (LinkIndex l = 0; l < scenario.links.size(); ++l) {
    platform << "  <link id=\"d" << l << "\" bandwidth=\"" << scenario.links[l].bytes_per_s << "Bps\" latency=\""
             << scenario.links[l].latency.ns() << "ns\"/>\n";
  }
  std::map<Pair, std::string> names;  // link names of each route, comma-separated
  std::string route_elements;
  std::size_t pads = 0;
  for (const auto& [pair, route] : routes) {
    std::string& list = names[pair];
    for (const LinkIndex l : *route) list += (list.empty() ? "d" : ",d") + std::to_string(l);
    const double missing = largest_sum - inverse_bandwidth_sum(scenario, *route);
    if (pad && missing > 1e-12 * largest_sum) {
      double bottleneck = std::numeric_limits<double>::infinity();
      for (const LinkIndex l : *route) bottleneck = std::min(bottleneck, scenario.links[l].bytes_per_s);
      const double count = std::max(1.0, std::ceil(bottleneck * missing));
      for (double k = 0; k < count; ++k) {
        platform << "  <link id=\"p" << pads << "\" bandwidth=\"" << count / missing << "Bps\" latency=\"0ns\"/>\n";
        list += ",p" + std::to_string(pads++);
      }
    }
    route_elements += "  <route src=\"h" + std::to_string(pair.first) + "\" dst=\"h" + std::to_string(pair.second) +
                      "\" symmetrical=\"NO\">";
    for (std::size_t start = 0; start < list.size();) {
      const std::size_t end = std::min(list.find(',', start), list.size());
      route_elements += "<link_ctn id=\"" + list.substr(start, end - start) + "\"/>";
      start = end + 1;
    }
    route_elements += "</route>\n";
  }
  platform << route_elements << "</zone>\n</platform>\n";
  std::ofstream flows(directory + "/flows.txt");
  flows << scenario.workers << ' ' << scenario.flows.size() << '\n';
  for (const PlannedFlow& flow : scenario.flows) {
    flows << flow.worker << " h" << flow.source << " h" << flow.destination << ' ' << static_cast<long long>(flow.bytes)
          << ' ' << names.at({flow.source, flow.destination}) << '\n';
  }
  if (!platform || !flows) throw std::runtime_error("cannot write the SimGrid files into " + directory);
}

SimgridResult run_simgrid(const FlowScenario& scenario, Semantics semantics, const std::string& harness,
                          const std::string& directory, const SimgridBounds& bounds) {
  write_simgrid_files(scenario, semantics, directory);
  std::vector<std::string> args = {harness,
                                   directory + "/platform.xml",
                                   directory + "/flows.txt",
                                   directory + "/completions.txt",
                                   "--cfg=network/model:CM02",
                                   "--cfg=network/optim:Full",
                                   "--cfg=contexts/stack-size:128",
                                   "--cfg=contexts/guard-size:0",
                                   "--log=root.thres:critical"};
  if (semantics == Semantics::plain) {
    args.push_back("--cfg=network/crosstraffic:0");
    args.push_back(any_latency(scenario) ? "--cfg=network/weight-S:1e15" : "--cfg=network/weight-S:0");
  }
  char number[64];
  if (bounds.until_s) {
    std::snprintf(number, sizeof number, "--until=%.17g", *bounds.until_s);
    args.push_back(number);
  }
  if (bounds.wall_limit_s) {
    std::snprintf(number, sizeof number, "--wall-limit=%.17g", *bounds.wall_limit_s);
    args.push_back(number);
  }
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const auto start = std::chrono::steady_clock::now();
  const pid_t child = fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (wait4(child, &status, 0, &usage) != child) throw std::runtime_error("wait4 failed");
  SimgridResult result;
  result.process_wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.max_rss_kib = usage.ru_maxrss;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error(harness + " failed (status " + std::to_string(status) + ")");
  }
  std::ifstream in(directory + "/completions.txt");
  in >> result.run.run_wall_s >> result.run.run_cpu_s >> result.clock_s >> result.stopped_by;
  result.run.completion_s.assign(scenario.flows.size(), -1.0);
  for (double& end : result.run.completion_s) in >> end;
  if (!in) throw std::runtime_error("cannot read " + directory + "/completions.txt");
  return result;
}

}  // namespace clustersim::bench
