#include "app/batch/k8s_manifest.hpp"

#include <cstdio>
#include <vector>

namespace clustersim::app::batch {

namespace {

// A YAML double-quoted scalar (the JSON string escapes are valid YAML).
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned char>(c));
          out += escape;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace

std::string dns_label(const std::string& name) {
  std::string label;
  for (const char c : name) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') {
      label += static_cast<char>(c - 'A' + 'a');
    } else {
      label += keep ? c : '-';
    }
  }
  label = label.substr(0, 63);
  while (!label.empty() && label.front() == '-') label.erase(label.begin());
  while (!label.empty() && label.back() == '-') label.pop_back();
  return label.empty() ? std::string("clustersim-sweep") : label;
}

std::string render_k8s_job(const K8sJobOptions& options) {
  const std::string count = std::to_string(options.shard_count);
  const std::string threads = std::to_string(options.threads);
  std::string yaml;
  yaml += "# clustersim sweep as a Kubernetes Indexed Job: pod k runs shard k/" + count + ".\n";
  yaml += "# Written by `clustersim sweep --emit-k8s`. Then: kubectl apply -f THIS; when the Job is complete,\n";
  yaml += "# clustersim merge " + (options.out_dir / "shard-*-of-").string() + count + " --out " +
          options.out_dir.string() + "\n";
  yaml += "apiVersion: batch/v1\n";
  yaml += "kind: Job\n";
  yaml += "metadata:\n";
  yaml += "  name: " + quoted(options.job_name) + "\n";
  yaml += "spec:\n";
  yaml += "  completionMode: Indexed\n";
  yaml += "  completions: " + count + "\n";
  yaml += "  parallelism: " + count + "\n";
  yaml += "  backoffLimit: " + std::to_string(3 * options.shard_count) + "\n";
  yaml += "  template:\n";
  yaml += "    spec:\n";
  yaml += "      restartPolicy: OnFailure\n";
  yaml += "      containers:\n";
  yaml += "        - name: sweep\n";
  yaml += "          image: " + quoted(options.image) + "\n";
  yaml += "          command: [\"clustersim\"]\n";
  yaml += "          args:\n";
  std::vector<std::string> args = {"sweep",     options.sweep.string(),
                                   "--shard",   "$(SHARD)/" + count,
                                   "--out",     (options.out_dir / "shard-$(SHARD)-of-").string() + count,
                                   "--threads", threads};
  args.insert(args.end(), options.task_args.begin(), options.task_args.end());
  for (const std::string& arg : args) yaml += "            - " + quoted(arg) + "\n";
  yaml += "          env:\n";
  yaml += "            - name: SHARD\n";
  yaml += "              valueFrom:\n";
  yaml += "                fieldRef:\n";
  yaml += "                  fieldPath: \"metadata.annotations['batch.kubernetes.io/job-completion-index']\"\n";
  yaml += "          resources:\n";
  yaml += "            requests:\n";
  yaml += "              cpu: " + quoted(threads) + "\n";
  yaml += "          volumeMounts:\n";
  yaml += "            - name: results\n";
  yaml += "              mountPath: " + quoted(options.out_dir.string()) + "\n";
  yaml += "      volumes:\n";
  yaml += "        - name: results\n";
  yaml += "          persistentVolumeClaim:\n";
  yaml += "            claimName: " + quoted(options.volume_claim) + "\n";
  return yaml;
}

}  // namespace clustersim::app::batch
