// The Kubernetes Indexed Job of a sweep, read back with a YAML parser (yaml-cpp): the fields that make
// completion index k run shard k/N into the shared results directory.
#include <yaml-cpp/yaml.h>
#include <catch2/catch.hpp>

#include "app/batch/k8s_manifest.hpp"

using namespace clustersim::app::batch;

TEST_CASE("The Indexed Job maps completion index k to shard k/N", "[batch]") {
  K8sJobOptions options;
  options.job_name = dns_label("clustersim-My_Sweep.v2");
  options.image = "registry.example/clustersim:0.1";
  options.sweep = "/results/sweeps/it's \"quoted\".json";
  options.out_dir = "/results/run1";
  options.volume_claim = "sweep-results";
  options.shard_count = 4;
  options.threads = 2;
  const YAML::Node job = YAML::Load(render_k8s_job(options));
  REQUIRE(job["apiVersion"].as<std::string>() == "batch/v1");
  REQUIRE(job["kind"].as<std::string>() == "Job");
  REQUIRE(job["metadata"]["name"].as<std::string>() == "clustersim-my-sweep-v2");
  REQUIRE(job["spec"]["completionMode"].as<std::string>() == "Indexed");
  REQUIRE(job["spec"]["completions"].as<int>() == 4);
  REQUIRE(job["spec"]["parallelism"].as<int>() == 4);
  const YAML::Node pod = job["spec"]["template"]["spec"];
  REQUIRE(pod["restartPolicy"].as<std::string>() == "OnFailure");
  const YAML::Node container = pod["containers"][0];
  REQUIRE(container["image"].as<std::string>() == "registry.example/clustersim:0.1");
  REQUIRE(container["command"][0].as<std::string>() == "clustersim");
  const std::vector<std::string> args = container["args"].as<std::vector<std::string>>();
  REQUIRE(args == std::vector<std::string>{"sweep", "/results/sweeps/it's \"quoted\".json", "--shard", "$(SHARD)/4",
                                           "--out", "/results/run1/shard-$(SHARD)-of-4", "--threads", "2"});
  REQUIRE(container["env"][0]["name"].as<std::string>() == "SHARD");
  REQUIRE(container["env"][0]["valueFrom"]["fieldRef"]["fieldPath"].as<std::string>() ==
          "metadata.annotations['batch.kubernetes.io/job-completion-index']");
  REQUIRE(container["resources"]["requests"]["cpu"].as<std::string>() == "2");
  REQUIRE(container["volumeMounts"][0]["mountPath"].as<std::string>() == "/results/run1");
  REQUIRE(pod["volumes"][0]["persistentVolumeClaim"]["claimName"].as<std::string>() == "sweep-results");
}

TEST_CASE("DNS labels: lowercase, dashes, at most 63 characters", "[batch]") {
  REQUIRE(dns_label("Clustersim_Sweep") == "clustersim-sweep");
  REQUIRE(dns_label("--x--") == "x");
  REQUIRE(dns_label("___") == "clustersim-sweep");
  REQUIRE(dns_label(std::string(100, 'a')).size() == 63);
}

TEST_CASE("The run-limit flags are appended to every pod's args, one entry each", "[batch]") {
  K8sJobOptions options;
  options.job_name = "clustersim-s";
  options.image = "clustersim:latest";
  options.sweep = "/results/s.json";
  options.out_dir = "/results/run1";
  options.volume_claim = "results";
  options.shard_count = 2;
  options.task_args = {"--max-nodes", "200000", "--time-limit", "10 min"};
  const YAML::Node job = YAML::Load(render_k8s_job(options));
  const std::vector<std::string> args =
      job["spec"]["template"]["spec"]["containers"][0]["args"].as<std::vector<std::string>>();
  REQUIRE(args == std::vector<std::string>{"sweep", "/results/s.json", "--shard", "$(SHARD)/2", "--out",
                                           "/results/run1/shard-$(SHARD)-of-2", "--threads", "1", "--max-nodes",
                                           "200000", "--time-limit", "10 min"});
}
