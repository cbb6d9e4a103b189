// `clustersim flows`: see models/study/flows_run.hpp.
#include <istream>
#include <sstream>
#include <string>

#include "app/atomic_write.hpp"
#include "cli/guarded.hpp"
#include "cli/study_commands.hpp"

namespace clustersim::cli {

int flows_command(const FlowsOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
  return guarded(err, [&] {
    models::study::FlowsRequest request = options.request;
    request.limits = run_limits(options.limits);
    std::ostringstream results;
    const std::string summary = models::study::run_flows(request, in, results);
    if (options.output.empty()) {
      out << results.str();
    } else {
      app::write_file_atomically(options.output, results.str());
    }
    err << summary << "\n";
    return 0;
  });
}

}  // namespace clustersim::cli
