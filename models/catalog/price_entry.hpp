// Catalog prices (data/prices.json): one PriceEntry per priced item, in US dollars, with the date the price held.
//   unit: each (one item), per_hour (one instance-hour), per_gb_month (one GB stored for a month),
//         per_1000_requests, relative_per_hour (normalised: another item's hourly price = 1.00).
#pragma once

#include <string>
#include <string_view>

#include "models/catalog/field_table.hpp"

namespace clustersim::models::catalog {

enum class PriceUnit { each, per_hour, per_gb_month, per_1000_requests, relative_per_hour };

std::string_view to_string(PriceUnit unit);

struct PriceEntry {
  std::string name;
  std::string item;  // what is priced
  double price_usd = 0;
  PriceUnit unit = PriceUnit::each;
  std::string date;  // YYYY, YYYY-MM or YYYY-MM-DD
  std::string notes;
  Sources sources;
};

const Table<PriceEntry>& price_table();

}  // namespace clustersim::models::catalog
