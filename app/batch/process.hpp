// Running an external program (sbatch, scontrol) from an argument vector: posix_spawnp with the
// arguments as given, never a shell command line, so no user value is ever parsed by a shell. The
// program's standard output and standard error are captured whole; standard input is /dev/null.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace clustersim::app::batch {

struct ProgramResult {
  int exit_code = 0;         // the program's exit code; 128 + N when killed by signal N
  std::string output;        // standard output
  std::string error_output;  // standard error
};

// Runs argv[0] (looked up on PATH) with argv and waits for it. Throws std::runtime_error when it
// cannot be started (for example, not installed).
ProgramResult run_program(const std::vector<std::string>& argv);

// The first executable `name` on PATH, or nothing.
std::optional<std::filesystem::path> find_on_path(const std::string& name);

}  // namespace clustersim::app::batch
