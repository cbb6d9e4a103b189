#include "app/batch/slurm_script.hpp"

#include <regex>
#include <stdexcept>

namespace clustersim::app::batch {

namespace {

void refuse_line_break(const std::string& option, const std::string& value) {
  if (value.find_first_of("\n\r") != std::string::npos) {
    throw std::invalid_argument(option + ": the value must be on one line");
  }
}

// An option name (--max-nodes) as is, anything else quoted: the exec line stays readable and exact.
std::string task_arg_for_shell(const std::string& arg) {
  static const std::regex option_name(R"(--[a-z][a-z0-9-]*)");
  return std::regex_match(arg, option_name) ? arg : shell_quote(arg);
}

}  // namespace

std::string shell_quote(const std::string& value) {
  std::string quoted = "'";
  for (const char c : value) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

std::string array_index_list(const std::vector<std::size_t>& indices) {
  std::string list;
  for (std::size_t i = 0; i < indices.size();) {
    std::size_t j = i;
    while (j + 1 < indices.size() && indices[j + 1] == indices[j] + 1) ++j;
    if (!list.empty()) list += ',';
    list += std::to_string(indices[i]);
    if (j > i) list += '-' + std::to_string(indices[j]);
    i = j + 1;
  }
  return list;
}

bool is_slurm_time_limit(const std::string& text) {
  static const std::regex form(R"(\d+(:\d+){0,2}|\d+-\d+(:\d+){0,2}|infinite|unlimited|INFINITE|UNLIMITED)");
  return std::regex_match(text, form);
}

std::filesystem::path slurm_script_path(const std::filesystem::path& out_dir) {
  return out_dir / "sweep.sbatch";
}

std::filesystem::path slurm_job_id_path(const std::filesystem::path& out_dir) {
  return out_dir / "sweep.jobid";
}

std::filesystem::path shard_directory(const std::filesystem::path& out_dir, std::size_t index, std::size_t count) {
  return out_dir / ("shard-" + std::to_string(index) + "-of-" + std::to_string(count));
}

std::filesystem::path shard_log_path(const std::filesystem::path& out_dir, std::size_t index) {
  return out_dir / "logs" / ("shard-" + std::to_string(index) + ".log");
}

std::string render_slurm_script(const SlurmScriptOptions& options) {
  if (options.shard_count == 0) throw std::invalid_argument("--array-size: expected at least 1");
  refuse_line_break("--partition", options.partition);
  refuse_line_break("--time", options.time_limit);
  refuse_line_break("--out", options.out_dir.string());
  refuse_line_break("sweep", options.sweep.string());
  if (options.out_dir.string().find_first_of(" \t\"") != std::string::npos) {
    throw std::invalid_argument(
        "--out: a results directory for Slurm cannot contain blanks or quotes (#SBATCH --output)");
  }
  if (options.partition.find_first_of(" \t") != std::string::npos) {
    throw std::invalid_argument("--partition: expected one partition name, got \"" + options.partition + "\"");
  }
  if (!options.time_limit.empty() && !is_slurm_time_limit(options.time_limit)) {
    throw std::invalid_argument("--time: expected minutes, M:S, H:M:S, D-H, D-H:M or D-H:M:S, got \"" +
                                options.time_limit + "\"");
  }
  for (const std::string& arg : options.sbatch_args) {
    refuse_line_break("--sbatch-arg", arg);
    if (arg.size() < 2 || arg[0] != '-') {
      throw std::invalid_argument("--sbatch-arg: expected one sbatch option like --account=abc, got \"" + arg + "\"");
    }
  }
  const std::string count = std::to_string(options.shard_count);
  const std::filesystem::path script = slurm_script_path(options.out_dir);
  const std::string log_pattern = (options.out_dir / "logs" / "shard-%a.log").string();

  std::string text = "#!/bin/bash\n";
  text += "# clustersim sweep on Slurm: array task i runs shard i/" + count + " of " + options.sweep.string() + ".\n";
  text += "# Written by `clustersim sweep --slurm`; edit and resubmit freely. A resubmitted task resumes its shard.\n";
  text += "#   all shards:    sbatch " + script.string() + "\n";
  text += "#   some shards:   sbatch --array=1,3 " + script.string() + "\n";
  text += "#   then merge:    clustersim merge " + (options.out_dir / "shard-*-of-").string() + count + " --out " +
          options.out_dir.string() + "\n";
  text += "#SBATCH --job-name=" + options.job_name + "\n";
  text += "#SBATCH --array=0-" + std::to_string(options.shard_count - 1) + "\n";
  text += "#SBATCH --output=" + log_pattern + "\n";
  if (options.threads > 0) text += "#SBATCH --cpus-per-task=" + std::to_string(options.threads) + "\n";
  if (!options.partition.empty()) text += "#SBATCH --partition=" + options.partition + "\n";
  if (!options.time_limit.empty()) text += "#SBATCH --time=" + options.time_limit + "\n";
  for (const std::string& arg : options.sbatch_args) text += "#SBATCH " + arg + "\n";
  text += "set -eu\n";
  text += "shard=\"$SLURM_ARRAY_TASK_ID\"\n";
  text += "exec " + shell_quote(options.clustersim.string()) + " sweep " + shell_quote(options.sweep.string()) +
          " --shard \"$shard/" + count + "\" --out " + shell_quote((options.out_dir / "shard-").string()) +
          "\"$shard\"'-of-" + count + "' --threads " +
          (options.threads > 0 ? std::to_string(options.threads) : std::string("\"${SLURM_CPUS_PER_TASK:-1}\""));
  for (const std::string& arg : options.task_args) text.append(" ").append(task_arg_for_shell(arg));
  text += "\n";
  return text;
}

}  // namespace clustersim::app::batch
