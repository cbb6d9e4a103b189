// clustersim-simgrid-flows: the SimGrid side of bench/flow_compare.sh (built only where SimGrid is
// installed). Usage: clustersim-simgrid-flows PLATFORM.xml FLOWS.txt OUT.txt [--until=S]
//                                                                        [--wall-limit=S] [--cfg=...]
// FLOWS.txt (written by clustersim-flow-compare, see bench/compare/simgrid_run.hpp): a header
// "<workers> <flows>", then one flow per line: "<worker> <src host> <dst host> <bytes> <links>".
// One actor per worker sends its flows one after the other with Comm::sendto (all workers start at
// t = 0; a worker with one flow is one actor per flow). Before running, every flow's route is
// checked: SimGrid's Host::route_to() must list exactly the links given in FLOWS.txt.
// Bounds: --until=S stops at simulated time S (Engine::run_until); --wall-limit=S stops once the
// simulation loop has used S seconds of wall time, checked every kStepS (1 ms) of simulated time (the run
// advances in such steps whenever a bound is given). Then every 10 s of wall time it prints
// "progress sim_s=.. completed=.. run_wall_s=.. run_cpu_s=.." to stderr, so a run killed from
// outside still leaves a lower bound.
// OUT.txt: "<wall s of the loop> <cpu s of it> <simulated s reached> <end|until|wall-limit>", then
// each flow's completion time (s; -1 if it did not finish), in file order. Exit 1 on bad input or
// a route mismatch.
#include <simgrid/s4u.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace sg4 = simgrid::s4u;

namespace {

constexpr double kStepS = 1e-3;
constexpr double kProgressEveryS = 10.0;  // wall

struct Flow {
  sg4::Host* source = nullptr;
  sg4::Host* destination = nullptr;
  std::uint64_t bytes = 0;
  std::size_t index = 0;
};

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

bool route_matches(const Flow& flow, const std::string& expected) {
  std::vector<sg4::Link*> links;
  double latency = 0.0;
  flow.source->route_to(flow.destination, links, &latency);
  std::string names;
  for (const sg4::Link* link : links) names += (names.empty() ? "" : ",") + link->get_name();
  return names == expected;
}

// "--name=VALUE" -> VALUE as a positive number; exits on a malformed one.
std::optional<double> option_value(const std::string& arg, const std::string& name) {
  const std::string prefix = "--" + name + "=";
  if (arg.rfind(prefix, 0) != 0) return std::nullopt;
  try {
    std::size_t used = 0;
    const double value = std::stod(arg.substr(prefix.size()), &used);
    if (used == arg.size() - prefix.size() && value > 0.0) return value;
  } catch (const std::exception&) {
  }
  std::fprintf(stderr, "%s: expected a positive number of seconds\n", arg.c_str());
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  sg4::Engine engine(&argc, argv);  // consumes the --cfg and --log options
  std::vector<std::string> files;
  std::optional<double> until_s;
  std::optional<double> wall_limit_s;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (auto v = option_value(arg, "until")) {
      until_s = v;
    } else if (auto w = option_value(arg, "wall-limit")) {
      wall_limit_s = w;
    } else {
      files.push_back(arg);
    }
  }
  if (files.size() != 3) {
    std::fprintf(stderr, "usage: %s PLATFORM.xml FLOWS.txt OUT.txt [--until=S] [--wall-limit=S] [--cfg=...]\n",
                 argv[0]);
    return 1;
  }
  const char* platform = files[0].c_str();
  const char* flows_file = files[1].c_str();
  const char* out_file = files[2].c_str();
  engine.load_platform(platform);
  std::ifstream in(flows_file);
  std::size_t workers = 0;
  std::size_t count = 0;
  if (!(in >> workers >> count)) {
    std::fprintf(stderr, "%s: line 1: expected '<workers> <flows>'\n", flows_file);
    return 1;
  }
  std::vector<std::vector<Flow>> plans(workers);
  for (std::size_t i = 0; i < count; ++i) {
    std::size_t worker = 0;
    std::string source;
    std::string destination;
    std::string links;
    Flow flow;
    flow.index = i;
    if (!(in >> worker >> source >> destination >> flow.bytes >> links) || worker >= workers) {
      std::fprintf(stderr, "%s: line %zu: expected '<worker> <src> <dst> <bytes> <links>'\n", flows_file, i + 2);
      return 1;
    }
    flow.source = engine.host_by_name_or_null(source);
    flow.destination = engine.host_by_name_or_null(destination);
    if (flow.source == nullptr || flow.destination == nullptr) {
      std::fprintf(stderr, "%s: line %zu: unknown host\n", flows_file, i + 2);
      return 1;
    }
    if (!route_matches(flow, links)) {
      std::fprintf(stderr, "%s: line %zu: SimGrid routes %s -> %s differently from %s\n", flows_file, i + 2,
                   source.c_str(), destination.c_str(), links.c_str());
      return 1;
    }
    plans[worker].push_back(flow);
  }
  std::vector<double> ends(count, -1.0);
  std::size_t completed = 0;
  for (std::size_t w = 0; w < workers; ++w) {
    if (plans[w].empty()) continue;
    const std::vector<Flow>* plan = &plans[w];
    sg4::Actor::create("worker" + std::to_string(w), plan->front().source, [plan, &ends, &completed] {
      for (const Flow& flow : *plan) {
        sg4::Comm::sendto(flow.source, flow.destination, flow.bytes);
        ends[flow.index] = sg4::Engine::get_clock();
        ++completed;
      }
    });
  }
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = cpu_seconds();
  auto wall_used = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count(); };
  std::string stopped_by = "end";
  if (!until_s && !wall_limit_s) {
    engine.run();
  } else {
    const double end_s = until_s.value_or(std::numeric_limits<double>::infinity());
    double printed_at_s = 0.0;
    for (double step_end = kStepS; completed < count; step_end += kStepS) {
      engine.run_until(std::min(step_end, end_s));
      if (wall_used() >= printed_at_s + kProgressEveryS) {
        printed_at_s = wall_used();
        std::fprintf(stderr, "progress sim_s=%.6f completed=%zu run_wall_s=%.3f run_cpu_s=%.3f\n",
                     sg4::Engine::get_clock(), completed, printed_at_s, cpu_seconds() - cpu_start);
      }
      if (completed == count) break;
      if (step_end >= end_s) {
        stopped_by = "until";
        break;
      }
      if (wall_limit_s && wall_used() >= *wall_limit_s) {
        stopped_by = "wall-limit";
        break;
      }
    }
  }
  const double cpu_s = cpu_seconds() - cpu_start;
  const double wall_s = wall_used();
  std::ofstream out(out_file);
  out.precision(17);
  out << wall_s << ' ' << cpu_s << ' ' << sg4::Engine::get_clock() << ' ' << stopped_by << '\n';
  for (const double end : ends) out << end << '\n';
  out.close();
  const int status = out ? 0 : 1;
  // A bounded run leaves actors blocked in their communications, which SimGrid's teardown does not
  // expect: skip it.
  if (stopped_by != "end") std::_Exit(status);
  return status;
}
