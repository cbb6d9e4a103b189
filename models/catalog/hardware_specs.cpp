#include "models/catalog/hardware_specs.hpp"

#include <algorithm>

namespace clustersim::models::catalog {
namespace {

using enum FieldKind;

template <class T>
Field<T> name_field(std::string T::*member, std::string_view doc) {
  return {{.key = "name", .kind = text, .doc = doc}, member};
}

template <class T>
Field<T> notes_field(std::string T::*member) {
  return {{.key = "notes", .kind = text, .presence = Presence::optional, .doc = "free-text remarks"}, member};
}

// A "<part>" name and its "<part>_count": the name is required exactly when the count is positive.
void check_part(const std::string& name, std::int64_t count, std::string_view key, const Where& where) {
  const std::string count_key = std::string(key) + "_count";
  if (count > 0 && name.empty())
    fail(where,
         "missing required key \"" + std::string(key) + "\" (" + count_key + " is " + std::to_string(count) + ")");
  if (count == 0 && !name.empty())
    fail(where.key(key), "names a part but " + count_key + " is 0 (drop the key or set the count)");
}

}  // namespace

double NicSpec::bytes_per_s() const {
  return std::min(static_cast<double>(ports) * port_bytes_per_s, host_bytes_per_s);
}

const Table<GpuSpec>& gpu_table() {
  static const Table<GpuSpec> table{
      .type_name = "GpuSpec",
      .fields =
          {
              name_field(&GpuSpec::name, "unique GPU name, referenced by nodes.json"),
              {{.key = "vendor", .kind = text, .presence = Presence::optional, .doc = "manufacturer"},
               &GpuSpec::vendor},
              {{.key = "fp8_flops_per_s",
                .kind = flops_per_s,
                .example = "1979 TFLOP/s",
                .doc = "peak dense FP8 tensor throughput"},
               &GpuSpec::fp8_flops_per_s},
              {{.key = "bf16_flops_per_s",
                .kind = flops_per_s,
                .example = "989 TFLOP/s",
                .doc = "peak dense BF16 tensor throughput"},
               &GpuSpec::bf16_flops_per_s},
              {{.key = "fp32_flops_per_s",
                .kind = flops_per_s,
                .example = "67 TFLOP/s",
                .doc = "peak FP32 throughput (non-tensor)"},
               &GpuSpec::fp32_flops_per_s},
              {{.key = "hbm_bytes", .kind = bytes, .example = "80 GB", .doc = "HBM capacity"}, &GpuSpec::hbm_bytes},
              {{.key = "hbm_bytes_per_s", .kind = bytes_per_s, .example = "3.35 TB/s", .doc = "HBM bandwidth"},
               &GpuSpec::hbm_bytes_per_s},
              {{.key = "scale_up_bytes_per_s",
                .kind = bytes_per_s,
                .example = "900 GB/s",
                .doc = "NVLink / Infinity Fabric bandwidth per GPU, as quoted by the vendor"},
               &GpuSpec::scale_up_bytes_per_s},
              {{.key = "power_w", .kind = watts, .example = "700", .doc = "maximum board power (TDP)"},
               &GpuSpec::power_w},
              notes_field(&GpuSpec::notes),
          },
      .check = {},
      .sources = &GpuSpec::sources,
  };
  return table;
}

const Table<NodeSpec>& node_table() {
  static const Table<NodeSpec> table{
      .type_name = "NodeSpec",
      .fields =
          {
              name_field(&NodeSpec::name, "unique node name"),
              {{.key = "gpu",
                .kind = reference,
                .choices = "GPU",
                .example = "H100-SXM",
                .doc = "GPU model (gpus.json)"},
               &NodeSpec::gpu},
              {{.key = "gpu_count",
                .kind = integer,
                .bound = Bound::at_least_one,
                .example = "8",
                .doc = "GPUs per node"},
               &NodeSpec::gpu_count},
              {{.key = "host_dram_bytes", .kind = bytes, .example = "2 TB", .doc = "host DRAM capacity"},
               &NodeSpec::host_dram_bytes},
              {{.key = "host_dram_bytes_per_s",
                .kind = bytes_per_s,
                .example = "614.4 GB/s",
                .doc = "host DRAM bandwidth (all sockets)"},
               &NodeSpec::host_dram_bytes_per_s},
              {{.key = "pcie_bytes_per_s",
                .kind = bytes_per_s,
                .example = "63 GB/s",
                .doc = "host <-> GPU PCIe bandwidth per GPU, per direction"},
               &NodeSpec::pcie_bytes_per_s},
              {{.key = "backend_nic",
                .kind = reference,
                .choices = "NIC",
                .example = "ConnectX-7-400G",
                .doc = "compute-fabric NIC model (nics.json)"},
               &NodeSpec::backend_nic},
              {{.key = "backend_nic_count",
                .kind = integer,
                .bound = Bound::at_least_one,
                .example = "8",
                .doc = "compute-fabric NICs per node"},
               &NodeSpec::backend_nic_count},
              {{.key = "frontend_nic",
                .kind = reference,
                .presence = Presence::optional,
                .choices = "NIC",
                .example = "ConnectX-7-dual-port",
                .doc = "storage/front-end NIC model; absent when the count is 0"},
               &NodeSpec::frontend_nic},
              {{.key = "frontend_nic_count",
                .kind = integer,
                .bound = Bound::non_negative,
                .example = "2",
                .doc = "front-end NICs per node; 0 = storage traffic shares the back-end NICs"},
               &NodeSpec::frontend_nic_count},
              {{.key = "nvme",
                .kind = reference,
                .presence = Presence::optional,
                .choices = "NVMe drive",
                .example = "PM1733-3.84TB",
                .doc = "local NVMe drive model (nvme.json); absent when the count is 0"},
               &NodeSpec::nvme},
              {{.key = "nvme_count",
                .kind = integer,
                .bound = Bound::non_negative,
                .example = "8",
                .doc = "local NVMe drives per node"},
               &NodeSpec::nvme_count},
              {{.key = "cpu_cores",
                .kind = integer,
                .bound = Bound::at_least_one,
                .example = "112",
                .doc = "host CPU cores (all sockets)"},
               &NodeSpec::cpu_cores},
              {{.key = "power_w", .kind = watts, .example = "10200", .doc = "maximum system power"},
               &NodeSpec::power_w},
              {{.key = "price_usd",
                .kind = usd,
                .presence = Presence::optional,
                .example = "270000",
                .doc = "purchase price of one node; absent when no public price is recorded"},
               &NodeSpec::price_usd},
              notes_field(&NodeSpec::notes),
          },
      .check =
          [](const NodeSpec& node, const Where& where) {
            check_part(node.frontend_nic, node.frontend_nic_count, "frontend_nic", where);
            check_part(node.nvme, node.nvme_count, "nvme", where);
          },
      .sources = &NodeSpec::sources,
  };
  return table;
}

const Table<NvmeSpec>& nvme_table() {
  static const Table<NvmeSpec> table{
      .type_name = "NvmeSpec",
      .fields =
          {
              name_field(&NvmeSpec::name, "unique drive name, referenced by nodes.json"),
              {{.key = "form_factor", .kind = text, .presence = Presence::optional, .doc = "U.2, E3.S, M.2, ..."},
               &NvmeSpec::form_factor},
              {{.key = "pcie_gen",
                .kind = integer,
                .bound = Bound::at_least_one,
                .example = "5",
                .doc = "PCIe generation of the drive's link"},
               &NvmeSpec::pcie_gen},
              {{.key = "capacity_bytes", .kind = bytes, .example = "3.84 TB", .doc = "usable capacity"},
               &NvmeSpec::capacity_bytes},
              {{.key = "read_bytes_per_s", .kind = bytes_per_s, .example = "13 GB/s", .doc = "sequential read"},
               &NvmeSpec::read_bytes_per_s},
              {{.key = "write_bytes_per_s", .kind = bytes_per_s, .example = "6.6 GB/s", .doc = "sequential write"},
               &NvmeSpec::write_bytes_per_s},
              {{.key = "read_ops_per_s", .kind = ops_per_s, .example = "2.5 M IOPS", .doc = "4 KiB random read"},
               &NvmeSpec::read_ops_per_s},
              {{.key = "write_ops_per_s", .kind = ops_per_s, .example = "250 K IOPS", .doc = "4 KiB random write"},
               &NvmeSpec::write_ops_per_s},
              {{.key = "read_latency", .kind = duration, .example = "80 us", .doc = "QD1 4 KiB read latency"},
               &NvmeSpec::read_latency},
              {{.key = "write_latency", .kind = duration, .example = "20 us", .doc = "QD1 4 KiB write latency"},
               &NvmeSpec::write_latency},
              {{.key = "queue_depth",
                .kind = integer,
                .bound = Bound::at_least_one,
                .example = "200",
                .doc = "outstanding I/Os needed to reach the rated read IOPS"},
               &NvmeSpec::queue_depth},
              {{.key = "power_w",
                .kind = watts,
                .presence = Presence::optional,
                .example = "25",
                .doc = "maximum active power"},
               &NvmeSpec::power_w},
              notes_field(&NvmeSpec::notes),
          },
      .check = {},
      .sources = &NvmeSpec::sources,
  };
  return table;
}

const Table<NicSpec>& nic_table() {
  static const Table<NicSpec> table{
      .type_name = "NicSpec",
      .fields =
          {
              name_field(&NicSpec::name, "unique NIC name, referenced by nodes.json"),
              {{.key = "ports", .kind = integer, .bound = Bound::at_least_one, .example = "1", .doc = "network ports"},
               &NicSpec::ports},
              {{.key = "port_bytes_per_s",
                .kind = bytes_per_s,
                .example = "400 Gb/s",
                .doc = "line rate of one port, per direction"},
               &NicSpec::port_bytes_per_s},
              {{.key = "host_bytes_per_s",
                .kind = bytes_per_s,
                .example = "63 GB/s",
                .doc = "host interface (PCIe) bandwidth, per direction"},
               &NicSpec::host_bytes_per_s},
              {{.key = "power_w",
                .kind = watts,
                .presence = Presence::optional,
                .example = "25",
                .doc = "maximum power"},
               &NicSpec::power_w},
              notes_field(&NicSpec::notes),
          },
      .check = {},
      .sources = &NicSpec::sources,
  };
  return table;
}

const Table<SwitchSpec>& switch_table() {
  static const Table<SwitchSpec> table{
      .type_name = "SwitchSpec",
      .fields =
          {
              name_field(&SwitchSpec::name, "unique switch name"),
              {{.key = "ports", .kind = integer, .bound = Bound::at_least_one, .example = "64", .doc = "ports"},
               &SwitchSpec::ports},
              {{.key = "port_bytes_per_s",
                .kind = bytes_per_s,
                .example = "400 Gb/s",
                .doc = "line rate of one port, per direction"},
               &SwitchSpec::port_bytes_per_s},
              {{.key = "power_w",
                .kind = watts,
                .presence = Presence::optional,
                .example = "1500",
                .doc = "maximum power"},
               &SwitchSpec::power_w},
              {{.key = "price_usd",
                .kind = usd,
                .presence = Presence::optional,
                .example = "30000",
                .doc = "purchase price"},
               &SwitchSpec::price_usd},
              notes_field(&SwitchSpec::notes),
          },
      .check = {},
      .sources = &SwitchSpec::sources,
  };
  return table;
}

const Table<LinkMediaSpec>& link_media_table() {
  static const Table<LinkMediaSpec> table{
      .type_name = "LinkMediaSpec",
      .fields =
          {
              name_field(&LinkMediaSpec::name, "unique link media name"),
              {{.key = "price_usd",
                .kind = usd,
                .bound = Bound::non_negative,
                .example = "2000",
                .doc = "purchase price of one link, both ends (cable, or transceivers and fiber)"},
               &LinkMediaSpec::price_usd},
              {{.key = "power_w",
                .kind = watts,
                .bound = Bound::non_negative,
                .example = "17",
                .doc = "power of one link, both ends (0: a passive cable)"},
               &LinkMediaSpec::power_w},
              notes_field(&LinkMediaSpec::notes),
          },
      .check = {},
      .sources = &LinkMediaSpec::sources,
  };
  return table;
}

}  // namespace clustersim::models::catalog
