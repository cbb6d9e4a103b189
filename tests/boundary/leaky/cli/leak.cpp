// A front end reaching into the engine: front_end_includes.sh must name this line.
#include <vector>

#include "sim/engine.hpp"
