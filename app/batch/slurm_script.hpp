// The Slurm job-array batch script of a sweep: array task i runs shard i of N
// (`clustersim sweep SWEEP --shard i/N --out OUT/shard-i-of-N`, then the extra task arguments such as
// the run-limit flags), so resubmitting the script (or only some of its indices, `sbatch --array=1,3 SCRIPT`) resumes
// each shard without redoing finished points.
//
// N is written into the script rather than read from $SLURM_ARRAY_TASK_COUNT: a resubmission of a few
// indices has a smaller task count, and the shards must keep their numbering. Every value that comes
// from the user is single-quoted for the shell (a ' becomes '\''; of the task arguments, option names
// like --max-nodes stay bare and every other one is quoted), and #SBATCH lines refuse line
// breaks, so the script runs exactly the command it shows. Options given to sbatch on its command line
// override the #SBATCH lines, which is how a partial resubmission changes --array.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace clustersim::app::batch {

struct SlurmScriptOptions {
  std::filesystem::path clustersim;  // the executable the tasks run (absolute)
  std::filesystem::path sweep;       // the sweep file (absolute)
  std::filesystem::path out_dir;     // the results directory (absolute)
  std::string job_name;
  std::size_t shard_count = 1;           // the array is 0 .. shard_count - 1
  int threads = 0;                       // 0: each task uses the CPUs Slurm gave it ($SLURM_CPUS_PER_TASK, else 1)
  std::string partition;                 // "": the cluster's default partition
  std::string time_limit;                // "": the partition's default
  std::vector<std::string> sbatch_args;  // extra #SBATCH lines, each one option ("--account=abc")
  std::vector<std::string> task_args;    // appended to each task's `clustersim sweep` ("--max-nodes", "200000")
};

// The script text. Throws std::invalid_argument naming the option when a value cannot be written
// safely (a line break, an sbatch argument that is not an option, a malformed --time).
std::string render_slurm_script(const SlurmScriptOptions& options);

// The value for the shell, single-quoted: abc -> 'abc', it's -> 'it'\''s'.
std::string shell_quote(const std::string& value);

// Slurm's compact index list: {0,1,2,3} -> "0-3", {1,3,4,5,9} -> "1,3-5,9". `indices` sorted, unique.
std::string array_index_list(const std::vector<std::size_t>& indices);

// Slurm's time-limit forms: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S (digits only), or "infinite"/"unlimited".
bool is_slurm_time_limit(const std::string& text);

// Layout of a Slurm sweep's results directory.
std::filesystem::path slurm_script_path(const std::filesystem::path& out_dir);
std::filesystem::path slurm_job_id_path(const std::filesystem::path& out_dir);  // the last submitted job
std::filesystem::path shard_directory(const std::filesystem::path& out_dir, std::size_t index, std::size_t count);
std::filesystem::path shard_log_path(const std::filesystem::path& out_dir, std::size_t index);

}  // namespace clustersim::app::batch
