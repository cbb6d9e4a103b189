// libFuzzer target for the scenario loader: the input is scenario JSON text, taken through
// parse_json_text -> parse_scenario -> resolve_scenario against the real catalog (data/, or $CLUSTERSIM_DATA).
// Every rejection must be a std::invalid_argument (ScenarioError, UnitError) with a non-empty message;
// any other exception, a sanitizer report, a hang or running out of memory is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string_view>

#include "models/study/resolve.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace clustersim::models::study;
  static const std::unique_ptr<CatalogSource> catalog = load_catalog_source();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const ScenarioValues values = parse_scenario(parse_json_text(text, "fuzz"));
    const ResolvedScenario scenario = resolve_scenario(values, *catalog);
    (void)scenario;
  } catch (const std::invalid_argument& error) {
    if (std::string_view(error.what()).empty()) std::abort();  // a rejection must say why
  }
  return 0;
}
