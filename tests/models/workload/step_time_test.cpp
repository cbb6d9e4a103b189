#include <catch2/catch.hpp>

#include "models/workload/step_time.hpp"
#include "small_cluster.hpp"

using namespace clustersim::models::workload;

TEST_CASE("ring traffic shares follow the placement", "[step]") {
  SECTION("one DP rank per node, two nodes per leaf: every edge leaves the node, half leave the leaf") {
    const RingTrafficShares shares = ring_traffic_shares(8, 1, 4, 8, 2, 4);
    REQUIRE(shares.leaves_node == Approx(1.0));
    REQUIRE(shares.leaves_leaf == Approx(0.5));
    REQUIRE(shares.leaves_pod == Approx(0.0));
  }
  SECTION("two DP ranks per node: half of the edges stay on NVLink") {
    const RingTrafficShares shares = ring_traffic_shares(4, 1, 4, 8, 1, 1);
    REQUIRE(shares.leaves_node == Approx(0.5));
    REQUIRE(shares.leaves_leaf == Approx(1.0));
    REQUIRE(shares.leaves_pod == Approx(1.0));
  }
  SECTION("pipeline stages on consecutive nodes put DP neighbours pp nodes apart") {
    // tp 8, pp 2, dp 2 on 4 nodes, 2 nodes per leaf: DP neighbours are nodes n and n+2: other leaf.
    const RingTrafficShares shares = ring_traffic_shares(8, 2, 2, 8, 2, 4);
    REQUIRE(shares.leaves_leaf == Approx(1.0));
  }
  SECTION("no data parallelism, no gradient traffic") {
    REQUIRE(ring_traffic_shares(8, 4, 1, 8, 2, 4).leaves_node == 0.0);
  }
}

TEST_CASE("step time of the small cluster, by hand", "[step]") {
  CampaignConfig config = testing::small_cluster();
  const StepTimeModel model(config);
  REQUIRE(model.total_gpus() == 32);
  REQUIRE(model.compute_s() == Approx(0.375));
  // Gradients: 1e9 x 2 bytes / tp 8 = 2.5e8 per GPU; ring sends 2 x 3/4 of it = 3.75e8 per GPU,
  // x 8 GPUs = 3e9 bytes per node, all over the NIC.
  REQUIRE(model.gradient_nic_bytes_per_node() == Approx(3e9));
  REQUIRE(model.comm_s(50e9) == Approx(0.06 + model.collective_latency_s()));
  // 2 (dp-1) messages x 4 hops x 1 us.
  REQUIRE(model.collective_latency_s() == Approx(24e-6));
  REQUIRE(model.state_bytes_per_node() == Approx(4e9));
  REQUIRE(model.data_bytes_per_node_per_step() == Approx(1e6));
}

TEST_CASE("the attention term is added when FLOPs per token are not given", "[step]") {
  CampaignConfig config = testing::small_cluster();
  config.model.flops_per_token = 0;
  config.model.layers = 10;
  config.model.hidden_size = 1000;
  config.model.sequence_length = 2000;
  const StepTimeModel model(config);
  REQUIRE(model.flops_per_token() == Approx(6e9 + 12.0 * 10 * 1000 * 2000));
}

TEST_CASE("overlap hides communication behind compute", "[step]") {
  CampaignConfig config = testing::small_cluster();
  config.model.comm_overlap_fraction = 0.5;
  const StepTimeModel model(config);
  REQUIRE(model.exposed_comm_s(0.2) == Approx(0.1));
  // 0.5 x 1.0 s cannot hide behind 0.375 s of compute: 0.125 s more shows.
  REQUIRE(model.exposed_comm_s(1.0) == Approx(0.5 + 0.125));
}

TEST_CASE("bad training configurations name the field", "[step]") {
  CampaignConfig config = testing::small_cluster();
  SECTION("parallelism that does not cover the GPUs") {
    config.model.data_parallel = 3;
    REQUIRE_THROWS_WITH(StepTimeModel(config), Catch::Contains("workload.training.parallelism") &&
                                                   Catch::Contains("does not equal the 32 GPUs"));
  }
  SECTION("a model that does not fit in HBM") {
    config.model.parameters = 1e12;
    REQUIRE_THROWS_WITH(StepTimeModel(config), Catch::Contains("workload.training.parameters") &&
                                                   Catch::Contains("more than the GPU's 80 GB of HBM"));
  }
  SECTION("MFU out of range") {
    config.model.mfu = 1.5;
    REQUIRE_THROWS_WITH(StepTimeModel(config), Catch::Contains("workload.training.mfu"));
  }
  SECTION("no tokens per step") {
    config.model.tokens_per_step = 0;
    REQUIRE_THROWS_WITH(StepTimeModel(config), Catch::Contains("workload.training.tokens_per_step"));
  }
}
