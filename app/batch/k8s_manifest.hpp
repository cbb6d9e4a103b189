// The Kubernetes form of a Slurm sweep: an Indexed Job (completionMode: Indexed) whose completion
// index is the shard, so pod k runs `clustersim sweep SWEEP --shard k/N --out OUT/shard-k-of-N` and the
// extra task arguments (the run-limit flags), the same command and directory layout as array task k on Slurm
// (slurm_script.hpp), and `clustersim merge` joins the shards afterwards. A pod that is restarted resumes its shard.
// The index reaches the command through the downward API (the pod annotation batch.kubernetes.io/job-completion-index
// as the variable SHARD) and Kubernetes' own $(SHARD) expansion in args, with no shell in between. The results
// directory is a PersistentVolumeClaim mounted at the same path in every pod; the image must hold clustersim, and the
// sweep file and its base must be inside the image or on that volume.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace clustersim::app::batch {

struct K8sJobOptions {
  std::string job_name;                // a DNS label: lowercase letters, digits, '-'
  std::string image;                   // container image holding clustersim
  std::filesystem::path sweep;         // the sweep file as the pods see it
  std::filesystem::path out_dir;       // the results directory as the pods see it (the volume's mount path)
  std::string volume_claim;            // the PersistentVolumeClaim holding out_dir
  std::size_t shard_count = 1;         // completions = parallelism = shard_count
  int threads = 1;                     // --threads of each pod, and its CPU request
  std::vector<std::string> task_args;  // appended to each pod's args ("--max-nodes", "200000"), one entry each
};

// The YAML manifest. Strings are written as double-quoted YAML scalars, so any value stays one value.
std::string render_k8s_job(const K8sJobOptions& options);

// A DNS label from any name: lowercase, other characters become '-', at most 63 characters.
std::string dns_label(const std::string& name);

}  // namespace clustersim::app::batch
