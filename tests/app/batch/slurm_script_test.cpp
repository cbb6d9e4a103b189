// The Slurm batch script of a sweep: its lines checked by hand, shell quoting, Slurm's index lists and
// time limits, and the values it refuses (each error names the option).
#include <catch2/catch.hpp>

#include "app/batch/slurm_script.hpp"

using namespace clustersim::app::batch;

namespace {

SlurmScriptOptions four_shards() {
  SlurmScriptOptions options;
  options.clustersim = "/opt/clustersim/bin/clustersim";
  options.sweep = "/home/ann/sweeps/it's.json";
  options.out_dir = "/shared/ann/results";
  options.job_name = "clustersim-its";
  options.shard_count = 4;
  return options;
}

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

}  // namespace

TEST_CASE("The batch script runs shard $SLURM_ARRAY_TASK_ID of N with every user value quoted", "[batch]") {
  SlurmScriptOptions options = four_shards();
  const std::string plain = render_slurm_script(options);
  REQUIRE(plain.rfind("#!/bin/bash\n", 0) == 0);
  REQUIRE(has_line(plain, "#SBATCH --job-name=clustersim-its"));
  REQUIRE(has_line(plain, "#SBATCH --array=0-3"));
  REQUIRE(has_line(plain, "#SBATCH --output=/shared/ann/results/logs/shard-%a.log"));
  REQUIRE(plain.find("--partition") == std::string::npos);
  REQUIRE(plain.find("--cpus-per-task") == std::string::npos);
  REQUIRE(has_line(plain,
                   "exec '/opt/clustersim/bin/clustersim' sweep '/home/ann/sweeps/it'\\''s.json' --shard "
                   "\"$shard/4\" --out '/shared/ann/results/shard-'\"$shard\"'-of-4' --threads "
                   "\"${SLURM_CPUS_PER_TASK:-1}\""));

  options.threads = 8;
  options.partition = "gpu";
  options.time_limit = "1-12:00:00";
  options.sbatch_args = {"--account=abc", "--qos=high"};
  const std::string full = render_slurm_script(options);
  REQUIRE(has_line(full, "#SBATCH --cpus-per-task=8"));
  REQUIRE(has_line(full, "#SBATCH --partition=gpu"));
  REQUIRE(has_line(full, "#SBATCH --time=1-12:00:00"));
  REQUIRE(full.find("#SBATCH --account=abc\n#SBATCH --qos=high\n") != std::string::npos);
  REQUIRE(full.find("--out '/shared/ann/results/shard-'\"$shard\"'-of-4' --threads 8\n") != std::string::npos);
  // Every #SBATCH line comes before the first command, or sbatch ignores it.
  REQUIRE(full.rfind("#SBATCH") < full.find("set -eu"));
}

TEST_CASE("The task arguments end the exec line: option names bare, values single-quoted", "[batch]") {
  SlurmScriptOptions options = four_shards();
  options.task_args = {"--max-nodes", "200000", "--time-limit", "10 min", "--max-horizon", "it's"};
  REQUIRE(
      has_line(render_slurm_script(options),
               "exec '/opt/clustersim/bin/clustersim' sweep '/home/ann/sweeps/it'\\''s.json' --shard "
               "\"$shard/4\" --out '/shared/ann/results/shard-'\"$shard\"'-of-4' --threads "
               "\"${SLURM_CPUS_PER_TASK:-1}\" --max-nodes '200000' --time-limit '10 min' --max-horizon 'it'\\''s'"));
}

TEST_CASE("Values that cannot be written safely are refused, naming the option", "[batch]") {
  SlurmScriptOptions options = four_shards();
  options.time_limit = "2 hours";
  REQUIRE_THROWS_WITH(render_slurm_script(options), Catch::Contains("--time") && Catch::Contains("2 hours"));
  options = four_shards();
  options.partition = "gpu\n#SBATCH --exclusive";
  REQUIRE_THROWS_WITH(render_slurm_script(options), Catch::Contains("--partition"));
  options = four_shards();
  options.sbatch_args = {"account=abc"};
  REQUIRE_THROWS_WITH(render_slurm_script(options), Catch::Contains("--sbatch-arg") && Catch::Contains("account"));
  options = four_shards();
  options.out_dir = "/shared/my results";
  REQUIRE_THROWS_WITH(render_slurm_script(options), Catch::Contains("--out"));
  options = four_shards();
  options.shard_count = 0;
  REQUIRE_THROWS_WITH(render_slurm_script(options), Catch::Contains("--array-size"));
}

TEST_CASE("Shell quoting, index lists, time limits and the results layout", "[batch]") {
  REQUIRE(shell_quote("abc") == "'abc'");
  REQUIRE(shell_quote("it's $HOME") == "'it'\\''s $HOME'");
  REQUIRE(shell_quote("") == "''");
  REQUIRE(array_index_list({0, 1, 2, 3}) == "0-3");
  REQUIRE(array_index_list({1, 3, 4, 5, 9}) == "1,3-5,9");
  REQUIRE(array_index_list({2}) == "2");
  REQUIRE(array_index_list({}) == "");
  for (const char* good : {"30", "30:00", "2:00:00", "1-12", "1-12:30", "1-12:30:00", "infinite", "UNLIMITED"}) {
    INFO(good);
    REQUIRE(is_slurm_time_limit(good));
  }
  for (const char* bad : {"", "1:2:3:4", "1h", "-5", "1-", "2 hours", "1-2-3"}) {
    INFO(bad);
    REQUIRE_FALSE(is_slurm_time_limit(bad));
  }
  REQUIRE(shard_directory("/r", 2, 4) == "/r/shard-2-of-4");
  REQUIRE(shard_log_path("/r", 2) == "/r/logs/shard-2.log");
  REQUIRE(slurm_script_path("/r") == "/r/sweep.sbatch");
}
