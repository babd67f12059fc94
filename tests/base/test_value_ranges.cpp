// Valid ranges (base/value_ranges): the messages readers give, and time text that cannot
// overflow.
#include <catch2/catch.hpp>
#include <limits>
#include <string>

#include "base/error.hpp"
#include "base/text.hpp"
#include "base/value_ranges.hpp"

using namespace arteria;

TEST_CASE("a value outside its range is described in the readers' words") {
  CHECK(range_problem(valid::lanes, 16.0).empty());
  CHECK(range_problem(valid::lanes, 1e9) == "must be between 1 and 16, got 1e+09");
  CHECK(range_problem(valid::link_length_m, -500.0) == "must be positive, got -500");
  CHECK(range_problem(valid::link_length_m, 1e-300) ==
        "must be between 0.01 and 500000 m, got 1e-300");
  CHECK(range_problem(valid::free_speed_kmh, 1e308) ==
        "must be between 1 and 400 km/h, got 1e+308");
  CHECK(range_problem(valid::dwell_s, -1.0) == "must not be negative, got -1");
  CHECK(range_problem(valid::relative_gap, 0.0) == "must be positive, got 0");
  CHECK(range_problem(valid::relative_gap, 2.0) == "must be above 0 and at most 1, got 2");
  CHECK(range_problem(valid::pcu, std::numeric_limits<double>::quiet_NaN()) ==
        "must be positive, got nan");
}

TEST_CASE("check_range names the file, line and field") {
  try {
    check_range("links.csv", 7, "capacity_vph", valid::capacity_vph, 1e308);
    FAIL("no error");
  } catch (const InputError& error) {
    CHECK(std::string(error.what()) ==
          "links.csv:7: field 'capacity_vph': must be between 1 and 100000 veh/h, got 1e+308");
  }
  CHECK(check_range("links.csv", 7, "capacity_vph", valid::capacity_vph, 1800.0) == 1800.0);
}

TEST_CASE("times past any clock are written as seconds, not overflowed") {
  CHECK(format_time_of_day(8 * 3600 + 4 * 60 + 54) == "08:04:54");
  CHECK(format_time_of_day(-90.0) == "-00:01:30");
  CHECK(format_time_of_day(1e308) == "1e+308 s");
  CHECK(format_time_of_day(std::numeric_limits<double>::infinity()) == "inf s");
  CHECK(time_of_day_problem(7 * 24 * 3600.0).empty());
  CHECK(time_of_day_problem(1e308) == "must be between 00:00:00 and 168:00:00, got 1e+308 s");
}
