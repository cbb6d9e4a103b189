#include "models/catalog/json_file.hpp"

#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "models/catalog/catalog_error.hpp"

namespace clustersim::models::catalog {

nlohmann::json parse_json_text(const std::string& text, const std::string& name) {
  // One set of keys per open object; a key seen twice in the same object is an error.
  std::vector<std::set<std::string>> open_objects;
  std::string duplicate;
  const auto callback = [&](int /*depth*/, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (event == Event::object_start) open_objects.emplace_back();
    if (event == Event::object_end && !open_objects.empty()) open_objects.pop_back();
    if (event == Event::key && !open_objects.empty() && duplicate.empty()) {
      const auto& key = parsed.get_ref<const std::string&>();
      if (!open_objects.back().insert(key).second) duplicate = key;
    }
    return true;
  };
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text, callback);
  } catch (const nlohmann::json::parse_error& e) {
    std::string message = e.what();
    // Drop nlohmann's "[json.exception.parse_error.101] " prefix; keep "parse error at line L, column C: ...".
    if (const auto bracket = message.find("] "); message.starts_with("[json.exception") && bracket != std::string::npos)
      message = message.substr(bracket + 2);
    throw CatalogError(name + ": malformed JSON: " + message);
  }
  if (!duplicate.empty()) throw CatalogError(name + ": duplicate key \"" + duplicate + "\" in one JSON object");
  return document;
}

nlohmann::json read_json_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw CatalogError(file.string() + ": cannot open the file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw CatalogError(file.string() + ": cannot read the file");
  return parse_json_text(text.str(), file.string());
}

}  // namespace clustersim::models::catalog
