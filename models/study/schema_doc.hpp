// The scenario parameter reference, generated from the parameter table (param_table.hpp): printed by
// `clustersim schema` and stored as docs/schema.md (a test checks that the stored file is up to date).
// And the catalog files' formats (models/catalog/schema.hpp), printed by `clustersim schema --catalog`.
#pragma once

#include <string>

namespace clustersim::models::study {

// Markdown: an introduction to the format, then one table per top-level section with every
// parameter's JSON path, kind, default and doc.
std::string schema_markdown();

// One table per catalog file: every field's key, kind, presence and doc.
std::string catalog_schema_text();

}  // namespace clustersim::models::study
