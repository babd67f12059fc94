// Range checks for numeric inputs (see value_ranges.hpp).
#include "base/value_ranges.hpp"

#include <cstdio>

#include "base/csv_write.hpp"
#include "base/error.hpp"
#include "base/text.hpp"

namespace arteria {
namespace {

// Bounds are round numbers or conversions of them (400 km/h in m/s): six digits read well.
std::string bound_text(double value, const char* unit) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return *unit ? std::string(text) + " " + unit : std::string(text);
}

}  // namespace

std::string range_problem(const ValueRange& range, double value) {
  if (range.contains(value)) return {};
  const std::string got = ", got " + format_double(value);
  const bool floor_is_zero = range.min == 0.0 && !range.min_exclusive;
  // The old wording for signs (and NaN) where zero is or borders the floor.
  if (!(value > 0.0) && range.min >= 0.0 && !floor_is_zero) return "must be positive" + got;
  if (!(value >= 0.0) && floor_is_zero) return "must not be negative" + got;
  if (range.min_exclusive) {
    return "must be above " + bound_text(range.min, "") + " and at most " +
           bound_text(range.max, range.unit) + got;
  }
  return "must be between " + bound_text(range.min, "") + " and " +
         bound_text(range.max, range.unit) + got;
}

std::string time_of_day_problem(double seconds) {
  const ValueRange& range = valid::time_of_day_s;
  if (range.contains(seconds)) return {};
  return "must be between " + format_time_of_day(range.min) + " and " +
         format_time_of_day(range.max) + ", got " + format_time_of_day(seconds);
}

double check_range(const std::string& file, std::size_t line, const std::string& field,
                   const ValueRange& range, double value) {
  std::string problem = range_problem(range, value);
  if (!problem.empty()) throw InputError(file, line, field, std::move(problem));
  return value;
}

}  // namespace arteria
