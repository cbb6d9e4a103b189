// The Slurm commands a sweep needs, run as argument vectors (process.hpp), and the parsing of their
// output. Only the commands every Slurm installation has are used: `scontrol ping` (is the controller
// up), `scontrol show partition P` (does it exist), `sbatch --parsable` (submit; prints "JOBID" or
// "JOBID;CLUSTER"), and `scontrol -o show job ID` (one line per array record with ArrayTaskId=,
// JobState= and ExitCode=), which works without the accounting database that sacct would need.
// A pending array prints one record for all its waiting indices ("ArrayTaskId=4-9" or "2,5-7%2");
// a task cancelled before it started has no record of its own at all.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace clustersim::app::batch {

struct ArrayTaskState {
  std::string state;      // Slurm's JobState: PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, ...
  std::string exit_code;  // "code:signal", e.g. "0:0", "1:0", "0:15"
};

struct ArrayJobStatus {
  std::map<std::size_t, ArrayTaskState> tasks;  // by array index, for every index a record names
  bool active = false;                          // some task may still run (pending, running, completing, ...)
  std::string job_name;                         // JobName of the records
};

// Parses `scontrol -o show job ID`. Throws std::runtime_error on a record without ArrayTaskId/JobState.
ArrayJobStatus parse_array_job(const std::string& scontrol_output);

// Expands an ArrayTaskId value: "3" -> {3}, "0-3" -> {0,1,2,3}, "1,4-5%2" -> {1,4,5}.
std::vector<std::size_t> parse_array_indices(const std::string& text);

// Whether a JobState is final (the task will not run again by itself).
bool is_final_job_state(const std::string& state);

class SlurmClient {
 public:
  // Finds sbatch and scontrol on PATH; throws std::invalid_argument naming --slurm when one is missing.
  SlurmClient();

  // Throws std::runtime_error with scontrol's words when the controller does not answer.
  void check_controller() const;
  // Throws std::runtime_error when the controller cannot be asked.
  bool partition_exists(const std::string& partition) const;
  // Submits `script`, restricted to `array_indices` when not empty; returns the job id. Throws
  // std::runtime_error with sbatch's message when the submission fails.
  std::string submit(const std::filesystem::path& script, const std::string& array_indices) const;
  // The job's tasks, or nothing when the controller no longer knows the job (it has forgotten finished
  // jobs after MinJobAge). Throws std::runtime_error when the controller cannot be asked.
  std::optional<ArrayJobStatus> status(const std::string& job_id) const;

 private:
  std::filesystem::path sbatch_;
  std::filesystem::path scontrol_;
};

}  // namespace clustersim::app::batch
