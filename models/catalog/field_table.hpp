// Field tables: a catalog struct's fields, each declared once as a FieldInfo bound to a struct member, and the
// one generic routine that fills a struct from a JSON object (parse_entry) or changes some of its fields
// (override_entry). No struct has a hand-written parser.
//
// parse_entry (catalog files) checks, in this order and naming the JSON path of the first problem:
//   the entry is an object; every key is declared (or is "sources"); the discriminating field "kind", when the
//   table has kind-specific fields, comes first; every value has the declared type, unit and bound; a field
//   declared for other kinds is absent; every required field is present; every numeric field present cites its
//   source in "sources" (a map from field key to text), and every "sources" key is a declared field.
// override_entry (scenario overrides) applies a JSON object of field values to an existing entry with the same
// value checks; "name" cannot be overridden and no source is required. Both run the table's `check` last.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/catalog/catalog_error.hpp"
#include "models/catalog/field.hpp"
#include "sim/time.hpp"

namespace clustersim::models::catalog {

// Field key -> public source (document, date, or "derived: <formula>").
using Sources = std::map<std::string, std::string, std::less<>>;

// A member reached through a conversion, for enum-typed members: `set` receives the checked string.
template <class T>
struct CustomMember {
  std::function<void(T&, const FieldValue&)> set;
  std::function<FieldValue(const T&)> get;
};

template <class T>
using MemberRef =
    std::variant<std::string T::*, std::int64_t T::*, double T::*, sim::SimTime T::*, std::optional<std::int64_t> T::*,
                 std::optional<double> T::*, std::optional<sim::SimTime> T::*, CustomMember<T>>;

template <class T>
struct Field {
  FieldInfo info;
  MemberRef<T> member;
};

template <class T>
struct Table {
  std::string_view type_name;  // "GpuSpec"
  std::vector<Field<T>> fields;
  std::function<void(const T&, const Where&)> check;  // cross-field rules; may be empty
  Sources T::*sources = nullptr;                      // where the entry keeps its sources

  const Field<T>* find(std::string_view key) const {
    for (const auto& field : fields)
      if (field.info.key == key) return &field;
    return nullptr;
  }
  std::vector<FieldInfo> infos() const {
    std::vector<FieldInfo> out;
    for (const auto& field : fields) out.push_back(field.info);
    return out;
  }
};

namespace detail {

template <class T>
void store(T& entry, const Field<T>& field, FieldValue value) {
  std::visit(
      [&](auto&& member) {
        using M = std::decay_t<decltype(member)>;
        if constexpr (std::is_same_v<M, CustomMember<T>>) {
          member.set(entry, value);
        } else {
          using V = std::decay_t<decltype(entry.*member)>;
          if constexpr (std::is_same_v<V, std::optional<std::int64_t>>) {
            entry.*member = std::get<std::int64_t>(value);
          } else if constexpr (std::is_same_v<V, std::optional<double>>) {
            entry.*member = std::get<double>(value);
          } else if constexpr (std::is_same_v<V, std::optional<sim::SimTime>>) {
            entry.*member = std::get<sim::SimTime>(value);
          } else {
            entry.*member = std::get<V>(std::move(value));
          }
        }
      },
      field.member);
}

template <class T>
std::string known_keys(const Table<T>& table, bool with_sources) {
  std::vector<std::string_view> keys;
  for (const auto& field : table.fields) keys.push_back(field.info.key);
  if (with_sources) keys.push_back("sources");
  std::sort(keys.begin(), keys.end());
  std::string text;
  for (auto key : keys) text += (text.empty() ? "" : ", ") + std::string(key);
  return text;
}

template <class T>
std::string entry_kind(const Table<T>& table, const T& entry) {
  const Field<T>* kind = table.find("kind");
  if (kind == nullptr) return "";
  return std::visit(
      [&](auto&& member) -> std::string {
        using M = std::decay_t<decltype(member)>;
        if constexpr (std::is_same_v<M, CustomMember<T>>) {
          return std::get<std::string>(member.get(entry));
        } else if constexpr (std::is_same_v<M, std::string T::*>) {
          return entry.*member;
        } else {
          throw std::logic_error("entry_kind: the \"kind\" field must be a string or enum member");
        }
      },
      kind->member);
}

inline std::string kinds_text(std::string_view choices) {
  std::string text;
  for (auto choice : split_choices(choices)) text += (text.empty() ? "" : ", ") + std::string(choice);
  return text;
}

template <class T>
void set_field(const Table<T>& table, T& entry, const Field<T>& field, const nlohmann::json& value,
               const std::string& entry_kind_name, const Where& where) {
  if (!field.info.applies_to.empty() && !has_choice(field.info.applies_to, entry_kind_name))
    fail(where, "does not apply to kind " + entry_kind_name + " (only to " + kinds_text(field.info.applies_to) + ")");
  (void)table;
  store(entry, field, parse_field_value(field.info, value, where));
}

template <class T>
void read_sources(const Table<T>& table, T& entry, const nlohmann::json& sources, const Where& where) {
  if (!sources.is_object())
    fail(where, "expected an object mapping field names to sources, got " + json_preview(sources));
  for (const auto& [key, text] : sources.items()) {
    const Where at = where.key(key);
    if (table.find(key) == nullptr) fail(at, "no such field to cite (fields: " + known_keys(table, false) + ")");
    if (!text.is_string() || text.template get<std::string>().empty())
      fail(at, "expected a non-empty source text, got " + json_preview(text));
    (entry.*table.sources)[key] = text.template get<std::string>();
  }
}

}  // namespace detail

// Builds an entry from a catalog JSON object (see the header comment for the checks).
template <class T>
T parse_entry(const Table<T>& table, const nlohmann::json& object, const Where& where) {
  if (!object.is_object()) fail(where, "expected an object, got " + json_preview(object));
  T entry{};
  std::string kind_name;
  if (const Field<T>* kind = table.find("kind")) {
    const auto it = object.find("kind");
    if (it == object.end()) fail(where, "missing required key \"kind\" (" + expectation(kind->info) + ")");
    detail::store(entry, *kind, parse_field_value(kind->info, *it, where.key("kind")));
    kind_name = it->template get<std::string>();
  }
  for (const auto& [key, value] : object.items()) {
    if (key == "kind") continue;
    if (key == "sources" && table.sources != nullptr) {
      detail::read_sources(table, entry, value, where.key("sources"));
      continue;
    }
    const Field<T>* field = table.find(key);
    if (field == nullptr)
      fail(where.key(key), "unknown key (known keys: " + detail::known_keys(table, table.sources != nullptr) + ")");
    detail::set_field(table, entry, *field, value, kind_name, where.key(key));
  }
  for (const auto& field : table.fields) {
    const FieldInfo& info = field.info;
    if (object.contains(info.key)) {
      if (table.sources != nullptr && is_numeric(info.kind) && !(entry.*table.sources).contains(info.key))
        fail(where.key("sources"), "missing the source of \"" + std::string(info.key) +
                                       "\" (every number in the catalog cites its public source and date)");
      continue;
    }
    const bool applies = info.applies_to.empty() || has_choice(info.applies_to, kind_name);
    const bool required = info.required_for.empty() ? applies : has_choice(info.required_for, kind_name);
    if (info.presence == Presence::required && required) {
      std::string what = expectation(info);
      if (!info.doc.empty()) what = std::string(info.doc) + ": " + what;
      if (!kind_name.empty() && !(info.applies_to.empty() && info.required_for.empty()))
        what += "; required for kind " + kind_name;
      fail(where, "missing required key \"" + std::string(info.key) + "\" (" + what + ")");
    }
    if (info.presence == Presence::defaulted && applies) detail::store(entry, field, default_field_value(info));
  }
  if (table.check) table.check(entry, where);
  return entry;
}

// Applies `overrides` (a JSON object of field values) to `entry`; `where` locates the object in its document.
template <class T>
T override_entry(const Table<T>& table, T entry, const nlohmann::json& overrides, const Where& where) {
  if (!overrides.is_object()) fail(where, "expected an object of field overrides, got " + json_preview(overrides));
  const std::string kind_name = detail::entry_kind(table, entry);
  for (const auto& [key, value] : overrides.items()) {
    if (key == "name") fail(where.key(key), "the name of a catalog entry cannot be overridden");
    if (key == "kind" && table.find("kind") != nullptr)
      fail(where.key(key), "the kind of a catalog entry cannot be overridden");
    const Field<T>* field = table.find(key);
    if (field == nullptr) fail(where.key(key), "unknown key (known keys: " + detail::known_keys(table, false) + ")");
    detail::set_field(table, entry, *field, value, kind_name, where.key(key));
  }
  if (table.check) table.check(entry, where);
  return entry;
}

}  // namespace clustersim::models::catalog
