// clustersim-simgrid-flows: the SimGrid side of bench/flow_compare.sh (built only where SimGrid is
// installed). Usage: clustersim-simgrid-flows PLATFORM.xml FLOWS.txt OUT.txt [--cfg=...]
// FLOWS.txt (written by clustersim-flow-compare, see bench/compare/simgrid_run.hpp): a header
// "<workers> <flows>", then one flow per line: "<worker> <src host> <dst host> <bytes> <links>".
// One actor per worker sends its flows one after the other with Comm::sendto (all workers start at
// t = 0; a worker with one flow is one actor per flow). Before running, every flow's route is
// checked: SimGrid's Host::route_to() must list exactly the links given in FLOWS.txt.
// OUT.txt: "<wall s of Engine::run()> <cpu s of it>", then each flow's completion time (s), in
// file order. Exit 1 on bad input or a route mismatch.
#include <simgrid/s4u.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace sg4 = simgrid::s4u;

namespace {

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

}  // namespace

int main(int argc, char** argv) {
  sg4::Engine engine(&argc, argv);  // consumes the --cfg and --log options
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s PLATFORM.xml FLOWS.txt OUT.txt [--cfg=...]\n", argv[0]);
    return 1;
  }
  engine.load_platform(argv[1]);
  std::ifstream in(argv[2]);
  std::size_t workers = 0;
  std::size_t count = 0;
  if (!(in >> workers >> count)) {
    std::fprintf(stderr, "%s: line 1: expected '<workers> <flows>'\n", argv[2]);
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
      std::fprintf(stderr, "%s: line %zu: expected '<worker> <src> <dst> <bytes> <links>'\n", argv[2], i + 2);
      return 1;
    }
    flow.source = engine.host_by_name_or_null(source);
    flow.destination = engine.host_by_name_or_null(destination);
    if (flow.source == nullptr || flow.destination == nullptr) {
      std::fprintf(stderr, "%s: line %zu: unknown host\n", argv[2], i + 2);
      return 1;
    }
    if (!route_matches(flow, links)) {
      std::fprintf(stderr, "%s: line %zu: SimGrid routes %s -> %s differently from %s\n", argv[2], i + 2,
                   source.c_str(), destination.c_str(), links.c_str());
      return 1;
    }
    plans[worker].push_back(flow);
  }
  std::vector<double> ends(count, -1.0);
  for (std::size_t w = 0; w < workers; ++w) {
    if (plans[w].empty()) continue;
    const std::vector<Flow>* plan = &plans[w];
    sg4::Actor::create("worker" + std::to_string(w), plan->front().source, [plan, &ends] {
      for (const Flow& flow : *plan) {
        sg4::Comm::sendto(flow.source, flow.destination, flow.bytes);
        ends[flow.index] = sg4::Engine::get_clock();
      }
    });
  }
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = cpu_seconds();
  engine.run();
  const double cpu_s = cpu_seconds() - cpu_start;
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  std::ofstream out(argv[3]);
  out.precision(17);
  out << wall_s << ' ' << cpu_s << '\n';
  for (const double end : ends) out << end << '\n';
  return out ? 0 : 1;
}
