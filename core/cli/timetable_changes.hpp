// The run summary's lines about [[transit.changes]] that changed trip counts: a headway change
// that takes trips away from a direction must say so, or a falling load looks like success.
#pragma once

#include "model/scenario.hpp"

namespace arteria {

void print_timetable_changes(const Scenario& scenario);

}  // namespace arteria
