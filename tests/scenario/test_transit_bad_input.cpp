// Malformed transit tables of a scenario file: each fails with an InputError naming the file,
// a line and the dotted key (or the CSV column) at fault, and says what is wrong.
#include <catch2/catch.hpp>

#include "scenario/scenario_file.hpp"
#include "toy_gtfs.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

ToyFeed two_stop_feed() {
  ToyFeed feed;
  feed.stop_at("A", -500.0, 0.0);
  feed.stop_at("B", 500.0, 0.0);
  feed.route("R");
  feed.trip("t1", "R", {"A", "B"}, {hms(8, 0), hms(8, 5)});
  return feed;
}

struct Expected {
  std::string file;  // a file name in the case folder
  std::string field;
  std::string fragment;
};

void require_error(const ToyScenarioOptions& options, const Expected& expected) {
  TempDir dir;
  const std::string path = write_toy_scenario(dir, two_stop_feed(), options);
  const InputError error = input_error_of([&] { load_scenario(path); });
  INFO("error: " << error.what());
  CHECK(error.file() == dir.file(expected.file));
  CHECK(error.line() > 0);
  CHECK(error.field() == expected.field);
  CHECK_THAT(error.message(), Catch::Contains(expected.fragment));
}

}  // namespace

TEST_CASE("the transit bad-input base case loads", "[transit-bad-input]") {
  TempDir dir;
  ToyScenarioOptions options;
  options.passengers = {{"p1", hms(7, 55), "A", "B"}};
  const Scenario scenario = load_scenario(write_toy_scenario(dir, two_stop_feed(), options));
  CHECK(scenario.transit.timetable.trip_count() == 1);
  CHECK(scenario.transit.passengers.count() == 1);
}

TEST_CASE("malformed transit tables name the key at fault", "[transit-bad-input]") {
  ToyScenarioOptions options;
  SECTION("a misspelt [transit] key") {
    options.transit_keys = "walk_sped_mps = 1.2\n";
    require_error(options, {"scenario.toml", "transit.walk_sped_mps", "did you mean"});
  }
  SECTION("a recovery share of 1 or more") {
    options.transit_keys = "recovery_share = 1.0\n";
    require_error(options, {"scenario.toml", "transit.recovery_share", "below 1"});
  }
  SECTION("a negative transfer penalty") {
    options.transit_keys = "transfer_penalty_s = -60\n";
    require_error(options, {"scenario.toml", "transit.transfer_penalty_s", "negative"});
  }
  SECTION("a new line over a stop the feed does not have") {
    options.changes =
        "[[transit.changes]]\nkind = \"add_line\"\nroute = \"N\"\nstops = [\"A\", \"Z9\"]\n";
    require_error(options, {"scenario.toml", "transit.changes[0].stops", "no stop 'Z9'"});
  }
  SECTION("a capacity change of an unknown route") {
    options.changes = "[[transit.changes]]\nkind = \"set_capacity\"\nroute = \"Q\"\nseated = 10\n";
    require_error(options, {"scenario.toml", "transit.changes[0].route", "no route 'Q'"});
  }
  SECTION("an unknown kind of change") {
    options.changes = "[[transit.changes]]\nkind = \"close_route\"\nroute = \"R\"\n";
    require_error(options, {"scenario.toml", "transit.changes[0].kind", "close_route"});
  }
  SECTION("a headway change without a headway") {
    options.changes = "[[transit.changes]]\nkind = \"set_headway\"\nroute = \"R\"\n";
    require_error(options, {"scenario.toml", "transit.changes[0].headway_s", "required"});
  }
  SECTION("a key a change does not take") {
    options.changes = "[[transit.changes]]\nkind = \"cancel_trips\"\nroute = \"R\"\nfrom_s = 0\n";
    require_error(options, {"scenario.toml", "transit.changes[0].from_s", "unknown key"});
  }
  SECTION("a passenger from an unknown stop") {
    options.passengers = {{"p1", hms(7, 55), "A9", "B"}};
    require_error(options, {"passengers.csv", "origin_stop", "A9"});
  }
}

TEST_CASE("a GTFS path that does not exist is named", "[transit-bad-input]") {
  TempDir dir;
  const std::string path = dir.write("scenario.toml",
                                     "[transit]\ngtfs = \"no_such_feed.zip\"\n\n"
                                     "[simulation]\nstart = \"06:00\"\nend = \"12:00\"\n");
  const InputError error = input_error_of([&] { load_scenario(path); });
  CHECK(error.file() == path);
  CHECK(error.line() == 2);
  CHECK(error.field() == "transit.gtfs");
  CHECK_THAT(error.message(), Catch::Contains("no_such_feed.zip"));
}

TEST_CASE("passengers without a timetable are an error", "[transit-bad-input]") {
  TempDir dir;
  const std::string path =
      dir.write("scenario.toml",
                "[network]\nsource = \"grid\"\n\n[demand]\nsource = \"generated\"\n\n"
                "[passengers]\nsource = \"random\"\ncount = 10\n");
  const InputError error = input_error_of([&] { load_scenario(path); });
  CHECK(error.file() == path);
  CHECK(error.field() == "passengers");
  CHECK_THAT(error.message(), Catch::Contains("[transit]"));
}
