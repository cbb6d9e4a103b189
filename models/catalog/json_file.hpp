// Reading one catalog file: the whole file parsed with nlohmann_json. A missing file, malformed JSON (reported
// with nlohmann's line and column: "data/gpus.json: malformed JSON: parse error at line 3, column 5: ...") and
// duplicate keys in one object (which nlohmann would otherwise resolve silently) are CatalogErrors naming the file.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace clustersim::models::catalog {

nlohmann::json read_json_file(const std::filesystem::path& file);
// Same checks on text already in memory; `name` stands for the file in messages.
nlohmann::json parse_json_text(const std::string& text, const std::string& name);

}  // namespace clustersim::models::catalog
