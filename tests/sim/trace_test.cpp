// Tests for sim/trace.hpp: the output parses as JSON and carries the expected events.
#include "sim/trace.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

using namespace clustersim::sim;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

// Events other than metadata ("M"), in output order.
json timed_events(const json& doc) {
  json events = json::array();
  for (const auto& event : doc.at("traceEvents")) {
    if (event.at("ph") != "M") events.push_back(event);
  }
  return events;
}

}  // namespace

TEST_CASE("TraceWriter writes a parseable Chrome trace", "[trace]") {
  std::ostringstream out;
  {
    TraceWriter trace(out, "test run");
    const int gpu = trace.track("node0/gpu0");
    const int nvme = trace.track("node0/nvme");
    REQUIRE(gpu == 1);
    REQUIRE(nvme == 2);
    trace.begin(gpu, "step", nanoseconds(1500));
    trace.end(gpu, seconds(2));
    trace.complete(nvme, "checkpoint write", nanoseconds(1), milliseconds(3), {{"bytes", 1024}, {"tier", "nvme"}});
    trace.instant(gpu, "failure", nanoseconds(2'000'000'123));
    trace.counter("queue depth", nanoseconds(1000), 4.5);
  }  // destructor finishes the document

  const json doc = json::parse(out.str());
  REQUIRE(doc.at("displayTimeUnit") == "ns");
  const json& all = doc.at("traceEvents");

  // Metadata: process name, then name + sort index per track in creation order.
  REQUIRE(all[0].at("name") == "process_name");
  REQUIRE(all[0].at("args").at("name") == "test run");
  REQUIRE(all[1].at("name") == "thread_name");
  REQUIRE(all[1].at("tid") == 1);
  REQUIRE(all[1].at("args").at("name") == "node0/gpu0");
  REQUIRE(all[2].at("name") == "thread_sort_index");
  REQUIRE(all[2].at("args").at("sort_index") == 1);
  REQUIRE(all[3].at("name") == "thread_name");
  REQUIRE(all[3].at("args").at("name") == "node0/nvme");
  REQUIRE(all[3].at("tid") == 2);

  const json events = timed_events(doc);
  REQUIRE(events.size() == 5);
  for (const auto& event : events) REQUIRE(event.at("pid") == 1);

  REQUIRE(events[0].at("ph") == "B");
  REQUIRE(events[0].at("name") == "step");
  REQUIRE(events[0].at("tid") == 1);
  REQUIRE(events[0].at("ts").get<double>() == 1.5);  // 1500 ns -> 1.5 us

  REQUIRE(events[1].at("ph") == "E");
  REQUIRE(events[1].at("ts").get<double>() == 2'000'000.0);

  REQUIRE(events[2].at("ph") == "X");
  REQUIRE(events[2].at("tid") == 2);
  REQUIRE(events[2].at("ts").get<double>() == 0.001);
  REQUIRE(events[2].at("dur").get<double>() == 3000.0);
  REQUIRE(events[2].at("args").at("bytes") == 1024);
  REQUIRE(events[2].at("args").at("tier") == "nvme");

  REQUIRE(events[3].at("ph") == "i");
  REQUIRE(events[3].at("s") == "t");
  REQUIRE(events[3].at("ts").get<double>() == Approx(2'000'000.123).epsilon(1e-15));

  REQUIRE(events[4].at("ph") == "C");
  REQUIRE(events[4].at("name") == "queue depth");
  REQUIRE(events[4].at("args").at("value") == 4.5);
}

TEST_CASE("TraceWriter writes microseconds exactly from nanoseconds", "[trace]") {
  std::ostringstream out;
  TraceWriter trace(out);
  const int t = trace.track("t");
  trace.instant(t, "a", nanoseconds(1500));
  trace.instant(t, "b", nanoseconds(1));
  trace.instant(t, "c", nanoseconds(120));
  trace.instant(t, "d", nanoseconds(-2500));
  trace.instant(t, "e", nanoseconds(7'000));
  trace.finish();
  const std::string text = out.str();
  REQUIRE_THAT(text, Contains("\"ts\":1.5,"));
  REQUIRE_THAT(text, Contains("\"ts\":0.001,"));
  REQUIRE_THAT(text, Contains("\"ts\":0.12,"));
  REQUIRE_THAT(text, Contains("\"ts\":-2.5,"));
  REQUIRE_THAT(text, Contains("\"ts\":7,"));
  REQUIRE_NOTHROW(json::parse(text));
}

TEST_CASE("TraceWriter escapes strings", "[trace]") {
  std::ostringstream out;
  const std::string tricky = std::string("quote\" back\\slash\nnew\ttab\x01 ctrl \xc3\xa9 ok \xff bad") + '\0' + "end";
  {
    TraceWriter trace(out);
    const int t = trace.track(tricky);
    trace.complete(t, tricky, SimTime::zero(), nanoseconds(5), {{tricky, tricky}});
  }
  const json doc = json::parse(out.str());  // valid JSON despite the invalid UTF-8 byte
  const std::string expected =
      std::string("quote\" back\\slash\nnew\ttab\x01 ctrl \xc3\xa9 ok \xef\xbf\xbd bad") + '\0' + "end";
  const json events = timed_events(doc);
  REQUIRE(events[0].at("name") == expected);
  REQUIRE(events[0].at("args").at(expected) == expected);
  REQUIRE(doc.at("traceEvents")[1].at("args").at("name") == expected);
  REQUIRE_THAT(out.str(), Contains("\\u0001") && Contains("\\u0000") && Contains("\\n"));
}

TEST_CASE("TraceWriter rejects misuse with clear errors", "[trace]") {
  std::ostringstream out;
  TraceWriter trace(out);
  const int t = trace.track("t");
  REQUIRE_THROWS_WITH(trace.begin(3, "x", SimTime::zero()), Contains("unknown track 3"));
  REQUIRE_THROWS_WITH(trace.end(t, SimTime::zero()), Contains("no open begin"));
  REQUIRE_THROWS_WITH(trace.complete(t, "x", SimTime::zero(), nanoseconds(-1)), Contains("duration"));
  REQUIRE_THROWS_WITH(trace.counter("q", SimTime::zero(), std::numeric_limits<double>::quiet_NaN()), Contains("nan"));
  REQUIRE_THROWS_AS(
      trace.complete(t, "x", SimTime::zero(), nanoseconds(1), {{"v", std::numeric_limits<double>::infinity()}}),
      std::invalid_argument);
  trace.finish();
  trace.finish();  // idempotent
  REQUIRE_THROWS_WITH(trace.instant(t, "late", SimTime::zero()), Contains("after finish"));
  // Rejected calls wrote nothing: the document is complete and valid.
  const json doc = json::parse(out.str());
  REQUIRE(timed_events(doc).empty());
}
