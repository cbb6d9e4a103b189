#include "models/catalog/field.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/units.hpp"

namespace clustersim::models::catalog {
namespace {

bool is_quantity(FieldKind kind) {
  switch (kind) {
    case FieldKind::bytes:
    case FieldKind::bytes_per_s:
    case FieldKind::ops_per_s:
    case FieldKind::flops_per_s:
    case FieldKind::duration:
      return true;
    default:
      return false;
  }
}

std::string_view noun(FieldKind kind) {
  switch (kind) {
    case FieldKind::bytes:
      return "size";
    case FieldKind::bytes_per_s:
      return "rate";
    case FieldKind::ops_per_s:
      return "operation rate";
    case FieldKind::flops_per_s:
      return "compute rate";
    case FieldKind::duration:
      return "duration";
    case FieldKind::integer:
      return "integer";
    case FieldKind::usd:
      return "number of US dollars";
    case FieldKind::watts:
      return "number of watts";
    default:
      return "number";
  }
}

std::string quote_example(const FieldInfo& field) {
  if (field.example.empty()) return "";
  const bool quoted = is_quantity(field.kind) || !is_numeric(field.kind);
  return quoted ? " like \"" + std::string(field.example) + "\"" : " like " + std::string(field.example);
}

bool valid_date(std::string_view text) {
  // YYYY, YYYY-MM or YYYY-MM-DD with a plausible month and day.
  auto digits = [&](std::size_t from, std::size_t count) {
    for (std::size_t i = from; i < from + count; ++i)
      if (text[i] < '0' || text[i] > '9') return false;
    return true;
  };
  auto number = [&](std::size_t from, std::size_t count) {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return false;
  if (!digits(0, 4)) return false;
  if (text.size() >= 7 && (text[4] != '-' || !digits(5, 2) || number(5, 2) < 1 || number(5, 2) > 12)) return false;
  if (text.size() == 10 && (text[7] != '-' || !digits(8, 2) || number(8, 2) < 1 || number(8, 2) > 31)) return false;
  return true;
}

[[noreturn]] void reject(const FieldInfo& field, const nlohmann::json& value, const Where& where) {
  fail(where, "expected " + expectation(field) + ", got " + json_preview(value));
}

double parse_quantity_text(FieldKind kind, std::string_view text) {
  switch (kind) {
    case FieldKind::bytes:
      return sim::parse_bytes(text);
    case FieldKind::bytes_per_s:
      return sim::parse_bytes_per_s(text);
    case FieldKind::ops_per_s:
      return sim::parse_ops_per_s(text);
    case FieldKind::flops_per_s:
      return sim::parse_flops_per_s(text);
    default:
      throw std::logic_error("parse_quantity_text: not a quantity kind");
  }
}

}  // namespace

std::string_view kind_name(FieldKind kind) {
  switch (kind) {
    case FieldKind::text:
      return "text";
    case FieldKind::reference:
      return "name";
    case FieldKind::enumeration:
      return "enumeration";
    case FieldKind::date:
      return "date";
    case FieldKind::integer:
      return "integer";
    case FieldKind::number:
      return "number";
    case FieldKind::usd:
      return "USD";
    case FieldKind::watts:
      return "W";
    case FieldKind::bytes:
      return "bytes";
    case FieldKind::bytes_per_s:
      return "bytes/s";
    case FieldKind::ops_per_s:
      return "operations/s";
    case FieldKind::flops_per_s:
      return "FLOP/s";
    case FieldKind::duration:
      return "duration";
  }
  return "?";
}

bool is_numeric(FieldKind kind) {
  switch (kind) {
    case FieldKind::text:
    case FieldKind::reference:
    case FieldKind::enumeration:
    case FieldKind::date:
      return false;
    default:
      return true;
  }
}

std::vector<std::string_view> split_choices(std::string_view choices) {
  std::vector<std::string_view> parts;
  while (!choices.empty()) {
    const auto bar = choices.find('|');
    parts.push_back(choices.substr(0, bar));
    if (bar == std::string_view::npos) break;
    choices.remove_prefix(bar + 1);
  }
  return parts;
}

bool has_choice(std::string_view choices, std::string_view value) {
  for (auto choice : split_choices(choices))
    if (choice == value) return true;
  return false;
}

std::string expectation(const FieldInfo& field) {
  switch (field.kind) {
    case FieldKind::text:
      return "a string";
    case FieldKind::reference:
      return "the name of a " + std::string(field.choices) + " (a string)";
    case FieldKind::date:
      return "a date like \"2025-06\" (YYYY, YYYY-MM or YYYY-MM-DD)";
    case FieldKind::enumeration: {
      std::string list;
      for (auto choice : split_choices(field.choices)) list += (list.empty() ? "" : ", ") + std::string(choice);
      return "one of " + list;
    }
    default:
      break;
  }
  const std::string_view what = noun(field.kind);
  std::string text;
  switch (field.bound) {
    case Bound::none:
    case Bound::at_least_one:
      text = what.starts_with('i') || what.starts_with('o') ? "an " : "a ";
      break;
    case Bound::positive:
      text = "a positive ";
      break;
    case Bound::non_negative:
      text = "a non-negative ";
      break;
    case Bound::fraction:
    case Bound::unit_interval:
      text = "a ";
      break;
  }
  text += what;
  if (field.bound == Bound::at_least_one) text += " >= 1";
  if (field.bound == Bound::fraction) text += " in (0, 1]";
  if (field.bound == Bound::unit_interval) text += " in [0, 1]";
  return text + quote_example(field);
}

FieldValue parse_field_value(const FieldInfo& field, const nlohmann::json& value, const Where& where) {
  switch (field.kind) {
    case FieldKind::text:
    case FieldKind::reference:
      if (!value.is_string()) reject(field, value, where);
      if (field.kind == FieldKind::reference && value.get_ref<const std::string&>().empty())
        reject(field, value, where);
      return value.get<std::string>();
    case FieldKind::enumeration:
      if (!value.is_string() || !has_choice(field.choices, value.get_ref<const std::string&>()))
        reject(field, value, where);
      return value.get<std::string>();
    case FieldKind::date:
      if (!value.is_string() || !valid_date(value.get_ref<const std::string&>())) reject(field, value, where);
      return value.get<std::string>();
    case FieldKind::integer: {
      if (!value.is_number_integer()) reject(field, value, where);
      // Unsigned values above int64 range are rejected rather than wrapped.
      if (value.is_number_unsigned() &&
          value.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
        reject(field, value, where);
      const auto n = value.get<std::int64_t>();
      if (!common::within(field.bound, static_cast<double>(n))) reject(field, value, where);
      return n;
    }
    case FieldKind::number:
    case FieldKind::usd:
    case FieldKind::watts: {
      if (!value.is_number()) reject(field, value, where);
      const double x = value.get<double>();
      if (!std::isfinite(x) || !common::within(field.bound, x)) reject(field, value, where);
      return x;
    }
    case FieldKind::duration: {
      sim::SimTime t;
      try {
        if (value.is_string()) {
          t = sim::parse_duration(value.get_ref<const std::string&>());
        } else if (value.is_number()) {
          const double seconds = value.get<double>();
          if (!std::isfinite(seconds)) reject(field, value, where);
          t = sim::SimTime::from_seconds(seconds);
        } else {
          reject(field, value, where);
        }
      } catch (const sim::UnitError&) {
        reject(field, value, where);
      } catch (const std::out_of_range&) {
        reject(field, value, where);
      }
      if (!common::within(field.bound, t.to_seconds())) reject(field, value, where);
      return t;
    }
    case FieldKind::bytes:
    case FieldKind::bytes_per_s:
    case FieldKind::ops_per_s:
    case FieldKind::flops_per_s: {
      double x = 0;
      if (value.is_string()) {
        try {
          x = parse_quantity_text(field.kind, value.get_ref<const std::string&>());
        } catch (const sim::UnitError&) {
          reject(field, value, where);
        }
      } else if (value.is_number()) {
        x = value.get<double>();
      } else {
        reject(field, value, where);
      }
      if (!std::isfinite(x) || !common::within(field.bound, x)) reject(field, value, where);
      return x;
    }
  }
  throw std::logic_error("parse_field_value: undeclared FieldKind");
}

FieldValue default_field_value(const FieldInfo& field) {
  if (field.presence != Presence::defaulted)
    throw std::logic_error("default_field_value: " + std::string(field.key) + " has no default");
  const auto value = nlohmann::json::parse(field.default_value);
  return parse_field_value(field, value, Where{"", "default of " + std::string(field.key)});
}

std::string json_preview(const nlohmann::json& value) {
  std::string text = value.dump();
  constexpr std::size_t kMax = 60;
  if (text.size() > kMax) text = text.substr(0, kMax - 3) + "...";
  return text;
}

}  // namespace clustersim::models::catalog
