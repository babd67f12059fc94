// Whether a run's trips completed, said beside every mean: the lines `arteria run` and
// `arteria info` print, and the warning on stderr when a run did not clear. A mean over the
// trips that arrived leaves out exactly the trips a congested variant fails to finish, so it
// never stands alone.
#pragma once

#include <cstdint>
#include <string>

#include "sim/run_records.hpp"

namespace arteria::cli {

// 1234567 -> "1,234,567": counts are whole numbers, printed as such.
std::string with_separators(std::uint64_t count);

// Trips completed and not (en route at the end, never got in, stuck and removed), the mean
// travel time of the arrived trips and the mean including unfinished trips; `indent` starts
// each line.
void print_completion(const Kpis& kpis, double end_s, const std::string& indent);

// On stderr, when any trip due before the end did not complete: how many, why, and what the
// arrived-only mean leaves out. Prints nothing for a run whose every due trip arrived.
void warn_if_incomplete(const Kpis& kpis, double end_s);

}  // namespace arteria::cli
