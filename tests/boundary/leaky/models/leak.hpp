// A model reaching up into the application library: front_end_includes.sh must name this line.
#pragma once

#include "models/study/sweep_spec.hpp"
#include "app/sweep_runner.hpp"
