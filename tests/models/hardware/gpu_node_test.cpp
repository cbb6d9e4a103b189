#include <catch2/catch.hpp>

#include <optional>

#include "models/hardware/gpu_node.hpp"
#include "models/hardware/spec_error.hpp"
#include "sim/engine.hpp"
#include "sim/flow_network.hpp"

using namespace clustersim;
using namespace clustersim::models::hardware;

namespace {

NodeSpec test_node() {
  NodeSpec node;
  node.name = "n0";
  node.gpu.name = "h100";
  node.gpu.fp8_flops_per_s = 1979e12;
  node.gpu.bf16_flops_per_s = 989e12;
  node.gpu.fp32_flops_per_s = 67e12;
  node.gpu.hbm_bytes = 80e9;
  node.gpu.hbm_bytes_per_s = 3.35e12;
  node.gpu.nvlink_bytes_per_s = 450e9;
  node.gpu_count = 8;
  node.pcie_bytes_per_s = 64e9;
  node.host_dram_bytes = 2e12;
  node.host_dram_bytes_per_s = 1e12;
  node.backend_nic_count = 8;
  node.backend_nic_bytes_per_s = 50e9;
  node.frontend_nic_count = 2;
  node.frontend_nic_bytes_per_s = 25e9;
  node.nvme_count = 8;
  node.nvme.name = "pm1743";
  node.nvme.capacity_bytes = 3.84e12;
  node.nvme.read_bytes_per_s = 13e9;
  node.nvme.write_bytes_per_s = 6.6e9;
  node.nvme.read_ops_per_s = 2.5e6;
  node.nvme.write_ops_per_s = 250e3;
  node.nvme.read_latency = sim::microseconds(80);
  node.nvme.write_latency = sim::microseconds(20);
  node.nvme.queue_depth = 256;
  node.cpu_cores = 112;
  return node;
}

sim::Task<> move_bytes(sim::FlowNetwork* network, Path path, double bytes, std::optional<sim::SimTime>* done) {
  sim::FlowSpec flow;
  flow.work = bytes;
  flow.constraints = std::move(path);
  flow.name = "transfer";
  co_await network->transfer(std::move(flow));
  *done = network->engine().now();
}

}  // namespace

TEST_CASE("gpu node: GPU->host copy over 8 GPUs' PCIe takes S / (8 x PCIe)", "[hardware]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  const GpuNode node(network, test_node());
  std::optional<sim::SimTime> done;
  const double bytes = 512e9;  // 512 GB / (8 x 64 GB/s) = 1 s
  engine.spawn("copy", move_bytes(&network, node.gpu_to_host(), bytes, &done));
  engine.run();
  REQUIRE(done == sim::seconds(1));

  // One GPU alone: 64 GB over one 64 GB/s link = 1 s.
  std::optional<sim::SimTime> one;
  engine.spawn("copy1", move_bytes(&network, node.gpu_to_host(3), 64e9, &one));
  engine.run();
  REQUIRE(*one - *done == sim::seconds(1));
}

TEST_CASE("gpu node: DRAM bandwidth caps the copy when it is below n x PCIe", "[hardware]") {
  NodeSpec spec = test_node();
  spec.host_dram_bytes_per_s = 256e9;  // below 8 x 64 GB/s
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  const GpuNode node(network, spec);
  std::optional<sim::SimTime> done;
  engine.spawn("copy", move_bytes(&network, node.gpu_to_host(), 512e9, &done));
  engine.run();
  REQUIRE(done == sim::seconds(2));
}

TEST_CASE("gpu node: two transfers sharing the front-end NICs split them", "[hardware]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  const GpuNode node(network, test_node());
  // Front end: 2 x 25 GB/s = 50 GB/s. A checkpoint drain from NVMe and a host->storage upload of
  // 50 GB each: alone 1 s each, together 25 GB/s each -> both end at 2 s.
  std::optional<sim::SimTime> drain, upload;
  engine.spawn("drain", move_bytes(&network, node.nvme_to_frontend(), 50e9, &drain));
  engine.spawn("upload", move_bytes(&network, node.host_to_frontend(), 50e9, &upload));
  engine.run();
  REQUIRE(drain == sim::seconds(2));
  REQUIRE(upload == sim::seconds(2));
}

TEST_CASE("gpu node: without front-end NICs storage traffic shares the back end with gradients", "[hardware]") {
  NodeSpec spec = test_node();
  spec.frontend_nic_count = 0;
  spec.frontend_nic_bytes_per_s = 0;
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  const GpuNode node(network, spec);
  REQUIRE_FALSE(node.has_frontend());
  // Back end 8 x 50 = 400 GB/s. Gradient 400 GB and checkpoint 200 GB together: 200 GB/s each
  // until the checkpoint ends at 1 s, then the gradient's remaining 200 GB at 400 GB/s: 1.5 s.
  std::optional<sim::SimTime> gradient, checkpoint;
  engine.spawn("gradient", move_bytes(&network, node.gpu_to_backend(), 400e9, &gradient));
  engine.spawn("checkpoint", move_bytes(&network, node.host_to_frontend(), 200e9, &checkpoint));
  engine.run();
  REQUIRE(checkpoint == sim::seconds(1));
  REQUIRE(gradient == sim::seconds(1.5));
}

TEST_CASE("gpu node: NVMe routes use the array's bandwidth and the small-I/O coefficient", "[hardware]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  GpuNode node(network, test_node());
  // Sequential write 52.8 GB at 8 x 6.6 GB/s = 1 s.
  std::optional<sim::SimTime> write, read4k;
  engine.spawn("write", move_bytes(&network, node.host_to_nvme(), 52.8e9, &write));
  engine.run();
  REQUIRE(write == sim::seconds(1));
  // 4 KiB random reads: 8 x 10.24 GB/s = 81.92 GB/s -> 81.92 GB in 1 s.
  engine.spawn("read4k", move_bytes(&network, node.nvme_to_host(4096), 81.92e9, &read4k));
  engine.run();
  REQUIRE((*read4k - *write).to_seconds() == Approx(1.0).epsilon(1e-9));
  REQUIRE(node.nvme().capacity_bytes() == Approx(30.72e12));
  node.nvme().write(30e12);
  REQUIRE_THROWS_AS(node.nvme().write(1e12), CapacityError);
}

TEST_CASE("gpu node: NVLink between two GPUs runs at the per-direction rate", "[hardware]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  const GpuNode node(network, test_node());
  std::optional<sim::SimTime> a, b;
  // 0->1 and 2->1 share GPU 1's NVLink input: 450 GB each at 225 GB/s = 2 s.
  engine.spawn("a", move_bytes(&network, node.gpu_to_gpu(0, 1), 450e9, &a));
  engine.spawn("b", move_bytes(&network, node.gpu_to_gpu(2, 1), 450e9, &b));
  engine.run();
  REQUIRE(a == sim::seconds(2));
  REQUIRE(b == sim::seconds(2));
  REQUIRE_THROWS_WITH(node.gpu_to_gpu(1, 1), Catch::Contains("n0"));
  REQUIRE_THROWS_WITH(node.gpu_to_host(8), Catch::Contains("GPU index 8"));
}

TEST_CASE("gpu node: bad descriptions name the node and field", "[hardware]") {
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  NodeSpec spec = test_node();
  spec.pcie_bytes_per_s = 0;
  REQUIRE_THROWS_WITH(GpuNode(network, spec), Catch::Contains("node 'n0'") && Catch::Contains("pcie_bytes_per_s"));
  spec = test_node();
  spec.frontend_nic_count = 0;
  REQUIRE_THROWS_WITH(GpuNode(network, spec), Catch::Contains("frontend_nic_bytes_per_s"));
  spec = test_node();
  spec.gpu.hbm_bytes_per_s = -1;
  REQUIRE_THROWS_AS(GpuNode(network, spec), HardwareSpecError);
  spec = test_node();
  spec.nvme_count = 0;
  REQUIRE_THROWS_WITH(GpuNode(network, spec), Catch::Contains("nvme_count"));
  spec.nvme = NvmeDriveSpec{};
  const GpuNode no_nvme(network, spec);
  REQUIRE_THROWS_WITH(no_nvme.host_to_nvme(), Catch::Contains("no NVMe"));
}
