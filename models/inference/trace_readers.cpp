#include "models/inference/trace_readers.hpp"

#include <charconv>
#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

namespace clustersim::models::inference {

namespace {

constexpr std::int64_t kMaxTokens = 1'000'000'000;  // far above any context window; keeps sums exact

[[noreturn]] void fail(const std::string& name, std::size_t line, const std::string& what) {
  throw TraceError(name + ":" + std::to_string(line) + ": " + what);
}

// Splits `text` into lines (without "\n" or a trailing "\r"), numbered from 1.
template <class OnLine>
void for_each_line(std::string_view text, OnLine on_line) {
  std::size_t line = 0;
  while (!text.empty()) {
    ++line;
    const std::size_t end = text.find('\n');
    std::string_view row = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
    on_line(row, line);
  }
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::int64_t token_count(std::string_view text, const char* field, const std::string& name, std::size_t line) {
  const std::optional<std::int64_t> value = parse_integer(text);
  if (!value || *value < 1 || *value > kMaxTokens) {
    fail(name, line, std::string(field) + ": expected an integer from 1 to 1e9, got \"" + std::string(text) + "\"");
  }
  return *value;
}

// Days since 1970-01-01 of a proleptic Gregorian date (the civil-calendar count: eras of 400 years).
std::int64_t days_since_epoch(std::int64_t year, std::int64_t month, std::int64_t day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t year_of_era = year - era * 400;
  const std::int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// "YYYY-MM-DD hh:mm:ss[.fffffffff]" -> nanoseconds since the epoch, or nullopt.
std::optional<std::int64_t> parse_timestamp_ns(std::string_view text) {
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  const auto field = [&](std::size_t at, std::size_t width) { return parse_integer(text.substr(at, width)); };
  const auto year = field(0, 4), month = field(5, 2), day = field(8, 2);
  const auto hour = field(11, 2), minute = field(14, 2), second = field(17, 2);
  // Years 1970-2200 keep nanoseconds since the epoch inside int64.
  if (!year || !month || !day || !hour || !minute || !second || *year < 1970 || *year > 2200 || *month < 1 ||
      *month > 12 || *day < 1 || *day > 31 || *hour < 0 || *hour > 23 || *minute < 0 || *minute > 59 || *second < 0 ||
      *second > 60) {
    return std::nullopt;
  }
  std::int64_t fraction_ns = 0;
  if (text.size() > 19) {
    const std::string_view digits = text.substr(20);
    if (text[19] != '.' || digits.empty() || digits.size() > 9) return std::nullopt;
    const std::optional<std::int64_t> value = parse_integer(digits);
    if (!value || *value < 0 || digits.front() == '-' || digits.front() == '+') return std::nullopt;
    fraction_ns = *value;
    for (std::size_t i = digits.size(); i < 9; ++i) fraction_ns *= 10;
  }
  const std::int64_t seconds = days_since_epoch(*year, *month, *day) * 86400 + *hour * 3600 + *minute * 60 + *second;
  return seconds * 1'000'000'000 + fraction_ns;
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw TraceError(file.string() + ": cannot read (missing or not a file)");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void add_request(RequestTrace& trace, sim::SimTime arrival, std::int64_t input, std::int64_t output,
                 std::span<const std::uint64_t> ids, const std::string& name, std::size_t line) {
  if (trace.size() > 0 && arrival < trace.requests().back().arrival) {
    fail(name, line,
         "arrival " + sim::to_string(arrival) + " is before the previous request's " +
             sim::to_string(trace.requests().back().arrival) + " (the trace must be sorted by time)");
  }
  trace.add(arrival, input, output, ids);
}

}  // namespace

RequestTrace parse_azure_csv(std::string_view text, const std::string& name) {
  RequestTrace trace;
  bool header_seen = false;
  std::optional<std::int64_t> first_ns;
  for_each_line(text, [&](std::string_view row, std::size_t line) {
    if (!header_seen) {
      if (row != "TIMESTAMP,ContextTokens,GeneratedTokens") {
        fail(name, line, "expected the header TIMESTAMP,ContextTokens,GeneratedTokens");
      }
      header_seen = true;
      return;
    }
    if (row.empty()) return;
    const std::size_t comma1 = row.find(',');
    const std::size_t comma2 = comma1 == std::string_view::npos ? comma1 : row.find(',', comma1 + 1);
    if (comma2 == std::string_view::npos || row.find(',', comma2 + 1) != std::string_view::npos) {
      fail(name, line, "expected 3 comma-separated fields");
    }
    const std::optional<std::int64_t> ns = parse_timestamp_ns(row.substr(0, comma1));
    if (!ns) {
      fail(name, line,
           "TIMESTAMP: expected \"YYYY-MM-DD hh:mm:ss.fffffff\", got \"" + std::string(row.substr(0, comma1)) + "\"");
    }
    if (!first_ns) first_ns = *ns;
    const std::int64_t input = token_count(row.substr(comma1 + 1, comma2 - comma1 - 1), "ContextTokens", name, line);
    const std::int64_t output = token_count(row.substr(comma2 + 1), "GeneratedTokens", name, line);
    add_request(trace, sim::SimTime::from_ns(*ns - *first_ns), input, output, {}, name, line);
  });
  if (!header_seen) fail(name, 1, "empty file: expected the header TIMESTAMP,ContextTokens,GeneratedTokens");
  return trace;
}

RequestTrace parse_mooncake_jsonl(std::string_view text, const std::string& name) {
  RequestTrace trace(kMooncakeBlockTokens);
  std::vector<std::uint64_t> ids;
  for_each_line(text, [&](std::string_view row, std::size_t line) {
    if (row.find_first_not_of(" \t") == std::string_view::npos) return;
    nlohmann::json object;
    try {
      object = nlohmann::json::parse(row);
    } catch (const nlohmann::json::exception& error) {  // a syntax error, or a number out of range (1e8841)
      fail(name, line, std::string("malformed JSON: ") + error.what());
    }
    if (!object.is_object()) fail(name, line, "expected a JSON object");
    for (const auto& [key, value] : object.items()) {
      if (key != "timestamp" && key != "input_length" && key != "output_length" && key != "hash_ids") {
        fail(name, line, "unknown key \"" + key + "\" (known: hash_ids, input_length, output_length, timestamp)");
      }
    }
    const auto integer = [&](const char* key, std::int64_t min, std::int64_t max) {
      const auto found = object.find(key);
      if (found == object.end()) fail(name, line, std::string("missing key \"") + key + "\"");
      if (!found->is_number_integer() || found->get<std::int64_t>() < min || found->get<std::int64_t>() > max ||
          (found->is_number_unsigned() && found->get<std::uint64_t>() > static_cast<std::uint64_t>(max))) {
        fail(name, line,
             std::string(key) + ": expected an integer from " + std::to_string(min) + " to " + std::to_string(max) +
                 ", got " + found->dump());
      }
      return found->get<std::int64_t>();
    };
    const std::int64_t timestamp_ms = integer("timestamp", 0, std::int64_t{1} << 50);
    const std::int64_t input = integer("input_length", 1, kMaxTokens);
    const std::int64_t output = integer("output_length", 1, kMaxTokens);
    const auto hashes = object.find("hash_ids");
    if (hashes == object.end()) fail(name, line, "missing key \"hash_ids\"");
    const std::int64_t blocks = (input + kMooncakeBlockTokens - 1) / kMooncakeBlockTokens;
    if (!hashes->is_array() || static_cast<std::int64_t>(hashes->size()) != blocks) {
      fail(name, line,
           "hash_ids: expected an array of ceil(input_length / 512) = " + std::to_string(blocks) + " block ids");
    }
    ids.clear();
    for (const nlohmann::json& id : *hashes) {
      if (!id.is_number_unsigned()) fail(name, line, "hash_ids: expected non-negative integers, got " + id.dump());
      ids.push_back(id.get<std::uint64_t>());
    }
    add_request(trace, sim::SimTime::from_ns(timestamp_ms * 1'000'000), input, output, ids, name, line);
  });
  return trace;
}

RequestTrace read_azure_csv(const std::filesystem::path& file) {
  return parse_azure_csv(read_file(file), file.string());
}

RequestTrace read_mooncake_jsonl(const std::filesystem::path& file) {
  return parse_mooncake_jsonl(read_file(file), file.string());
}

}  // namespace clustersim::models::inference
