#include "sim/trace.hpp"

#include <cmath>
#include <ostream>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "sim/number_text.hpp"

namespace clustersim::sim {
namespace {

// Length of the well-formed UTF-8 sequence starting at text[i] (Unicode 15, table 3-7), or 0.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char second_lo = 0x80, second_hi = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_lo = 0xA0;  // no overlong forms
    if (lead == 0xED) second_hi = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_lo = 0x90;  // no overlong forms
    if (lead == 0xF4) second_hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < second_lo || byte(i + 1) > second_hi) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

void write_string(std::ostream& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out << '"';
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out << '\\' << static_cast<char>(c);
    } else if (c == '\n') {
      out << "\\n";
    } else if (c == '\t') {
      out << "\\t";
    } else if (c == '\r') {
      out << "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      out << "\\u00" << kHex[c >> 4] << kHex[c & 0xF];
    } else if (c >= 0x80) {
      const std::size_t length = utf8_sequence_length(text, i);
      if (length == 0) {
        out << "\\ufffd";
        ++i;
        continue;
      }
      out.write(text.data() + i, static_cast<std::streamsize>(length));
      i += length;
      continue;
    } else {
      out << static_cast<char>(c);
    }
    ++i;
  }
  out << '"';
}

// Integer nanoseconds as exact decimal microseconds without trailing zeros.
void write_microseconds(std::ostream& out, SimTime t) {
  const std::int64_t ns = t.ns();
  // Work on the magnitude in unsigned arithmetic so INT64_MIN is safe.
  const std::uint64_t magnitude = ns < 0 ? 0 - static_cast<std::uint64_t>(ns) : static_cast<std::uint64_t>(ns);
  if (ns < 0) out << '-';
  out << magnitude / 1000;
  std::uint64_t fraction = magnitude % 1000;
  if (fraction == 0) return;
  char digits[4] = {static_cast<char>('0' + fraction / 100), static_cast<char>('0' + fraction / 10 % 10),
                    static_cast<char>('0' + fraction % 10), '\0'};
  int last = 2;
  while (digits[last] == '0') digits[last--] = '\0';
  out << '.' << digits;
}

void require_finite(const char* what, std::string_view field, double value) {
  if (!std::isfinite(value)) {
    throw std::invalid_argument(std::string(what) + ": " + std::string(field) + " must be finite (got " +
                                number_text(value) + ")");
  }
}

}  // namespace

TraceWriter::TraceWriter(std::ostream& out, std::string_view process_name) : out_(out) {
  out_ << "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[";
  start_event("M", 0, SimTime::zero());
  out_ << ",\"name\":\"process_name\",\"args\":{\"name\":";
  write_string(out_, process_name);
  out_ << '}';
  end_event();
}

TraceWriter::~TraceWriter() {
  try {
    finish();
  } catch (...) {  // a destructor must not throw; the stream's state reports the failure
  }
}

void TraceWriter::check_open(const char* what) const {
  if (finished_) throw std::runtime_error(std::string("TraceWriter::") + what + ": called after finish()");
}

void TraceWriter::check_track(const char* what, int track) const {
  check_open(what);
  if (track < 1 || track > static_cast<int>(open_slices_.size())) {
    throw std::invalid_argument(std::string("TraceWriter::") + what + ": unknown track " + std::to_string(track) +
                                " (tracks are 1.." + std::to_string(open_slices_.size()) + ")");
  }
}

void TraceWriter::start_event(const char* phase, int track, SimTime at) {
  out_ << (first_event_ ? "\n" : ",\n") << "{\"ph\":\"" << phase << "\",\"pid\":1,\"tid\":" << track << ",\"ts\":";
  write_microseconds(out_, at);
  first_event_ = false;
}

void TraceWriter::end_event() {
  out_ << '}';
  if (!out_) throw std::runtime_error("TraceWriter: writing to the output stream failed");
}

int TraceWriter::track(std::string_view name) {
  check_open("track");
  open_slices_.push_back(0);
  const int id = static_cast<int>(open_slices_.size());
  start_event("M", id, SimTime::zero());
  out_ << ",\"name\":\"thread_name\",\"args\":{\"name\":";
  write_string(out_, name);
  out_ << '}';
  end_event();
  start_event("M", id, SimTime::zero());
  out_ << ",\"name\":\"thread_sort_index\",\"args\":{\"sort_index\":" << id << '}';
  end_event();
  return id;
}

void TraceWriter::begin(int track, std::string_view name, SimTime at) {
  check_track("begin", track);
  start_event("B", track, at);
  out_ << ",\"name\":";
  write_string(out_, name);
  ++open_slices_[static_cast<std::size_t>(track - 1)];
  end_event();
}

void TraceWriter::end(int track, SimTime at) {
  check_track("end", track);
  int& depth = open_slices_[static_cast<std::size_t>(track - 1)];
  if (depth == 0) {
    throw std::invalid_argument("TraceWriter::end: track " + std::to_string(track) + " has no open begin() at " +
                                to_string(at));
  }
  --depth;
  start_event("E", track, at);
  end_event();
}

void TraceWriter::complete(int track, std::string_view name, SimTime start, SimTime duration,
                           std::span<const TraceArg> args) {
  check_track("complete", track);
  if (duration < SimTime::zero()) {
    throw std::invalid_argument("TraceWriter::complete: duration of \"" + std::string(name) + "\" must be >= 0 (got " +
                                to_string(duration) + ")");
  }
  for (const TraceArg& arg : args) {
    if (const double* number = std::get_if<double>(&arg.value))
      require_finite("TraceWriter::complete", arg.key, *number);
  }
  start_event("X", track, start);
  out_ << ",\"dur\":";
  write_microseconds(out_, duration);
  out_ << ",\"name\":";
  write_string(out_, name);
  if (!args.empty()) {
    out_ << ",\"args\":{";
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (i > 0) out_ << ',';
      write_string(out_, args[i].key);
      out_ << ':';
      std::visit(
          [this](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::string_view>) {
              write_string(out_, value);
            } else if constexpr (std::is_same_v<T, double>) {
              out_ << number_text(value);
            } else {
              out_ << value;
            }
          },
          args[i].value);
    }
    out_ << '}';
  }
  end_event();
}

void TraceWriter::instant(int track, std::string_view name, SimTime at) {
  check_track("instant", track);
  start_event("i", track, at);
  out_ << ",\"s\":\"t\",\"name\":";
  write_string(out_, name);
  end_event();
}

void TraceWriter::counter(std::string_view name, SimTime at, double value) {
  check_open("counter");
  require_finite("TraceWriter::counter", name, value);
  start_event("C", 0, at);
  out_ << ",\"name\":";
  write_string(out_, name);
  out_ << ",\"args\":{\"value\":";
  out_ << number_text(value);
  out_ << '}';
  end_event();
}

void TraceWriter::finish() {
  if (finished_) return;
  finished_ = true;
  out_ << "\n]}\n";
  out_.flush();
  if (!out_) throw std::runtime_error("TraceWriter::finish: writing to the output stream failed");
}

}  // namespace clustersim::sim
