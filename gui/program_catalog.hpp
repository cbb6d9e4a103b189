// The catalog the desktop application resolves scenarios against (models/study/catalog_source.hpp: $CLUSTERSIM_DATA
// or the repository's data/), loaded once on first use; a catalog that cannot be read throws ScenarioError.
#pragma once

#include "models/study/catalog_source.hpp"

namespace clustersim::gui {

const models::study::CatalogSource& program_catalog();

}  // namespace clustersim::gui
