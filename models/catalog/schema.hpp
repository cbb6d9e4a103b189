// The catalog's file formats, printed by `clustersim schema --catalog`: one TableSchema per kind of entry,
// straight from the field tables the loader uses (so the listing cannot drift from the parser).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "models/catalog/field.hpp"

namespace clustersim::models::catalog {

struct TableSchema {
  std::string_view file;       // "gpus.json"
  std::string_view json_path;  // where the entries sit: "gpus[]", or "observation" for a single object
  std::string_view type_name;  // "GpuSpec"
  std::vector<FieldInfo> fields;
};

const std::vector<TableSchema>& catalog_schema();

// One line per field: `hbm_bytes  bytes  required  HBM capacity (like "80 GB")`, under a header per table.
std::string schema_text();

}  // namespace clustersim::models::catalog
