// TraceWriter: streams a run's activity as Chrome trace-event JSON, the format that Perfetto
// (ui.perfetto.dev) and chrome://tracing open.
//
// Output: {"displayTimeUnit":"ns","traceEvents":[ <one event per line> ]}
// Format reference: "Trace Event Format" (Google, 2016), phases used here:
//   "M" metadata (process_name, thread_name, thread_sort_index), "B"/"E" begin/end of a slice,
//   "X" complete slice with "dur", "i" instant (thread scope), "C" counter.
// Times: "ts" and "dur" are microseconds written exactly from integer nanoseconds
// (1500 ns -> 1.5, 1 ns -> 0.001, 2 s -> 2000000), never through floating point.
// Everything is in process 1; a track is a thread id 1, 2, 3, ... in creation order, with a
// thread_name and a thread_sort_index so viewers list tracks in that order.
// Events are written as they are emitted (nothing is buffered beyond the ostream), in call order.
// Strings are JSON-escaped (quotes, backslash, control characters as \n, \t, \u00XX); bytes that
// are not valid UTF-8 are replaced by U+FFFD so the output is always valid JSON.
// Errors: unknown track, end() without a matching begin(), negative duration, non-finite numbers
// throw std::invalid_argument; events after finish() or a failed stream throw std::runtime_error.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/time.hpp"

namespace clustersim::sim {

// One "args" entry of an event. Non-owning: the strings must outlive the call it is passed to.
struct TraceArg {
  TraceArg(std::string_view key, double value) : key(key), value(value) {}
  TraceArg(std::string_view key, int value) : key(key), value(std::int64_t{value}) {}
  TraceArg(std::string_view key, std::int64_t value) : key(key), value(value) {}
  TraceArg(std::string_view key, std::uint64_t value) : key(key), value(value) {}
  TraceArg(std::string_view key, std::string_view value) : key(key), value(value) {}
  TraceArg(std::string_view key, const char* value) : key(key), value(std::string_view(value)) {}

  std::string_view key;
  std::variant<double, std::int64_t, std::uint64_t, std::string_view> value;
};

class TraceWriter {
 public:
  // Writes the header and the process_name metadata; `out` must outlive the writer.
  explicit TraceWriter(std::ostream& out, std::string_view process_name = "clustersim");
  ~TraceWriter();  // finish()es if needed; never throws
  TraceWriter(const TraceWriter&) = delete;
  TraceWriter& operator=(const TraceWriter&) = delete;

  // A new track (thread id 1, 2, ... in creation order) named `name`.
  int track(std::string_view name);

  void begin(int track, std::string_view name, SimTime at);
  void end(int track, SimTime at);  // closes the innermost open begin() on `track`
  void complete(int track, std::string_view name, SimTime start, SimTime duration, std::span<const TraceArg> args = {});
  void complete(int track, std::string_view name, SimTime start, SimTime duration,
                std::initializer_list<TraceArg> args) {
    complete(track, name, start, duration, std::span<const TraceArg>(args.begin(), args.size()));
  }
  void instant(int track, std::string_view name, SimTime at);
  void counter(std::string_view name, SimTime at, double value);

  // Closes the JSON document and flushes; later calls are no-ops.
  void finish();
  bool finished() const { return finished_; }

 private:
  void start_event(const char* phase, int track, SimTime at);
  void end_event();
  void check_track(const char* what, int track) const;
  void check_open(const char* what) const;

  std::ostream& out_;
  bool finished_ = false;
  bool first_event_ = true;
  std::vector<int> open_slices_;  // open_slices_[t - 1] = begin() depth on track t
};

}  // namespace clustersim::sim
