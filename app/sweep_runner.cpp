#include "app/sweep_runner.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <exception>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "app/atomic_write.hpp"
#include "models/study/resolve.hpp"
#include "models/study/result_format.hpp"
#include "models/workload/campaign.hpp"
#include "sim/number_text.hpp"

namespace clustersim::app {

using namespace models::study;

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

const char* const manifest_name = "sweep.manifest.json";
const char* const points_jsonl_name = "points.jsonl";
const char* const points_csv_name = "points.csv";

std::vector<std::string> axis_paths_of(const SweepSpec& spec) {
  std::vector<std::string> paths;
  for (const SweepAxis& axis : spec.axes) paths.push_back(axis.path);
  return paths;
}

std::string shard_text(const SweepShard& shard) {
  return std::to_string(shard.index) + "/" + std::to_string(shard.count);
}

std::string manifest_text(const SweepSpec& spec, const SweepShard& shard) {
  json manifest;
  manifest["sweep"] = spec.document;
  manifest["shard"] = shard_text(shard);
  return manifest.dump(2) + "\n";
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string value_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_float()) return sim::number_text(value.get<double>());
  if (value.is_null()) return std::string();
  return value.dump();
}

// Appends whole lines to a file with write(2): once a call returns the line is in the kernel, so it
// survives the process being killed; a kill inside the call leaves at most one torn last line.
class AppendFile {
 public:
  explicit AppendFile(const std::filesystem::path& path) : path_(path) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw OutputError(path.string() + ": cannot open for appending: " + std::strerror(errno));
  }
  AppendFile(const AppendFile&) = delete;
  AppendFile& operator=(const AppendFile&) = delete;
  ~AppendFile() { ::close(fd_); }
  void append(std::string_view text) {
    std::size_t written = 0;
    while (written < text.size()) {
      const ssize_t n = ::write(fd_, text.data() + written, text.size() - written);
      if (n < 0) {
        if (errno == EINTR) continue;
        throw OutputError(path_.string() + ": cannot write: " + std::strerror(errno));
      }
      written += static_cast<std::size_t>(n);
    }
  }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

// A line a rerun keeps: this point's result. A failed point (say, over a run limit) runs again, so a rerun with
// a larger --time-limit or --max-events finishes it.
bool keeps_result(const std::string& line, const ordered_json& overrides) {
  const json record = json::parse(line, nullptr, false);
  return !record.is_discarded() && record.contains("overrides") && !record.contains("error") &&
         record["overrides"] == json::parse(overrides.dump());
}

std::string error_line(const SweepSpec& spec, const SweepPoint& point, const std::string& message) {
  ordered_json record;
  record["point"] = point.index;
  record["overrides"] = point_overrides(spec, point);
  record["error"] = message;
  return record.dump();
}

void write_final_files(const std::filesystem::path& out_dir, const std::vector<std::string>& axis_paths,
                       const std::map<std::size_t, std::string>& lines) {
  std::string jsonl;
  std::string csv = sweep_csv_header(axis_paths);
  for (const auto& [index, line] : lines) {
    jsonl += line + "\n";
    csv += sweep_csv_row(json::parse(line), axis_paths);
  }
  write_file_atomically(out_dir / "sweep.jsonl", jsonl);
  write_file_atomically(out_dir / "sweep.csv", csv);
}

}  // namespace

SweepShard parse_shard(const std::string& text) {
  const auto bad = [&] { throw SweepError("--shard: expected i/N with 0 <= i < N (0-based), got \"" + text + "\""); };
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) bad();
  SweepShard shard;
  const char* begin = text.data();
  const auto [end_index, error_index] = std::from_chars(begin, begin + slash, shard.index);
  const auto [end_count, error_count] = std::from_chars(begin + slash + 1, begin + text.size(), shard.count);
  if (error_index != std::errc() || end_index != begin + slash || error_count != std::errc() ||
      end_count != begin + text.size() || shard.count == 0 || shard.index >= shard.count) {
    bad();
  }
  return shard;
}

std::map<std::size_t, std::string> read_finished_points(const std::filesystem::path& out_dir) {
  std::map<std::size_t, std::string> lines;
  const std::string text = read_text(out_dir / points_jsonl_name);
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) break;  // torn last line
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    const json record = json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.is_object() || !record.contains("point") ||
        !record["point"].is_number_unsigned()) {
      continue;
    }
    lines.emplace(record["point"].get<std::size_t>(), line);  // the first copy of a point wins
  }
  return lines;
}

bool is_sweep_output_of(const std::filesystem::path& out_dir, const SweepSpec& spec, const SweepShard& shard) {
  const json found = json::parse(read_text(out_dir / manifest_name), nullptr, false);
  return !found.is_discarded() && found == json::parse(manifest_text(spec, shard));
}

std::string sweep_point_line(const SweepSpec& spec, const SweepPoint& point, const StudyResult& result,
                             const ResolvedScenario& scenario) {
  const ordered_json full = result_json(result, scenario);
  ordered_json record;
  record["point"] = point.index;
  record["overrides"] = point_overrides(spec, point);
  record["scenario"] = result.scenario;
  record["seed"] = result.first_seed;
  record["seeds"] = result.seeds;
  record["metrics"] = full["metrics"];
  record["cost"] = full["cost"];
  return record.dump();
}

std::string sweep_csv_header(const std::vector<std::string>& axis_paths) {
  std::string header = "point";
  for (const std::string& path : axis_paths) {
    header += ',';
    header += csv_field(path);
  }
  header +=
      ",scenario,seeds,forward_progress_mean,forward_progress_ci95_low,forward_progress_ci95_high,"
      "time_to_train_s_mean,budget_reached_fraction,interruptions_mean,total_usd_mean,usd_per_useful_gpu_hour_mean,"
      "usd_per_trained_token_mean" +
      breakdown_csv_columns() + ",error\n";
  return header;
}

std::string sweep_csv_row(const json& record, const std::vector<std::string>& axis_paths) {
  const auto at = [](const json& object, std::initializer_list<const char*> keys) -> json {
    const json* node = &object;
    for (const char* key : keys) {
      if (!node->is_object() || !node->contains(key)) return nullptr;
      node = &(*node)[key];
    }
    return *node;
  };
  std::vector<std::string> fields{value_text(record.at("point"))};
  for (const std::string& path : axis_paths) fields.push_back(csv_field(value_text(at(record, {"overrides"})[path])));
  fields.push_back(csv_field(value_text(at(record, {"scenario"}))));
  fields.push_back(value_text(at(record, {"seeds"})));
  const json progress = at(record, {"metrics", "forward_progress"});
  fields.push_back(value_text(at(progress, {"mean"})));
  const json ci = at(progress, {"ci95"});
  fields.push_back(ci.is_array() ? value_text(ci[0]) : std::string());
  fields.push_back(ci.is_array() ? value_text(ci[1]) : std::string());
  fields.push_back(value_text(at(record, {"metrics", "time_to_train_s", "mean"})));
  fields.push_back(value_text(at(record, {"metrics", "budget_reached_fraction"})));
  fields.push_back(value_text(at(record, {"metrics", "interruptions", "mean"})));
  fields.push_back(value_text(at(record, {"cost", "total_usd", "mean"})));
  fields.push_back(value_text(at(record, {"cost", "usd_per_useful_gpu_hour", "mean"})));
  fields.push_back(value_text(at(record, {"cost", "usd_per_trained_token", "mean"})));
  const json breakdown = at(record, {"metrics", "breakdown"});
  for (const char* cause : kBreakdownCauses) fields.push_back(value_text(at(breakdown, {cause})));
  fields.push_back(csv_field(value_text(at(record, {"error"}))));
  std::string row;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) row += ',';
    row += fields[i];
  }
  return row + "\n";
}

SweepRunSummary run_sweep(const SweepSpec& spec, const CatalogSource& catalog, const CampaignRunner& runner,
                          const SweepRunOptions& options) {
  if (options.shard.count == 0 || options.shard.index >= options.shard.count) {
    throw SweepError("--shard: " + shard_text(options.shard) + " is out of range (0 <= i < N)");
  }
  SweepRunSummary summary;
  summary.points_total = point_count(spec);
  std::vector<SweepPoint> points;
  for (std::size_t i = options.shard.index; i < summary.points_total; i += options.shard.count)
    points.push_back(sweep_point(spec, i));
  summary.points_in_shard = points.size();

  // Resolve every point of the slice before running anything: bad combinations are bad input.
  std::vector<ResolvedScenario> scenarios;
  scenarios.reserve(points.size());
  for (const SweepPoint& point : points) {
    try {
      scenarios.push_back(resolve_scenario(parse_scenario(point_document(spec, point)), catalog, options.limits,
                                           spec.scenario_directory));
    } catch (const ScenarioError& error) {
      throw SweepError(spec.source + ": point " + std::to_string(point.index) + " " +
                       point_overrides(spec, point).dump() + ": " + error.what());
    }
  }

  const std::filesystem::path& dir = options.out_dir;
  ensure_writable_directory(dir);
  if (std::filesystem::exists(dir / manifest_name)) {
    if (!is_sweep_output_of(dir, spec, options.shard)) {
      throw OutputError(dir.string() + ": holds the results of a different sweep or shard (" + manifest_name +
                        "); use another --out directory or remove it");
    }
  } else {
    write_file_atomically(dir / manifest_name, manifest_text(spec, options.shard));
  }

  // What a previous (possibly killed) run finished.
  std::map<std::size_t, std::string> done;
  const std::map<std::size_t, std::string> found = read_finished_points(dir);
  std::vector<bool> in_shard_done(points.size(), false);
  for (std::size_t k = 0; k < points.size(); ++k) {
    const auto line = found.find(points[k].index);
    if (line != found.end() && keeps_result(line->second, point_overrides(spec, points[k]))) {
      done.insert(*line);
      in_shard_done[k] = true;
    }
  }
  const std::vector<std::string> axis_paths = axis_paths_of(spec);
  {
    std::string jsonl;
    std::string csv = sweep_csv_header(axis_paths);
    for (const auto& [index, line] : done) {
      jsonl += line + "\n";
      csv += sweep_csv_row(json::parse(line), axis_paths);
    }
    write_file_atomically(dir / points_jsonl_name, jsonl);
    write_file_atomically(dir / points_csv_name, csv);
  }
  summary.already_done = done.size();

  std::vector<std::size_t> todo;
  for (std::size_t k = 0; k < points.size(); ++k) {
    if (!in_shard_done[k]) todo.push_back(k);
  }

  AppendFile jsonl_file(dir / points_jsonl_name);
  AppendFile csv_file(dir / points_csv_name);
  std::mutex mutex;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::exception_ptr failure;
  std::size_t finished = summary.already_done;
  if (options.progress) options.progress(finished, points.size());

  const auto worker = [&] {
    for (;;) {
      if (stop.load()) return;
      const std::size_t t = next.fetch_add(1);
      if (t >= todo.size()) return;
      const std::size_t k = todo[t];
      const SweepPoint& point = points[k];
      std::string line;
      try {
        const StudyResult result = run_study(scenarios[k], scenarios[k].seeds, scenarios[k].seed, runner);
        line = sweep_point_line(spec, point, result, scenarios[k]);
      } catch (const std::exception& error) {
        line = error_line(spec, point, error.what());
      }
      const std::string csv_row = sweep_csv_row(json::parse(line), axis_paths);
      const std::lock_guard<std::mutex> lock(mutex);
      try {
        jsonl_file.append(line + "\n");
        csv_file.append(csv_row);
      } catch (...) {
        if (!failure) failure = std::current_exception();
        stop = true;
        return;
      }
      done.emplace(point.index, std::move(line));
      ++summary.ran;
      ++finished;
      if (options.progress) options.progress(finished, points.size());
    }
  };
  const std::size_t thread_count = std::min<std::size_t>(static_cast<std::size_t>(std::max(1, options.threads)),
                                                         std::max<std::size_t>(1, todo.size()));
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < thread_count; ++i) threads.emplace_back(worker);
  worker();
  for (std::thread& thread : threads) thread.join();
  if (failure) std::rethrow_exception(failure);

  for (const auto& [index, line] : done) {
    if (json::parse(line).contains("error")) ++summary.failed;
  }
  write_final_files(dir, axis_paths, done);
  return summary;
}

SweepRunSummary run_sweep(const SweepSpec& spec, const CatalogSource& catalog, const SweepRunOptions& options) {
  return run_sweep(spec, catalog, models::workload::run_campaign, options);
}

std::size_t merge_sweeps(const std::vector<std::filesystem::path>& directories, const std::filesystem::path& out_dir) {
  if (directories.empty()) throw SweepError("merge: give at least one sweep output directory");
  std::optional<json> sweep;
  std::map<std::size_t, std::string> lines;
  for (const std::filesystem::path& dir : directories) {
    if (!std::filesystem::exists(dir / manifest_name)) {
      throw SweepError(dir.string() + ": not a sweep output directory (no " + manifest_name + ")");
    }
    const json manifest = json::parse(read_text(dir / manifest_name), nullptr, false);
    if (manifest.is_discarded() || !manifest.contains("sweep")) {
      throw SweepError((dir / manifest_name).string() + ": malformed sweep manifest");
    }
    if (!sweep) {
      sweep = manifest["sweep"];
    } else if (*sweep != manifest["sweep"]) {
      throw SweepError(dir.string() + ": holds a different sweep than " + directories.front().string());
    }
    for (auto& [index, line] : read_finished_points(dir)) {
      const auto [where, inserted] = lines.emplace(index, line);
      if (!inserted && where->second != line) {
        throw SweepError(dir.string() + ": point " + std::to_string(index) + " differs from another directory's");
      }
    }
  }
  const SweepSpec spec = parse_sweep(*sweep, ".", directories.front().string());
  const std::size_t total = point_count(spec);
  std::vector<std::size_t> missing;
  for (std::size_t i = 0; i < total; ++i) {
    if (lines.find(i) == lines.end()) missing.push_back(i);
  }
  for (auto it = lines.begin(); it != lines.end();) it = it->first >= total ? lines.erase(it) : std::next(it);
  if (!missing.empty()) {
    std::string list;
    for (std::size_t i = 0; i < missing.size() && i < 10; ++i) {
      if (i > 0) list += ", ";
      list += std::to_string(missing[i]);
    }
    throw SweepError("merge: " + std::to_string(missing.size()) + " of " + std::to_string(total) +
                     " points are missing (" + list + (missing.size() > 10 ? ", ..." : "") +
                     "); run the missing shards first");
  }
  ensure_writable_directory(out_dir);
  write_final_files(out_dir, axis_paths_of(spec), lines);
  return total;
}

}  // namespace clustersim::app
