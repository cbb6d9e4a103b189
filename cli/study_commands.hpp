// The study subcommands (run, compare, validate, catalog, schema), free of CLI11. Each returns the
// process exit code: 0 ok, 1 simulation error, 2 bad input (scenario, catalog name, unit, output
// directory). Messages go to `err` as "error: <message>".
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace clustersim::cli {

struct RunOptions {
  std::string scenario;
  int seeds = 0;                 // 0: the scenario's run.seeds
  std::string format = "table";  // table | json | csv
  std::string out_dir;           // "": write no files
};
int run_scenario_command(const RunOptions& options, std::ostream& out, std::ostream& err);

struct CompareOptions {
  std::vector<std::string> scenarios;
  double target_progress = 0.95;
  int seeds = 0;
  std::string out_dir;
};
int compare_command(const CompareOptions& options, std::ostream& out, std::ostream& err);

int validate_command(const std::string& scenario, std::ostream& out, std::ostream& err);
int catalog_command(const std::string& name, std::ostream& out, std::ostream& err);
int schema_command(std::ostream& out);

}  // namespace clustersim::cli
