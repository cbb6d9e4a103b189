#include "models/catalog/price_entry.hpp"

#include <array>
#include <utility>

namespace clustersim::models::catalog {
namespace {

using enum FieldKind;

constexpr std::array<std::pair<PriceUnit, std::string_view>, 5> kUnitNames{{
    {PriceUnit::each, "each"},
    {PriceUnit::per_hour, "per_hour"},
    {PriceUnit::per_gb_month, "per_gb_month"},
    {PriceUnit::per_1000_requests, "per_1000_requests"},
    {PriceUnit::relative_per_hour, "relative_per_hour"},
}};

PriceUnit parse_price_unit(std::string_view name) {
  for (const auto& [unit, text] : kUnitNames)
    if (text == name) return unit;
  throw CatalogError("unknown price unit \"" + std::string(name) + "\"");
}

}  // namespace

std::string_view to_string(PriceUnit unit) {
  for (const auto& [u, text] : kUnitNames)
    if (u == unit) return text;
  return "?";
}

const Table<PriceEntry>& price_table() {
  static const Table<PriceEntry> table{
      .type_name = "PriceEntry",
      .fields =
          {
              {{.key = "name", .kind = text, .doc = "unique price name"}, &PriceEntry::name},
              {{.key = "item", .kind = text, .doc = "what is priced"}, &PriceEntry::item},
              {{.key = "price_usd", .kind = usd, .example = "98.32", .doc = "price in US dollars per `unit`"},
               &PriceEntry::price_usd},
              {{.key = "unit",
                .kind = enumeration,
                .choices = "each|per_hour|per_gb_month|per_1000_requests|relative_per_hour",
                .example = "per_hour",
                .doc = "what price_usd buys"},
               CustomMember<PriceEntry>{
                   [](PriceEntry& p, const FieldValue& v) { p.unit = parse_price_unit(std::get<std::string>(v)); },
                   [](const PriceEntry& p) { return FieldValue(std::string(to_string(p.unit))); }}},
              {{.key = "date", .kind = date, .example = "2025-06", .doc = "when the price held"}, &PriceEntry::date},
              {{.key = "notes", .kind = text, .presence = Presence::optional, .doc = "free-text remarks"},
               &PriceEntry::notes},
          },
      .check = {},
      .sources = &PriceEntry::sources,
  };
  return table;
}

}  // namespace clustersim::models::catalog
