#include "bench/compare/simgrid_run.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

namespace clustersim::bench {

namespace {

void write_route(std::ofstream& out, models::fabric::HostId source, models::fabric::HostId destination,
                 const models::fabric::Route& route) {
  out << "  <route src=\"h" << source << "\" dst=\"h" << destination << "\" symmetrical=\"NO\">";
  for (const auto d : route) out << "<link_ctn id=\"d" << d << "\"/>";
  out << "</route>\n";
}

std::string link_list(const models::fabric::Route& route) {
  std::string text;
  for (const auto d : route) text += (text.empty() ? "d" : ",d") + std::to_string(d);
  return text;
}

}  // namespace

void write_simgrid_files(const FlowScenario& scenario, const std::string& directory) {
  const models::fabric::Topology& topology = scenario.topology;
  std::ofstream platform(directory + "/platform.xml");
  platform << "<?xml version='1.0'?>\n<!DOCTYPE platform SYSTEM \"https://simgrid.org/simgrid.dtd\">\n"
           << "<platform version=\"4.1\">\n<zone id=\"fabric\" routing=\"Full\">\n";
  for (models::fabric::HostId h = 0; h < topology.host_count(); ++h) {
    platform << "  <host id=\"h" << h << "\" speed=\"1Gf\"/>\n";
  }
  for (models::fabric::DirectedLinkId d = 0; d < topology.directed_link_count(); ++d) {
    platform << "  <link id=\"d" << d << "\" bandwidth=\"" << topology.bytes_per_s(d) << "Bps\" latency=\""
             << topology.latency(d).ns() << "ns\"/>\n";
  }
  std::set<std::pair<models::fabric::HostId, models::fabric::HostId>> written;
  for (const PlannedFlow& flow : scenario.flows) {
    if (written.insert({flow.source, flow.destination}).second) {
      write_route(platform, flow.source, flow.destination, flow.route);
    }
    if (written.insert({flow.destination, flow.source}).second) {
      write_route(platform, flow.destination, flow.source, flow.reverse);
    }
  }
  platform << "</zone>\n</platform>\n";
  std::ofstream flows(directory + "/flows.txt");
  flows << scenario.workers << ' ' << scenario.flows.size() << '\n';
  for (const PlannedFlow& flow : scenario.flows) {
    flows << flow.worker << " h" << flow.source << " h" << flow.destination << ' ' << static_cast<long long>(kFlowBytes)
          << ' ' << link_list(flow.route) << '\n';
  }
  if (!platform || !flows) throw std::runtime_error("cannot write the SimGrid files into " + directory);
}

SimgridResult run_simgrid(const FlowScenario& scenario, Semantics semantics, const std::string& harness,
                          const std::string& directory) {
  write_simgrid_files(scenario, directory);
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
    args.push_back("--cfg=network/weight-S:1e15");
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
  in >> result.run.run_wall_s >> result.run.run_cpu_s;
  result.run.completion_s.assign(scenario.flows.size(), -1.0);
  for (double& end : result.run.completion_s) in >> end;
  if (!in) throw std::runtime_error("cannot read " + directory + "/completions.txt");
  return result;
}

}  // namespace clustersim::bench
