// Parsing what `scontrol -o show job ID` prints for a job array (lines cut from a live Slurm 22.05),
// and the refusal to go on without sbatch.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "app/batch/slurm_client.hpp"

using namespace clustersim::app::batch;

TEST_CASE("Array indices: single, ranges, lists, throttles", "[batch]") {
  REQUIRE(parse_array_indices("3") == std::vector<std::size_t>{3});
  REQUIRE(parse_array_indices("0-3") == std::vector<std::size_t>{0, 1, 2, 3});
  REQUIRE(parse_array_indices("1,4-5%2") == std::vector<std::size_t>{1, 4, 5});
  REQUIRE_THROWS_WITH(parse_array_indices("3-1"), Catch::Contains("3-1"));
  REQUIRE_THROWS_WITH(parse_array_indices("x"), Catch::Contains("x"));
}

TEST_CASE("scontrol's job records give each array task's state", "[batch]") {
  const std::string pending =
      "JobId=1 ArrayJobId=1 ArrayTaskId=0-3 JobName=job.sh UserId=root(0) JobState=PENDING Reason=None "
      "ExitCode=0:0 RunTime=00:00:00\n";
  const ArrayJobStatus all_pending = parse_array_job(pending);
  REQUIRE(all_pending.active);
  REQUIRE(all_pending.tasks.size() == 4);
  REQUIRE(all_pending.tasks.at(3).state == "PENDING");
  REQUIRE(all_pending.job_name == "job.sh");

  const std::string mixed =
      "JobId=1 ArrayJobId=1 ArrayTaskId=3 JobName=job.sh JobState=PENDING Reason=Resources ExitCode=0:0\n"
      "JobId=4 ArrayJobId=1 ArrayTaskId=2 JobName=job.sh JobState=RUNNING Reason=None ExitCode=0:0\n"
      "JobId=3 ArrayJobId=1 ArrayTaskId=1 JobName=job.sh JobState=FAILED Reason=NonZeroExitCode ExitCode=1:0\n"
      "JobId=2 ArrayJobId=1 ArrayTaskId=0 JobName=job.sh JobState=COMPLETED Reason=None ExitCode=0:0\n";
  const ArrayJobStatus running = parse_array_job(mixed);
  REQUIRE(running.active);
  REQUIRE(running.tasks.at(1).state == "FAILED");
  REQUIRE(running.tasks.at(1).exit_code == "1:0");
  REQUIRE(running.tasks.at(2).state == "RUNNING");

  // A task cancelled while pending has no record: the finished job lists only the others.
  const std::string finished =
      "JobId=5 ArrayJobId=1 ArrayTaskId=3 JobState=COMPLETED ExitCode=0:0\n"
      "JobId=4 ArrayJobId=1 ArrayTaskId=2 JobState=CANCELLED Reason=None ExitCode=0:15\n\n";
  const ArrayJobStatus done = parse_array_job(finished);
  REQUIRE_FALSE(done.active);
  REQUIRE(done.tasks.size() == 2);
  REQUIRE(done.tasks.count(0) == 0);
  REQUIRE(done.tasks.at(2).exit_code == "0:15");

  REQUIRE_THROWS_WITH(parse_array_job("JobId=5 JobState=COMPLETED\n"), Catch::Contains("ArrayTaskId"));
  REQUIRE(is_final_job_state("TIMEOUT"));
  REQUIRE_FALSE(is_final_job_state("COMPLETING"));
  REQUIRE_FALSE(is_final_job_state("REQUEUED"));
}

TEST_CASE("Without sbatch on PATH the Slurm client is bad input naming --slurm", "[batch]") {
  const char* old_path = std::getenv("PATH");
  const std::string saved = old_path != nullptr ? old_path : "";
  ::setenv("PATH", "/nonexistent-clustersim-test", 1);
  REQUIRE_THROWS_AS(SlurmClient(), std::invalid_argument);
  REQUIRE_THROWS_WITH(SlurmClient(), Catch::Contains("--slurm") && Catch::Contains("sbatch"));
  ::setenv("PATH", saved.c_str(), 1);
}
