#include "models/catalog/storage_spec.hpp"

#include <array>
#include <utility>

namespace clustersim::models::catalog {
namespace {

using enum FieldKind;

constexpr std::array<std::pair<StorageKind, std::string_view>, 3> kKindNames{{
    {StorageKind::parallel_file_system, "parallel_file_system"},
    {StorageKind::object_store, "object_store"},
    {StorageKind::unified, "unified"},
}};

constexpr std::string_view kFileKinds = "parallel_file_system|unified";
constexpr std::string_view kObjectKinds = "object_store|unified";

}  // namespace

std::string_view to_string(StorageKind kind) {
  for (const auto& [k, name] : kKindNames)
    if (k == kind) return name;
  return "?";
}

StorageKind parse_storage_kind(std::string_view name) {
  for (const auto& [kind, text] : kKindNames)
    if (text == name) return kind;
  throw CatalogError("unknown storage kind \"" + std::string(name) +
                     "\" (known: parallel_file_system, object_store, unified)");
}

double StorageSpec::read_bytes_per_s() const {
  if (kind == StorageKind::object_store)
    return static_cast<double>(gateways.value_or(0)) * gateway_bytes_per_s.value_or(0);
  return static_cast<double>(servers.value_or(0)) * server_read_bytes_per_s.value_or(0);
}

double StorageSpec::write_bytes_per_s() const {
  if (kind == StorageKind::object_store)
    return static_cast<double>(gateways.value_or(0)) * gateway_bytes_per_s.value_or(0);
  return static_cast<double>(servers.value_or(0)) * server_write_bytes_per_s.value_or(0);
}

const Table<StorageSpec>& storage_table() {
  static const Table<StorageSpec> table{
      .type_name = "StorageSpec",
      .fields =
          {
              {{.key = "name", .kind = text, .doc = "unique storage system name"}, &StorageSpec::name},
              {{.key = "kind",
                .kind = enumeration,
                .choices = "parallel_file_system|object_store|unified",
                .example = "object_store",
                .doc = "which model serves the system; selects the fields it needs"},
               CustomMember<StorageSpec>{
                   [](StorageSpec& s, const FieldValue& v) { s.kind = parse_storage_kind(std::get<std::string>(v)); },
                   [](const StorageSpec& s) { return FieldValue(std::string(to_string(s.kind))); }}},
              {{.key = "servers",
                .kind = integer,
                .bound = Bound::at_least_one,
                .applies_to = kFileKinds,
                .example = "32",
                .doc = "storage servers"},
               &StorageSpec::servers},
              {{.key = "server_read_bytes_per_s",
                .kind = bytes_per_s,
                .applies_to = kFileKinds,
                .example = "40 GB/s",
                .doc = "read bandwidth of one server"},
               &StorageSpec::server_read_bytes_per_s},
              {{.key = "server_write_bytes_per_s",
                .kind = bytes_per_s,
                .applies_to = kFileKinds,
                .example = "20 GB/s",
                .doc = "write bandwidth of one server"},
               &StorageSpec::server_write_bytes_per_s},
              {{.key = "server_capacity_bytes",
                .kind = bytes,
                .presence = Presence::optional,
                .applies_to = kFileKinds,
                .example = "245.76 TB",
                .doc = "usable capacity of one server"},
               &StorageSpec::server_capacity_bytes},
              {{.key = "metadata_ops_per_s",
                .kind = ops_per_s,
                .applies_to = kFileKinds,
                .example = "1 M ops/s",
                .doc = "metadata operations (create, open, stat) per second, whole system"},
               &StorageSpec::metadata_ops_per_s},
              {{.key = "metadata_servers",
                .kind = integer,
                .presence = Presence::optional,
                .bound = Bound::at_least_one,
                .applies_to = kFileKinds,
                .example = "4",
                .doc = "metadata servers the metadata rate is split over (default 1)"},
               &StorageSpec::metadata_servers},
              {{.key = "stripe_count",
                .kind = integer,
                .presence = Presence::optional,
                .bound = Bound::non_negative,
                .applies_to = kFileKinds,
                .example = "1",
                .doc = "servers one file is striped over; 0 = all (default 1)"},
               &StorageSpec::stripe_count},
              {{.key = "server_read_iops",
                .kind = ops_per_s,
                .presence = Presence::optional,
                .applies_to = kFileKinds,
                .example = "1 M ops/s",
                .doc = "small random reads per second of one server (default: not limiting)"},
               &StorageSpec::server_read_iops},
              {{.key = "prefix_read_ops_per_s",
                .kind = ops_per_s,
                .applies_to = kObjectKinds,
                .required_for = "object_store",
                .example = "5500 req/s",
                .doc = "GET/HEAD requests per second per prefix"},
               &StorageSpec::prefix_read_ops_per_s},
              {{.key = "prefix_write_ops_per_s",
                .kind = ops_per_s,
                .applies_to = kObjectKinds,
                .required_for = "object_store",
                .example = "3500 req/s",
                .doc = "PUT/COPY/POST/DELETE requests per second per prefix"},
               &StorageSpec::prefix_write_ops_per_s},
              {{.key = "erasure_coding_overhead",
                .kind = number,
                .bound = Bound::at_least_one,
                .applies_to = kObjectKinds,
                .required_for = "object_store",
                .example = "1.333",
                .doc = "raw bytes stored per user byte"},
               &StorageSpec::erasure_coding_overhead},
              {{.key = "prefixes",
                .kind = integer,
                .presence = Presence::optional,
                .bound = Bound::at_least_one,
                .applies_to = kObjectKinds,
                .example = "64",
                .doc = "prefixes objects (checkpoint shards, samples) are spread over (default 1)"},
               &StorageSpec::prefixes},
              {{.key = "part_bytes",
                .kind = bytes,
                .presence = Presence::optional,
                .applies_to = kObjectKinds,
                .example = "8 MiB",
                .doc = "multipart part size (default 8 MiB)"},
               &StorageSpec::part_bytes},
              {{.key = "gateways",
                .kind = integer,
                .bound = Bound::at_least_one,
                .applies_to = "object_store",
                .example = "16",
                .doc = "gateways (transfer hosts) between the cluster and the store"},
               &StorageSpec::gateways},
              {{.key = "gateway_bytes_per_s",
                .kind = bytes_per_s,
                .applies_to = "object_store",
                .example = "100 Gb/s",
                .doc = "bandwidth of one gateway, per direction"},
               &StorageSpec::gateway_bytes_per_s},
              {{.key = "first_byte_latency",
                .kind = duration,
                .required_for = kObjectKinds,
                .example = "100 ms",
                .doc = "time to the first byte of a request"},
               &StorageSpec::first_byte_latency},
              {{.key = "capacity_bytes",
                .kind = bytes,
                .presence = Presence::optional,
                .example = "10 PB",
                .doc = "total usable capacity, when bounded"},
               &StorageSpec::capacity_bytes},
              {{.key = "notes", .kind = text, .presence = Presence::optional, .doc = "free-text remarks"},
               &StorageSpec::notes},
          },
      .check = {},
      .sources = &StorageSpec::sources,
  };
  return table;
}

}  // namespace clustersim::models::catalog
