// A front end reaching into the workload model: front_end_includes.sh must name this line.
#pragma once

#include <QObject>
#include <models/workload/campaign.hpp>
#include "models/study/compare.hpp"
