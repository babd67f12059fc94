#include <catch2/catch.hpp>
#include "base/csv.hpp"
#include "base/text.hpp"
TEST_CASE("parse times") {
  REQUIRE(*arteria::parse_time_of_day("08:30") == 30600.0);
  REQUIRE(!arteria::parse_time_of_day("25:61:00"));
}
