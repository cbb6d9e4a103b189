// Tests of the hardware catalog (data/) and its loader (models/catalog): the shipped files load, spot values
// match their datasheets, the failure rates reproduce Llama 3's 419 interruptions, and broken files give
// messages naming the file, the JSON path and the problem.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/catalog/catalog.hpp"
#include "models/catalog/json_file.hpp"
#include "models/catalog/overrides.hpp"
#include "models/catalog/schema.hpp"
#include "models/failure/failure_rates.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using clustersim::models::catalog::Catalog;
using clustersim::models::catalog::CatalogError;
namespace catalog = clustersim::models::catalog;
namespace failure = clustersim::models::failure;
namespace sim = clustersim::sim;

namespace {

const Catalog& shipped() {
  static const Catalog c = Catalog::load(Catalog::default_data_dir());
  return c;
}

// A copy of the shipped data/ in a fresh temporary directory, removed at scope exit.
class TempData {
 public:
  TempData() {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("clustersim_catalog_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    for (const auto& entry : fs::directory_iterator(Catalog::default_data_dir()))
      if (entry.path().extension() == ".json") fs::copy_file(entry.path(), dir_ / entry.path().filename());
  }
  ~TempData() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  TempData(const TempData&) = delete;
  TempData& operator=(const TempData&) = delete;

  const fs::path& dir() const { return dir_; }

  // Loads `file`, lets `edit` change it, writes it back.
  void edit(const std::string& file, const std::function<void(nlohmann::json&)>& change) {
    nlohmann::json document = catalog::read_json_file(dir_ / file);
    change(document);
    write(file, document.dump(2));
  }
  void write(const std::string& file, const std::string& text) {
    std::ofstream out(dir_ / file, std::ios::binary | std::ios::trunc);
    out << text;
  }
  std::string file(const std::string& name) const { return (dir_ / name).string(); }

 private:
  fs::path dir_;
};

std::string load_error(const TempData& data) {
  try {
    Catalog::load(data.dir());
  } catch (const CatalogError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("the shipped catalog loads with every required entry", "[catalog]") {
  const Catalog& c = shipped();
  CHECK(c.gpu_names() == std::vector<std::string>{"B200", "H100-SXM", "H200", "MI300X"});
  CHECK(c.node_names() == std::vector<std::string>{"DGX-B200", "DGX-H100", "generic-8gpu"});
  CHECK(c.nvme_drives().size() == 2);
  CHECK(c.nic("ConnectX-7-400G").ports == 1);
  CHECK(c.switch_spec("QM9700").ports == 64);
  CHECK(c.storage_systems().size() == 3);
  CHECK(c.failure_causes().size() == 18);
  CHECK(c.prices().size() >= 10);
  // Every numeric field of every entry cites a source.
  for (const auto& gpu : c.gpus()) CHECK(gpu.sources.size() == 7);
}

TEST_CASE("catalog spot values match their datasheets", "[catalog]") {
  const Catalog& c = shipped();
  CHECK(c.gpu("H100-SXM").bf16_flops_per_s == Approx(989e12));
  CHECK(c.gpu("H100-SXM").fp8_flops_per_s == Approx(1979e12));
  CHECK(c.gpu("H100-SXM").hbm_bytes == Approx(80e9));
  CHECK(c.gpu("H100-SXM").hbm_bytes_per_s == Approx(3.35e12));
  CHECK(c.gpu("H200").hbm_bytes == Approx(141e9));
  CHECK(c.gpu("MI300X").hbm_bytes_per_s == Approx(5.3e12));
  CHECK(c.gpu("B200").power_w == Approx(1000));

  const auto& pm1743 = c.nvme("PM1743-15.36TB");
  CHECK(pm1743.read_bytes_per_s == Approx(13e9));
  CHECK(pm1743.write_bytes_per_s == Approx(6.6e9));
  CHECK(pm1743.read_ops_per_s == Approx(2.5e6));
  CHECK(pm1743.write_ops_per_s == Approx(250e3));
  CHECK(pm1743.read_latency == sim::microseconds(80));

  const auto& dgx = c.node("DGX-H100");
  const auto totals = c.totals(dgx);
  CHECK(totals.local_nvme_bytes == Approx(8 * 3.84e12));
  CHECK(totals.hbm_bytes == Approx(8 * 80e9));
  CHECK(totals.backend_bytes_per_s == Approx(8 * 50e9));  // 8 x 400 Gb/s
  CHECK(dgx.power_w == Approx(10200));
  CHECK(dgx.price_usd.value() == Approx(270000));
  CHECK(c.node("DGX-B200").price_usd.has_value() == false);
  CHECK(c.node("generic-8gpu").frontend_nic_count == 0);
  CHECK(c.totals(c.node("generic-8gpu")).frontend_bytes_per_s == 0);

  const auto& s3 = c.storage("s3-standard");
  CHECK(s3.kind == catalog::StorageKind::object_store);
  CHECK(s3.prefix_read_ops_per_s.value() == Approx(5500));
  CHECK(s3.prefix_write_ops_per_s.value() == Approx(3500));
  CHECK(s3.first_byte_latency.value() == sim::milliseconds(100));
  CHECK(!s3.servers.has_value());
  const auto& pfs = c.storage("reference-pfs");
  CHECK(pfs.read_bytes_per_s() == Approx(32 * 40.3e9));
  CHECK(c.storage("reference-unified").write_bytes_per_s() >= 273e9);

  CHECK(c.price("aws-p5.48xlarge-2024").price_usd == Approx(98.32));
  CHECK(c.price("s3-standard-get").unit == catalog::PriceUnit::per_1000_requests);
  CHECK(c.price("azure-8xh100-ndr").price_usd == Approx(22.55));
}

TEST_CASE("failure rates reproduce Llama 3's 419 interruptions in 54 days on 2,048 nodes", "[catalog]") {
  const Catalog& c = shipped();
  const auto& obs = c.failure_observation();
  CHECK(obs.nodes == 2048);
  CHECK(obs.gpus == 16384);
  CHECK(obs.hours() == Approx(54 * 24));
  double expected = 0;
  for (const auto& cause : c.failure_causes())
    expected += cause.rate_per_component_hour * 2048 * cause.components_per_node * 54 * 24;
  CHECK(expected == Approx(419).epsilon(0.01));

  // Faulty GPU: 148 / (16,384 GPUs x 1,296 h).
  CHECK(c.failure_cause("faulty_gpu").rate_per_component_hour == Approx(148.0 / (16384.0 * 1296.0)).epsilon(1e-3));
  CHECK(c.failure_cause("network_switch_cable").blast_radius == failure::BlastRadius::leaf_switch);
  CHECK(c.failure_cause("ssd").blast_radius == failure::BlastRadius::node_and_local_storage);
  CHECK(c.failure_cause("software_bug").component == failure::ComponentKind::software);

  // The same through models/failure: catalog causes map one to one onto failure::FailureCause.
  std::vector<failure::FailureCause> causes;
  for (const auto& cause : c.failure_causes()) causes.push_back(catalog::to_failure_cause(cause));
  CHECK(failure::expected_failures(causes, 2048, sim::days(54)) == Approx(419).epsilon(0.01));
}

TEST_CASE("catalog lookups name the missing entry and the known ones", "[catalog]") {
  const Catalog& c = shipped();
  CHECK_THROWS_WITH(c.gpu("H1000"), "unknown GPU \"H1000\" (known: B200, H100-SXM, H200, MI300X)");
  CHECK_THROWS_WITH(c.node("DGX-A100"), "unknown node \"DGX-A100\" (known: DGX-B200, DGX-H100, generic-8gpu)");
  CHECK_THROWS_AS(c.storage("lustre"), CatalogError);
  CHECK_THROWS_AS(c.price("nope"), std::invalid_argument);
}

TEST_CASE("broken catalog files give messages with the file and JSON path", "[catalog]") {
  TempData data;

  SECTION("unknown key") {
    data.edit("gpus.json", [](auto& j) { j["gpus"][0]["hbm_bandwith"] = "3 TB/s"; });
    CHECK_THAT(load_error(data),
               Contains(data.file("gpus.json") + ": gpus[0].hbm_bandwith: unknown key (known keys: "));
  }
  SECTION("bad unit") {
    data.edit("nvme.json", [](auto& j) { j["drives"][1]["read_bytes_per_s"] = "fast"; });
    CHECK(load_error(data) ==
          data.file("nvme.json") +
              ": drives[1].read_bytes_per_s: expected a positive rate like \"13 GB/s\", got \"fast\"");
  }
  SECTION("a rate with a size unit") {
    data.edit("nvme.json", [](auto& j) { j["drives"][0]["write_bytes_per_s"] = "3.8 GB"; });
    CHECK_THAT(load_error(data), Contains("drives[0].write_bytes_per_s: expected a positive rate"));
  }
  SECTION("negative value") {
    data.edit("gpus.json", [](auto& j) { j["gpus"][2]["hbm_bytes"] = "-80 GB"; });
    CHECK(load_error(data) ==
          data.file("gpus.json") + ": gpus[2].hbm_bytes: expected a positive size like \"80 GB\", got \"-80 GB\"");
  }
  SECTION("negative plain number and zero") {
    data.edit("nodes.json", [](auto& j) { j["nodes"][1]["power_w"] = -5; });
    CHECK_THAT(load_error(data), Contains("nodes[1].power_w: expected a positive number of watts like 10200, got -5"));
    data.edit("nodes.json", [](auto& j) {
      j["nodes"][1]["power_w"] = 14300;
      j["nodes"][0]["gpu_count"] = 0;
    });
    CHECK_THAT(load_error(data), Contains("nodes[0].gpu_count: expected an integer >= 1 like 8, got 0"));
  }
  SECTION("wrong type") {
    data.edit("nodes.json", [](auto& j) { j["nodes"][0]["gpu_count"] = "8"; });
    CHECK_THAT(load_error(data), Contains("nodes[0].gpu_count: expected an integer >= 1 like 8, got \"8\""));
  }
  SECTION("missing required key") {
    data.edit("gpus.json", [](auto& j) {
      j["gpus"][0].erase("hbm_bytes");
      j["gpus"][0]["sources"].erase("hbm_bytes");
    });
    CHECK_THAT(load_error(data), Contains(data.file("gpus.json") + ": gpus[0]: missing required key \"hbm_bytes\""));
  }
  SECTION("a number without its source") {
    data.edit("gpus.json", [](auto& j) { j["gpus"][1]["sources"].erase("hbm_bytes_per_s"); });
    CHECK_THAT(load_error(data), Contains("gpus[1].sources: missing the source of \"hbm_bytes_per_s\""));
  }
  SECTION("missing reference") {
    data.edit("nodes.json", [](auto& j) { j["nodes"][0]["gpu"] = "H1000"; });
    CHECK(load_error(data) ==
          data.file("nodes.json") + ": nodes[0].gpu: unknown GPU \"H1000\" (known: B200, H100-SXM, H200, MI300X)");
  }
  SECTION("a part count without the part") {
    data.edit("nodes.json", [](auto& j) { j["nodes"][2]["frontend_nic_count"] = 2; });
    CHECK_THAT(load_error(data), Contains("nodes[2]: missing required key \"frontend_nic\" (frontend_nic_count is 2)"));
  }
  SECTION("malformed JSON reports line and column") {
    data.write("switches.json", "{\n  \"switches\": [\n    {\"name\": \"x\",}\n  ]\n}\n");
    const std::string message = load_error(data);
    CHECK_THAT(message, Contains(data.file("switches.json") + ": malformed JSON: parse error at line 3, column"));
  }
  SECTION("duplicate JSON key") {
    data.write("switches.json", "{\"switches\": [], \"switches\": []}");
    CHECK_THAT(load_error(data), Contains("switches.json: duplicate key \"switches\""));
  }
  SECTION("duplicate entry name") {
    data.edit("gpus.json", [](auto& j) { j["gpus"][3]["name"] = "H200"; });
    CHECK_THAT(load_error(data), Contains("gpus[3].name: duplicate GPU name \"H200\" (also gpus[1])"));
  }
  SECTION("a field of another storage kind") {
    data.edit("storage.json", [](auto& j) { j["systems"][1]["servers"] = 4; });
    CHECK_THAT(
        load_error(data),
        Contains("systems[1].servers: does not apply to kind object_store (only to parallel_file_system, unified)"));
  }
  SECTION("a field required by the storage kind") {
    data.edit("storage.json", [](auto& j) {
      j["systems"][1].erase("first_byte_latency");
      j["systems"][1]["sources"].erase("first_byte_latency");
    });
    CHECK_THAT(load_error(data), Contains("systems[1]: missing required key \"first_byte_latency\""));
  }
  SECTION("bad enumeration") {
    data.edit("failures.json", [](auto& j) { j["causes"][0]["blast_radius"] = "rack"; });
    CHECK_THAT(load_error(data), Contains("causes[0].blast_radius: expected one of node, node_and_local_storage, "
                                          "leaf_switch, job, got \"rack\""));
  }
  SECTION("a failure rate that does not reproduce its count") {
    data.edit("failures.json", [](auto& j) { j["causes"][0]["rate_per_component_hour"] = 7e-5; });
    CHECK_THAT(load_error(data), Contains("causes[0].rate_per_component_hour: does not reproduce its count"));
  }
  SECTION("counts that do not add up") {
    data.edit("failures.json", [](auto& j) { j["observation"]["unexpected_interruptions"] = 420; });
    CHECK_THAT(load_error(data),
               Contains("causes: the counts add up to 419, but observation.unexpected_interruptions is 420"));
  }
  SECTION("bad components_per_node") {
    data.edit("failures.json", [](auto& j) { j["causes"][0]["components_per_node"] = 1.5; });
    CHECK_THAT(load_error(data), Contains("causes[0]: components_per_node: must be a whole number"));
  }
  SECTION("bad date") {
    data.edit("prices.json", [](auto& j) { j["prices"][0]["date"] = "June 2025"; });
    CHECK_THAT(load_error(data), Contains("prices[0].date: expected a date like \"2025-06\""));
  }
  SECTION("unknown top-level key and missing file") {
    data.edit("nics.json", [](auto& j) { j["nic"] = nlohmann::json::array(); });
    CHECK_THAT(load_error(data), Contains(data.file("nics.json") + ": nic: unknown key (known keys: about, nics)"));
    fs::remove(data.dir() / "nics.json");
    CHECK_THAT(load_error(data), Contains(data.file("nics.json") + ": cannot open the file"));
  }
}

TEST_CASE("node overrides are checked field by field", "[catalog]") {
  const Catalog& c = shipped();
  const auto base = c.node("DGX-H100");
  const auto node =
      catalog::apply_overrides(base, {{"nvme_count", 4}, {"host_dram_bytes", "1 TiB"}}, "architecture.node");
  CHECK(node.nvme_count == 4);
  CHECK(node.host_dram_bytes == Approx(1099511627776.0));
  CHECK(node.gpu_count == 8);
  CHECK(c.totals(node).local_nvme_bytes == Approx(4 * 3.84e12));

  CHECK_THROWS_WITH(catalog::apply_overrides(base, {{"nvme_count", -1}}, "architecture.node"),
                    "architecture.node.nvme_count: expected a non-negative integer like 8, got -1");
  CHECK_THROWS_WITH(catalog::apply_overrides(base, {{"pcie_bytes_per_s", "fast"}}, "architecture.node"),
                    "architecture.node.pcie_bytes_per_s: expected a positive rate like \"63 GB/s\", got \"fast\"");
  CHECK_THROWS_WITH(catalog::apply_overrides(base, {{"gpus", 4}}, "architecture.node"),
                    Contains("architecture.node.gpus: unknown key (known keys: "));
  CHECK_THROWS_WITH(catalog::apply_overrides(base, {{"name", "x"}}, "architecture.node"),
                    Contains("architecture.node.name: the name of a catalog entry cannot be overridden"));
  CHECK_THROWS_WITH(catalog::apply_overrides(base, {{"nvme_count", 0}}, "architecture.node"),
                    Contains("architecture.node.nvme: names a part but nvme_count is 0"));
  CHECK_THROWS_WITH(c.node_with_overrides("DGX-H100", {{"gpu", "H1000"}}, "architecture.node"),
                    Contains("architecture.node.gpu: unknown GPU \"H1000\""));
  CHECK(c.node_with_overrides("DGX-H100", {{"gpu", "H200"}}, "architecture.node").gpu == "H200");

  const auto s3 = catalog::apply_overrides(c.storage("s3-standard"), {{"gateways", 4}}, "storage[0]");
  CHECK(s3.read_bytes_per_s() == Approx(4 * 12.5e9));
  CHECK_THROWS_WITH(
      catalog::apply_overrides(c.storage("s3-standard"), {{"metadata_ops_per_s", "1 M ops/s"}}, "storage[0]"),
      Contains("storage[0].metadata_ops_per_s: does not apply to kind object_store"));
}

TEST_CASE("the catalog schema lists every field once, and enum choices match models/failure", "[catalog]") {
  const auto& schema = catalog::catalog_schema();
  CHECK(schema.size() == 13);
  for (const auto& table : schema) {
    std::vector<std::string_view> keys;
    for (const auto& field : table.fields) {
      CHECK(std::find(keys.begin(), keys.end(), field.key) == keys.end());
      keys.push_back(field.key);
      if (field.kind == catalog::FieldKind::enumeration) CHECK(!field.choices.empty());
      if (catalog::is_numeric(field.kind)) CHECK(!field.example.empty());
    }
  }
  for (const auto& table : schema) {
    if (table.type_name != "FailureCause") continue;
    for (const auto& field : table.fields) {
      if (field.key == "component")
        for (auto choice : catalog::split_choices(field.choices)) CHECK_NOTHROW(failure::parse_component_kind(choice));
      if (field.key == "blast_radius")
        for (auto choice : catalog::split_choices(field.choices)) CHECK_NOTHROW(failure::parse_blast_radius(choice));
    }
  }
  const std::string text = catalog::schema_text();
  CHECK_THAT(text, Contains("hbm_bytes"));
  CHECK_THAT(text, Contains("storage.json: systems[] (StorageSpec)"));
}
