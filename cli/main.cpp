// clustersim: the command-line front end. CLI11 is used in this translation unit only (it compiles
// slowly); each subcommand's work lives in its own file and sees only plain arguments.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.hpp"
#include "models/study/version.hpp"

int main(int argc, char** argv) {
  using namespace clustersim;
  CLI::App app{
      "clustersim: a discrete-event simulator of AI clusters. It answers: for this workload, which\n"
      "architecture (GPU nodes, local NVMe, fabric, shared storage) makes the most forward progress\n"
      "per dollar, and why?\n\n"
      "Examples:\n"
      "  clustersim demo                       run the built-in engine demo\n"
      "  clustersim demo --processes 100000    the same with 100,000 processes\n"};
  app.set_version_flag("--version", std::string(models::study::version()));
  app.require_subcommand(1);

  cli::DemoOptions demo;
  CLI::App* demo_command = app.add_subcommand(
      "demo", "Run the engine demo: the classic hold model (N processes sleeping exponential times)");
  demo_command->add_option("--processes", demo.processes, "Number of processes")
      ->check(CLI::Range(1, 10'000'000))
      ->capture_default_str();
  demo_command->add_option("--seconds", demo.simulated_seconds, "Simulated seconds")
      ->check(CLI::Range(0.001, 1e6))
      ->capture_default_str();
  demo_command->add_option("--seed", demo.seed, "Master random seed")->capture_default_str();
  demo_command->callback([&] { std::exit(cli::run_demo(demo, std::cout)); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : 2;  // exit code 2: bad input
  }
  return 0;
}
