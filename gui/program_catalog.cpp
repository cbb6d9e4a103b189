#include "gui/program_catalog.hpp"

#include <memory>

namespace clustersim::gui {

const models::study::CatalogSource& program_catalog() {
  static const std::unique_ptr<models::study::CatalogSource> catalog = models::study::load_catalog_source();
  return *catalog;
}

}  // namespace clustersim::gui
