// Numbers as text, written the same way in every message, result file and trace, in any locale.
//   number_text(v)          the shortest decimal that reads back as the same double (std::to_chars):
//                           "0.1", "-1", "100", "1e+05", "2.5e+08"
//   number_text(v, digits)  at most `digits` (1 to 17) significant digits, as printf's %g in the "C"
//                           locale (an ostream's default is 6): "3219.94", "1.23457e+08"
// Not-a-number is "nan" whatever its sign bit; infinities are "inf" and "-inf".
#pragma once

#include <string>

namespace clustersim::sim {

std::string number_text(double value);
std::string number_text(double value, int significant_digits);

}  // namespace clustersim::sim
