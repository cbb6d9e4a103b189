#include "app/batch/slurm_client.hpp"

#include <charconv>
#include <set>
#include <sstream>
#include <stdexcept>

#include "app/batch/process.hpp"

namespace clustersim::app::batch {

namespace {

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// The program's own words for a failure: standard error, else standard output.
std::string message_of(const ProgramResult& result) {
  const std::string error = trimmed(result.error_output);
  return error.empty() ? trimmed(result.output) : error;
}

std::size_t parse_index(const std::string& text, const std::string& whole) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    throw std::runtime_error("scontrol: unexpected ArrayTaskId \"" + whole + "\"");
  }
  return value;
}

std::filesystem::path required_tool(const std::string& name) {
  const auto path = find_on_path(name);
  if (!path) {
    throw std::invalid_argument("--slurm: " + name +
                                " is not on PATH (install Slurm's client commands, e.g. Debian's slurm-client, or "
                                "run where they are)");
  }
  return *path;
}

}  // namespace

std::vector<std::size_t> parse_array_indices(const std::string& text) {
  const std::string list = text.substr(0, text.find('%'));  // "%N" is a throttle, not an index
  std::vector<std::size_t> indices;
  std::istringstream items(list);
  std::string item;
  while (std::getline(items, item, ',')) {
    const std::size_t dash = item.find('-');
    if (dash == std::string::npos) {
      indices.push_back(parse_index(item, text));
      continue;
    }
    const std::size_t first = parse_index(item.substr(0, dash), text);
    const std::size_t last = parse_index(item.substr(dash + 1), text);
    if (last < first) throw std::runtime_error("scontrol: unexpected ArrayTaskId \"" + text + "\"");
    for (std::size_t i = first; i <= last; ++i) indices.push_back(i);
  }
  if (indices.empty()) throw std::runtime_error("scontrol: empty ArrayTaskId");
  return indices;
}

bool is_final_job_state(const std::string& state) {
  static const std::set<std::string> final_states{"COMPLETED", "FAILED",      "CANCELLED",     "TIMEOUT",
                                                  "NODE_FAIL", "PREEMPTED",   "OUT_OF_MEMORY", "BOOT_FAIL",
                                                  "DEADLINE",  "SPECIAL_EXIT"};
  return final_states.count(state) > 0;
}

ArrayJobStatus parse_array_job(const std::string& scontrol_output) {
  ArrayJobStatus status;
  std::istringstream lines(scontrol_output);
  std::string line;
  while (std::getline(lines, line)) {
    if (trimmed(line).empty()) continue;
    std::map<std::string, std::string> fields;
    std::istringstream tokens(line);
    std::string token;
    while (tokens >> token) {
      const std::size_t equals = token.find('=');
      if (equals != std::string::npos) fields.emplace(token.substr(0, equals), token.substr(equals + 1));
    }
    if (!fields.count("ArrayTaskId") || !fields.count("JobState")) {
      throw std::runtime_error("scontrol: a job record without ArrayTaskId or JobState: " + line.substr(0, 200));
    }
    const ArrayTaskState task{fields["JobState"], fields.count("ExitCode") ? fields["ExitCode"] : std::string()};
    if (!is_final_job_state(task.state)) status.active = true;
    if (fields.count("JobName")) status.job_name = fields["JobName"];
    for (const std::size_t index : parse_array_indices(fields["ArrayTaskId"])) status.tasks[index] = task;
  }
  return status;
}

SlurmClient::SlurmClient() : sbatch_(required_tool("sbatch")), scontrol_(required_tool("scontrol")) {}

void SlurmClient::check_controller() const {
  const ProgramResult result = run_program({scontrol_.string(), "ping"});
  // One line per controller ("Slurmctld(primary) at HOST is UP"); a backup that is down is no obstacle.
  if (result.exit_code != 0 && result.output.find(" is UP") == std::string::npos) {
    throw std::runtime_error("the Slurm controller does not answer (scontrol ping: " + message_of(result) +
                             "); check SLURM_CONF and that slurmctld runs");
  }
}

bool SlurmClient::partition_exists(const std::string& partition) const {
  const ProgramResult result = run_program({scontrol_.string(), "show", "partition", partition});
  if (result.exit_code == 0) return true;
  if (message_of(result).find("not found") != std::string::npos) return false;
  throw std::runtime_error("scontrol show partition " + partition + ": " + message_of(result));
}

std::string SlurmClient::submit(const std::filesystem::path& script, const std::string& array_indices) const {
  std::vector<std::string> argv{sbatch_.string(), "--parsable"};
  if (!array_indices.empty()) argv.push_back("--array=" + array_indices);
  argv.push_back(script.string());
  const ProgramResult result = run_program(argv);
  const std::string job_id = trimmed(result.output).substr(0, trimmed(result.output).find(';'));
  if (result.exit_code != 0 || job_id.empty()) {
    throw std::runtime_error("sbatch " + script.string() + " failed: " + message_of(result));
  }
  return job_id;
}

std::optional<ArrayJobStatus> SlurmClient::status(const std::string& job_id) const {
  const ProgramResult result = run_program({scontrol_.string(), "-o", "show", "job", job_id});
  if (result.exit_code == 0) return parse_array_job(result.output);
  if (message_of(result).find("Invalid job id") != std::string::npos) return std::nullopt;
  throw std::runtime_error("scontrol show job " + job_id + ": " + message_of(result));
}

}  // namespace clustersim::app::batch
