#include <catch2/catch.hpp>

#include <string>

#include "models/catalog/catalog.hpp"
#include "models/inference/trace_readers.hpp"

using namespace clustersim;
using namespace clustersim::models;
using namespace clustersim::models::inference;
using Catch::Contains;

namespace {

std::filesystem::path trace_file(const char* name) {
  return catalog::Catalog::default_data_dir() / "traces" / name;
}

}  // namespace

// Counts and token sums computed from the files independently (jq and awk); the means are sum / count, as in
// data/traces/README.md and Mooncake's Table 2 (12,035 / 343 for the conversation trace).
TEST_CASE("traces: the shipped traces replay with their exact request counts and token sums", "[inference]") {
  const RequestTrace conversation = read_mooncake_jsonl(trace_file("mooncake_conversation.jsonl"));
  CHECK(conversation.size() == 12'031);
  CHECK(conversation.total_input_tokens() == 144'793'823);
  CHECK(conversation.total_output_tokens() == 4'122'048);
  CHECK(conversation.requests().back().arrival == sim::milliseconds(3'536'999));
  CHECK(conversation.keys(conversation.requests()[0]).size() == 14);  // ceil(6,758 / 512)
  // Equal leading hash ids give equal chained keys; a different id breaks the chain from there on.
  CHECK(conversation.keys(conversation.requests()[0])[0] == conversation.keys(conversation.requests()[1])[0]);
  CHECK(conversation.keys(conversation.requests()[0])[1] != conversation.keys(conversation.requests()[1])[1]);
  const RequestTrace synthetic = read_mooncake_jsonl(trace_file("mooncake_synthetic.jsonl"));
  CHECK(synthetic.size() == 3'993);
  CHECK(synthetic.total_input_tokens() == 61'194'628);
  CHECK(synthetic.total_output_tokens() == 595'432);
  const RequestTrace code = read_azure_csv(trace_file("azure2023_code.csv"));
  CHECK(code.size() == 8'819);
  CHECK(code.total_input_tokens() == 18'059'974);
  CHECK(code.total_output_tokens() == 245'896);
  CHECK(code.requests().front().arrival == sim::SimTime::zero());
  const RequestTrace conv = read_azure_csv(trace_file("azure2023_conv.csv"));
  CHECK(conv.size() == 19'366);
  CHECK(conv.total_input_tokens() == 22'361'870);
  CHECK(conv.total_output_tokens() == 4'088'665);
}

TEST_CASE("traces: Azure timestamps become arrivals relative to the first request", "[inference]") {
  const RequestTrace trace = parse_azure_csv(
      "TIMESTAMP,ContextTokens,GeneratedTokens\r\n"
      "2023-11-16 23:59:59.9,10,2\r\n"
      "2023-11-17 00:00:01.0000001,20,3\r\n",
      "t.csv");
  REQUIRE(trace.size() == 2);
  CHECK(trace.requests()[1].arrival == sim::nanoseconds(1'100'000'100));
  CHECK(trace.key_block_tokens() == 0);
}

TEST_CASE("traces: missing, unsorted or malformed traces are rejected with file and line", "[inference]") {
  REQUIRE_THROWS_WITH(read_azure_csv("/nonexistent/trace.csv"),
                      "/nonexistent/trace.csv: cannot read (missing or not a file)");
  const std::string header = "TIMESTAMP,ContextTokens,GeneratedTokens\n";
  REQUIRE_THROWS_WITH(parse_azure_csv(header + "2023-11-16 18:00:02,5,1\n2023-11-16 18:00:01,5,1\n", "a.csv"),
                      Contains("a.csv:3: arrival ") && Contains("the trace must be sorted by time"));
  REQUIRE_THROWS_WITH(parse_azure_csv("time,in,out\n", "a.csv"), Contains("a.csv:1: expected the header"));
  REQUIRE_THROWS_WITH(parse_azure_csv(header + "2023-11-16 18:00:02,5\n", "a.csv"),
                      "a.csv:2: expected 3 comma-separated fields");
  REQUIRE_THROWS_WITH(parse_azure_csv(header + "2023-13-16 18:00:02,5,1\n", "a.csv"), Contains("a.csv:2: TIMESTAMP"));
  REQUIRE_THROWS_WITH(parse_azure_csv(header + "2023-11-16 18:00:02,0,1\n", "a.csv"),
                      Contains("a.csv:2: ContextTokens: expected an integer from 1"));
  REQUIRE_THROWS_WITH(parse_azure_csv("", "a.csv"), Contains("a.csv:1: empty file"));

  const std::string ok = R"({"timestamp": 5, "input_length": 600, "output_length": 1, "hash_ids": [1, 2]})";
  REQUIRE(parse_mooncake_jsonl(ok + "\n\n" + ok, "m.jsonl").size() == 2);
  REQUIRE_THROWS_WITH(
      parse_mooncake_jsonl(ok + "\n" + R"({"timestamp": 4, "input_length": 1, "output_length": 1, "hash_ids": [3]})",
                           "m.jsonl"),
      Contains("m.jsonl:2: arrival 4 ms is before"));
  REQUIRE_THROWS_WITH(parse_mooncake_jsonl("{\"timestamp\": 1,", "m.jsonl"), Contains("m.jsonl:1: malformed JSON"));
  // A number beyond double's range is malformed too (found by fuzz_traces: it escaped as json out_of_range).
  REQUIRE_THROWS_WITH(parse_mooncake_jsonl(R"({"timestamp": 1, "hash_ids": [1, 1e8841]})", "m.jsonl"),
                      Contains("m.jsonl:1: malformed JSON") && Contains("number overflow"));
  REQUIRE_THROWS_WITH(
      parse_mooncake_jsonl(R"({"timestamp": 1, "input_length": 600, "output_length": 1, "hash_ids": [1]})", "m.jsonl"),
      Contains("m.jsonl:1: hash_ids: expected an array of ceil(input_length / 512) = 2"));
  REQUIRE_THROWS_WITH(
      parse_mooncake_jsonl(R"({"timestamp": 1, "input_length": 6, "output_length": 0, "hash_ids": [1]})", "m.jsonl"),
      Contains("m.jsonl:1: output_length: expected an integer from 1"));
  REQUIRE_THROWS_WITH(parse_mooncake_jsonl(R"({"timestamp": 1, "input_length": 6, "output_length": 1})", "m.jsonl"),
                      "m.jsonl:1: missing key \"hash_ids\"");
  REQUIRE_THROWS_WITH(parse_mooncake_jsonl(R"({"timestamp": 1, "input": 6})", "m.jsonl"),
                      Contains("m.jsonl:1: unknown key \"input\""));
}
