// The application library reaching up into a front end: front_end_includes.sh must name this line.
#include "app/atomic_write.hpp"
#include "models/workload/campaign.hpp"
#include "cli/study_commands.hpp"
