#include "models/catalog/catalog_error.hpp"

namespace clustersim::models::catalog {

Where Where::key(std::string_view name) const {
  return {file, path.empty() ? std::string(name) : path + "." + std::string(name)};
}

Where Where::index(std::size_t i) const {
  return {file, path + "[" + std::to_string(i) + "]"};
}

std::string Where::to_string() const {
  if (file.empty()) return path;
  if (path.empty()) return file;
  return file + ": " + path;
}

void fail(const Where& where, std::string_view message) {
  const std::string location = where.to_string();
  throw CatalogError(location.empty() ? std::string(message) : location + ": " + std::string(message));
}

}  // namespace clustersim::models::catalog
