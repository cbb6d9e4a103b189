// The exit-code convention of every command: run `body`; bad input (std::invalid_argument and its
// subclasses: scenario, unit, output-directory errors) exits 2, anything else that fails exits 1.
// `context` (a file name, say) prefixes the message when given.
#pragma once

#include <exception>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>

namespace clustersim::cli {

inline int guarded(std::ostream& err, const std::function<int()>& body, const std::string& context = {}) {
  const std::string prefix = context.empty() ? std::string() : context + ": ";
  try {
    return body();
  } catch (const std::invalid_argument& error) {
    err << "error: " << prefix << error.what() << "\n";
    return 2;
  } catch (const std::exception& error) {
    err << "simulation error: " << prefix << error.what() << "\n";
    return 1;
  }
}

}  // namespace clustersim::cli
