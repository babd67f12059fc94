// Malformed scenario files and tables: each case must fail with an InputError naming the file,
// the line and the field at fault, with a message that says what is wrong.

#include <catch2/catch.hpp>
#include <functional>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "scenario/scenario_file.hpp"
#include "toy_files.hpp"

namespace {

using arteria::testing::TempDir;

// A valid little scenario; each case changes one thing. Line numbers below refer to these.
struct ScenarioFiles {
  std::string nodes =
      "id,x_m,y_m\n"
      "a,0,0\n"
      "b,500,0\n"
      "c,1000,0\n"
      "d,500,500\n";
  std::string links =
      "id,from,to,length_m,lanes,free_speed_kmh,capacity_vph\n"
      "ab,a,b,500,1,50,900\n"  // line 2
      "ba,b,a,500,1,50,900\n"  // line 3
      "bc,b,c,500,1,50,900\n"  // line 4
      "cb,c,b,500,1,50,900\n"  // line 5
      "bd,b,d,500,1,50,900\n"  // line 6
      "db,d,b,500,1,50,900\n";
  std::string signals =
      "node,plan,offset_s,phase,duration_s,green\n"
      "b,fixed,0,1,30,ab;cb\n"  // line 2
      "b,fixed,0,2,30,db\n";    // line 3
  std::string trips =
      "id,origin,destination,depart\n"
      "t1,a,c,07:00:00\n"  // line 2
      "t2,c,d,07:10\n"     // line 3
      "t3,d,a,25300\n";    // line 4
  std::string toml =
      "[network]\n"                        // 1
      "source = \"csv\"\n"                 // 2
      "nodes = \"nodes.csv\"\n"            // 3
      "links = \"links.csv\"\n"            // 4
      "signals = \"signals.csv\"\n"        // 5
      "\n"                                 // 6
      "[demand]\n"                         // 7
      "source = \"trips\"\n"               // 8
      "file = \"trips.csv\"\n"             // 9
      "\n"                                 // 10
      "[simulation]\n"                     // 11
      "start = \"06:00\"\n"                // 12
      "end = \"09:00\"\n"                  // 13
      "stuck_action = \"push_through\"\n"  // 14
      "seed = 1\n";                        // 15
  std::vector<std::pair<std::string, std::string>> extra_files;
};

struct Expected {
  std::string file;  // a name inside the case folder, or "--set"
  std::size_t line;
  std::string field;
  std::string fragment;  // part of the message
};

void require_error(const ScenarioFiles& files, const Expected& expected,
                   const std::vector<std::string>& overrides = {}) {
  TempDir folder;
  folder.write("nodes.csv", files.nodes);
  folder.write("links.csv", files.links);
  folder.write("signals.csv", files.signals);
  folder.write("trips.csv", files.trips);
  for (const auto& [name, text] : files.extra_files) folder.write(name, text);
  const std::string scenario = folder.write("scenario.toml", files.toml);
  const std::string expected_file = expected.file == "--set" || expected.file.empty()
                                        ? expected.file
                                        : folder.file(expected.file);
  try {
    arteria::load_scenario(scenario, overrides);
    FAIL("the scenario loaded although it is malformed");
  } catch (const arteria::InputError& error) {
    INFO("error: " << error.what());
    CHECK(error.file() == expected_file);
    CHECK(error.line() == expected.line);
    CHECK(error.field() == expected.field);
    CHECK_THAT(error.message(), Catch::Contains(expected.fragment));
  }
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("the base case of the bad-input tests is valid") {
  TempDir folder;
  const ScenarioFiles files;
  folder.write("nodes.csv", files.nodes);
  folder.write("links.csv", files.links);
  folder.write("signals.csv", files.signals);
  folder.write("trips.csv", files.trips);
  const auto scenario = arteria::load_scenario(folder.write("scenario.toml", files.toml));
  CHECK(scenario.demand.trip_count() == 3);
  CHECK(scenario.network.link_count == 6);
}

TEST_CASE("a missing input file names the scenario key that points at it") {
  ScenarioFiles files;
  files.toml = replace(files.toml, "\"nodes.csv\"", "\"nodes_missing.csv\"");
  require_error(files, {"scenario.toml", 3, "network.nodes", "does not exist"});
}

TEST_CASE("a missing scenario file is reported") {
  TempDir folder;
  const std::string path = folder.file("nowhere.toml");
  try {
    arteria::load_scenario(path);
    FAIL("no error");
  } catch (const arteria::InputError& error) {
    CHECK(error.file() == path);
    CHECK(error.line() == 0);
    CHECK_THAT(error.message(), Catch::Contains("cannot open"));
  }
}

TEST_CASE("an unknown TOML key is reported with a suggestion") {
  ScenarioFiles files;
  files.toml += "sead = 3\n";
  require_error(files, {"scenario.toml", 16, "simulation.sead", "did you mean 'seed'?"});
}

TEST_CASE("an unknown TOML table is reported with a suggestion") {
  ScenarioFiles files;
  files.toml += "\n[simulaton]\nseed = 2\n";
  require_error(files, {"scenario.toml", 17, "simulaton", "did you mean 'simulation'?"});
}

TEST_CASE("a TOML value of the wrong type names the key") {
  ScenarioFiles files;
  files.toml += "step_s = \"one\"\n";
  require_error(files, {"scenario.toml", 16, "simulation.step_s", "expected a number, got string"});
}

TEST_CASE("a TOML syntax error names its line") {
  ScenarioFiles files;
  files.toml += "threads = = 2\n";
  require_error(files, {"scenario.toml", 16, "", ""});
}

TEST_CASE("a table header without a key is a syntax error, in every build") {
  // fuzz_scenario_toml: toml++ asserted on this in builds without NDEBUG (toml_reader.hpp).
  ScenarioFiles files;
  files.toml += "\n[ = 1\n";
  require_error(files, {"scenario.toml", 17, "", "expected bare key starting character"});
}

TEST_CASE("a negative link length is rejected") {
  ScenarioFiles files;
  files.links = replace(files.links, "ba,b,a,500", "ba,b,a,-500");
  require_error(files, {"links.csv", 3, "length_m", "must be positive, got -500"});
}

TEST_CASE("a zero capacity is rejected") {
  ScenarioFiles files;
  files.links = replace(files.links, "bc,b,c,500,1,50,900", "bc,b,c,500,1,50,0");
  require_error(files, {"links.csv", 4, "capacity_vph", "must be positive"});
}

TEST_CASE("a non-numeric capacity is rejected") {
  ScenarioFiles files;
  files.links = replace(files.links, "bc,b,c,500,1,50,900", "bc,b,c,500,1,50,lots");
  require_error(files, {"links.csv", 4, "capacity_vph", "'lots' is not a number"});
}

TEST_CASE("a link to a node that does not exist is rejected") {
  ScenarioFiles files;
  files.links = replace(files.links, "bd,b,d,", "bd,b,x,");
  require_error(files, {"links.csv", 6, "to", "node 'x' which does not exist"});
}

TEST_CASE("a duplicate link id is rejected on its second line") {
  ScenarioFiles files;
  files.links = replace(files.links, "bd,b,d,", "ba,b,d,");
  require_error(files, {"links.csv", 6, "id", "duplicate link id 'ba'"});
}

TEST_CASE("an unknown column is rejected") {
  ScenarioFiles files;
  files.links = replace(files.links, "capacity_vph\n", "capacity_vph,colour\n");
  files.links = replace(files.links, "ab,a,b,500,1,50,900", "ab,a,b,500,1,50,900,red");
  require_error(files, {"links.csv", 1, "colour", "unknown column"});
}

TEST_CASE("a short row is rejected") {
  ScenarioFiles files;
  files.links = replace(files.links, "bc,b,c,500,1,50,900", "bc,b,c,500,1");
  require_error(files, {"links.csv", 4, "", "has 5 fields but the header has 7"});
}

TEST_CASE("an unclosed quote is rejected") {
  ScenarioFiles files;
  files.trips = replace(files.trips, "t2,c,d", "t2,\"c,d");
  require_error(files, {"trips.csv", 3, "", "unclosed quote"});
}

TEST_CASE("both free speed columns on one row are rejected") {
  ScenarioFiles files;
  files.links = replace(files.links, "free_speed_kmh,capacity_vph",
                        "free_speed_kmh,capacity_vph,free_speed_mps");
  for (const char* row : {"ab,a,b,500,1,50,900", "ba,b,a,500,1,50,900", "bc,b,c,500,1,50,900",
                          "cb,c,b,500,1,50,900", "bd,b,d,500,1,50,900", "db,d,b,500,1,50,900"}) {
    files.links = replace(files.links, std::string(row) + "\n",
                          std::string(row) + (row[0] == 'c' ? ",13.9\n" : ",\n"));
  }
  require_error(files, {"links.csv", 5, "free_speed_kmh", "give the free speed once"});
}

TEST_CASE("an unknown travel mode is rejected") {
  ScenarioFiles files;
  files.links = replace(files.links, "capacity_vph\n", "capacity_vph,modes\n");
  files.links = replace(files.links, "ab,a,b,500,1,50,900\n", "ab,a,b,500,1,50,900,car|tram\n");
  for (const char* row : {"ba,b,a,500,1,50,900", "bc,b,c,500,1,50,900", "cb,c,b,500,1,50,900",
                          "bd,b,d,500,1,50,900", "db,d,b,500,1,50,900"}) {
    files.links = replace(files.links, std::string(row) + "\n", std::string(row) + ",\n");
  }
  require_error(files, {"links.csv", 2, "modes", "unknown mode 'tram'"});
}

TEST_CASE("an empty demand is rejected") {
  ScenarioFiles files;
  files.trips = "id,origin,destination,depart\n";
  require_error(files, {"scenario.toml", 9, "demand.file", "holds no trips"});
}

TEST_CASE("a trip departing after the end of the period is rejected") {
  ScenarioFiles files;
  files.trips = replace(files.trips, "t3,d,a,25300", "t3,d,a,09:30");
  require_error(files, {"trips.csv", 4, "depart", "outside the simulated period"});
}

TEST_CASE("an impossible time of day is rejected") {
  ScenarioFiles files;
  files.trips = replace(files.trips, "07:00:00", "25:61:00");
  require_error(files, {"trips.csv", 2, "depart", "'25:61:00' is not a time"});
}

TEST_CASE("a trip from an unknown node is rejected") {
  ScenarioFiles files;
  files.trips = replace(files.trips, "t2,c,d", "t2,z,d");
  require_error(files, {"trips.csv", 3, "origin", "unknown node 'z'"});
}

TEST_CASE("a duplicate trip id is rejected") {
  ScenarioFiles files;
  files.trips = replace(files.trips, "t3,", "t1,");
  require_error(files, {"trips.csv", 4, "id", "duplicate trip id 't1' (first on line 2)"});
}

TEST_CASE("an unknown event action is rejected with a suggestion") {
  ScenarioFiles files;
  files.toml += "\n[[events]]\ntime = \"07:00\"\naction = \"close_lnk\"\nlink = \"ab\"\n";
  require_error(files, {"scenario.toml", 19, "events[0].action", "did you mean 'close_link'?"});
}

TEST_CASE("an event on an unknown link is rejected") {
  ScenarioFiles files;
  files.toml += "\n[[events]]\ntime = \"07:00\"\naction = \"close_link\"\nlink = \"zz\"\n";
  require_error(files, {"scenario.toml", 20, "events[0].link", "unknown link 'zz'"});
}

TEST_CASE("an event key that does not belong to its action is rejected") {
  ScenarioFiles files;
  files.toml +=
      "\n[[events]]\ntime = \"07:00\"\naction = \"close_link\"\nlink = \"ab\"\nnode = \"b\"\n";
  require_error(files, {"scenario.toml", 21, "events[0].node", "for action = \"close_link\""});
}

TEST_CASE("an event naming a signal plan the node lacks lists the plans it has") {
  ScenarioFiles files;
  files.toml +=
      "\n[[events]]\ntime = \"07:00\"\naction = \"set_signal_plan\"\nnode = \"b\"\n"
      "plan = \"peak\"\n";
  require_error(files, {"scenario.toml", 21, "events[0].plan", "(it has: fixed)"});
}

TEST_CASE("an event setting a capacity of 0 is rejected (closing the link is meant)") {
  ScenarioFiles files;
  files.toml +=
      "\n[[events]]\ntime = \"07:00\"\naction = \"set_link_capacity\"\nlink = \"ab\"\n"
      "value = 0\n";
  require_error(files, {"scenario.toml", 21, "events[0].value", "must be positive"});
}

TEST_CASE("a demand factor beyond the valid range is rejected") {
  ScenarioFiles files;
  files.toml += "\n[[events]]\ntime = \"06:00\"\naction = \"scale_demand\"\nvalue = 1e12\n";
  require_error(files,
                {"scenario.toml", 20, "events[0].value", "must be between 0 and 100, got 1e+12"});
}

TEST_CASE("an event outside the simulated period is rejected") {
  ScenarioFiles files;
  files.toml += "\n[[events]]\ntime = \"10:00\"\naction = \"close_link\"\nlink = \"ab\"\n";
  require_error(files, {"scenario.toml", 17, "time", "outside the simulated period"});
}

TEST_CASE("a misspelt stuck_action is rejected with a suggestion") {
  ScenarioFiles files;
  files.toml = replace(files.toml, "\"push_through\"", "\"push_thru\"");
  require_error(files,
                {"scenario.toml", 14, "simulation.stuck_action", "did you mean 'push_through'?"});
}

TEST_CASE("an end before the start is rejected") {
  ScenarioFiles files;
  files.toml = replace(files.toml, "end = \"09:00\"", "end = \"05:00\"");
  require_error(files, {"scenario.toml", 13, "simulation.end", "is not after the start"});
}

TEST_CASE("a signal plan naming a link that does not enter its node is rejected") {
  ScenarioFiles files;
  files.signals = replace(files.signals, "b,fixed,0,2,30,db", "b,fixed,0,2,30,bc");
  require_error(files, {"signals.csv", 3, "green", "link 'bc' does not enter node 'b'"});
}

TEST_CASE("signal rows of one plan with different offsets are rejected") {
  ScenarioFiles files;
  files.signals = replace(files.signals, "b,fixed,0,2,", "b,fixed,5,2,");
  require_error(files, {"signals.csv", 3, "offset_s", "same offset"});
}

// Found by fuzzing (native_csv): a phase number beyond a long was converted (undefined
// behaviour) before it was checked.
TEST_CASE("a signal phase number out of range is rejected") {
  ScenarioFiles files;
  files.signals = replace(files.signals, "b,fixed,0,2,", "b,fixed,0,4.9e102,");
  require_error(files, {"signals.csv", 3, "phase", "must be between 0 and 1e+06"});
}

TEST_CASE("a turn between links that do not meet is rejected") {
  ScenarioFiles files;
  files.extra_files.emplace_back("turns.csv", "from_link,to_link,allowed\nab,bc,1\nab,cb,1\n");
  files.toml = replace(files.toml, "signals = \"signals.csv\"\n",
                       "signals = \"signals.csv\"\nturns = \"turns.csv\"\n");
  require_error(files, {"turns.csv", 3, "to_link", "does not start where 'ab' ends"});
}

TEST_CASE("an unknown network source is rejected with a suggestion") {
  ScenarioFiles files;
  files.toml = replace(files.toml, "source = \"csv\"", "source = \"cvs\"");
  require_error(files, {"scenario.toml", 2, "network.source", "did you mean 'csv'?"});
}

TEST_CASE("generated demand on a network read from files is rejected") {
  ScenarioFiles files;
  files.toml = replace(files.toml, "source = \"trips\"\nfile = \"trips.csv\"\n",
                       "source = \"generated\"\ntrips = 100\n");
  require_error(files, {"scenario.toml", 8, "demand.source", "needs a generated network"});
}

TEST_CASE("an OD profile whose times go backwards is rejected at the entry") {
  ScenarioFiles files;
  files.extra_files.emplace_back("od.csv", "origin,destination,trips\na,c,10\n");
  files.toml = replace(files.toml, "source = \"trips\"\nfile = \"trips.csv\"\n",
                       "source = \"od\"\nfile = \"od.csv\"\nprofile = [\n  [\"07:00\", 1.0],\n"
                       "  [\"06:30\", 1.0],\n  [\"08:00\", 0.0],\n]\n");
  require_error(files, {"scenario.toml", 12, "demand.profile", "times must increase"});
}

TEST_CASE("an unknown variable in a path is rejected") {
  ScenarioFiles files;
  files.toml = replace(files.toml, "\"nodes.csv\"", "\"${DATA}/nodes.csv\"");
  require_error(files, {"scenario.toml", 3, "network.nodes", "unknown variable '${DATA}'"});
}

TEST_CASE("events that are not an array of tables are rejected") {
  ScenarioFiles files;
  files.toml = "events = 3\n" + files.toml;
  require_error(files, {"scenario.toml", 1, "events", "expected an array, got integer"});
}

TEST_CASE("an override of an unknown key names --set and suggests the key") {
  require_error(ScenarioFiles{}, {"--set", 0, "simulation.sede", "did you mean 'seed'?"},
                {"simulation.sede=3"});
}

TEST_CASE("an override without a value is rejected") {
  require_error(ScenarioFiles{}, {"--set", 0, "simulation.seed", "expected key=value"},
                {"simulation.seed"});
}

TEST_CASE("an override of the wrong type names --set") {
  require_error(ScenarioFiles{}, {"--set", 0, "simulation.seed", "expected an integer, got string"},
                {"simulation.seed=abc"});
}

TEST_CASE("bad road works name the event and the field at fault") {
  // Lines 17 and 18 are the works' header and action; the keys below follow from line 19.
  ScenarioFiles files;
  files.toml += "\n[[events]]\naction = \"road_works\"\n";
  SECTION("an unknown link") {
    files.toml += "from = \"07:00\"\nto = \"08:00\"\nlinks = [\"ab\", \"zz\"]\nspeed_kmh = 30\n";
    require_error(files, {"scenario.toml", 21, "events[0].links", "unknown link 'zz'"});
  }
  SECTION("a polygon of two points") {
    files.toml += "from = \"07:00\"\nto = \"08:00\"\npolygon = [[0, 0], [1, 1]]\nspeed_kmh = 30\n";
    require_error(files, {"scenario.toml", 21, "events[0].polygon", "needs at least 3"});
  }
  SECTION("a polygon that holds no link") {
    files.toml +=
        "from = \"07:00\"\nto = \"08:00\"\npolygon = [[2000, 0], [3000, 0], [3000, 900]]\n"
        "speed_kmh = 30\n";
    require_error(files, {"scenario.toml", 21, "events[0].polygon", "holds no road link"});
  }
  SECTION("closing every lane of a link") {
    files.toml += "from = \"07:00\"\nto = \"08:00\"\nlinks = [\"bc\", \"ab\"]\nlanes_closed = 1\n";
    require_error(files, {"scenario.toml", 22, "events[0].lanes_closed",
                          "link 'ab': closing 1 of the link's 1 lanes leaves no lane open: that "
                          "is a closure, write close_link"});
  }
  SECTION("an end before the start") {
    files.toml += "from = \"22:00\"\nto = \"05:00\"\nlinks = [\"ab\"]\nspeed_kmh = 30\n";
    require_error(files, {"scenario.toml", 20, "events[0].to", "must come after they start"});
  }
  SECTION("a window outside the simulated period") {
    files.toml += "from = \"12:00\"\nto = \"13:00\"\nlinks = [\"ab\"]\nspeed_kmh = 30\n";
    require_error(files, {"scenario.toml", 17, "events[0].from",
                          "lies outside the simulated period 06:00:00 - 09:00:00"});
  }
  SECTION("no start") {
    files.toml += "to = \"08:00\"\nlinks = [\"ab\"]\nspeed_kmh = 30\n";
    require_error(files, {"scenario.toml", 17, "events[0].from", "is required"});
  }
  SECTION("no zone") {
    files.toml += "from = \"07:00\"\nto = \"08:00\"\nspeed_kmh = 30\n";
    require_error(files, {"scenario.toml", 17, "events[0].links", "need their zone"});
  }
  SECTION("nothing the works do") {
    files.toml += "from = \"07:00\"\nto = \"08:00\"\nlinks = [\"ab\"]\n";
    require_error(
        files, {"scenario.toml", 17, "events[0].lanes_closed", "lanes_closed, speed_kmh or both"});
  }
  SECTION("a time instead of a window") {
    files.toml += "time = \"07:00\"\nlinks = [\"ab\"]\nspeed_kmh = 30\n";
    require_error(files, {"scenario.toml", 19, "events[0].time", "have a window instead"});
  }
  SECTION("two works on one link at once") {
    files.toml +=
        "from = \"07:00\"\nto = \"08:00\"\nlinks = [\"ab\"]\nspeed_kmh = 30\n"       // 19-22
        "\n[[events]]\naction = \"road_works\"\nfrom = \"07:30\"\nto = \"08:30\"\n"  // 23-27
        "links = [\"ab\", \"bc\"]\nspeed_kmh = 20\n";
    require_error(files, {"scenario.toml", 24, "events[1].from",
                          "link 'ab' is under road works from 07:00:00 to 08:00:00 already"});
  }
}

TEST_CASE("bad emergency stations and incidents name the table and the field at fault") {
  // Lines 17-19: a station at a; lines 21-23 an incident (header, time, node).
  ScenarioFiles files;
  const std::string station = "\n[[emergency_stations]]\nid = \"south\"\nnode = \"a\"\n";
  SECTION("an incident at an unknown node") {
    files.toml += station + "\n[[incidents]]\ntime = \"07:00\"\nnode = \"zz\"\n";
    require_error(files, {"scenario.toml", 23, "incidents[0].node", "unknown node 'zz'"});
  }
  SECTION("an incident outside the simulated period") {
    files.toml += station + "\n[[incidents]]\ntime = \"12:00\"\nnode = \"c\"\n";
    require_error(files, {"scenario.toml", 21, "incidents[0].time",
                          "at 12:00:00 is outside the simulated period 06:00:00 to 09:00:00"});
  }
  SECTION("a station at an unknown node") {
    files.toml += replace(station, "\"a\"", "\"zz\"");
    require_error(files, {"scenario.toml", 19, "emergency_stations[0].node", "unknown node 'zz'"});
  }
  SECTION("incidents without a station") {
    files.toml += "\n[[incidents]]\ntime = \"07:00\"\nnode = \"c\"\n";
    require_error(files, {"scenario.toml", 17, "incidents[0]", "need at least one"});
  }
  SECTION("a station id given twice") {
    files.toml += station + station;
    require_error(files, {"scenario.toml", 21, "emergency_stations[1].id", "given twice"});
  }
  SECTION("a station at a node and at x and y") {
    files.toml += station + "x = 0\ny = 0\n";
    require_error(files, {"scenario.toml", 20, "emergency_stations[0].x", "not both"});
  }
  SECTION("a pass speed of zero") {
    files.toml += station + "\n[emergency]\npass_speed_kmh = 0\n";
    require_error(files, {"scenario.toml", 22, "emergency.pass_speed_kmh", "must be positive"});
  }
}

TEST_CASE("an unknown vehicle class in trips.csv is rejected with a suggestion") {
  ScenarioFiles files;
  files.trips = replace(files.trips, "depart\n", "depart,class\n");
  files.trips = replace(files.trips, "07:00:00\n", "07:00:00,truck\n");
  files.trips = replace(files.trips, "07:10\n", "07:10,truk\n");
  files.trips = replace(files.trips, "25300\n", "25300,\n");
  require_error(files,
                {"trips.csv", 3, "class", "unknown vehicle class 'truk'; did you mean 'truck'?"});
}

TEST_CASE("a given route over a link closed to the trip's class is rejected") {
  ScenarioFiles files;
  files.trips = replace(files.trips, "depart\n", "depart,class,route\n");
  files.trips = replace(files.trips, "07:00:00\n", "07:00:00,truck,ab bc\n");
  files.trips = replace(files.trips, "07:10\n", "07:10,,\n");
  files.trips = replace(files.trips, "25300\n", "25300,,\n");
  files.toml += "\n[[vehicle_classes]]\nname = \"truck\"\nbanned_links = [\"bc\"]\n";
  require_error(files, {"trips.csv", 2, "route", "link 'bc' is closed to class 'truck'"});
}

TEST_CASE("a vehicle class banning an unknown link names the key") {
  ScenarioFiles files;
  files.toml += "\n[[vehicle_classes]]\nname = \"truck\"\nbanned_links = [\"ab\", \"zz\"]\n";
  require_error(files,
                {"scenario.toml", 19, "vehicle_classes[0].banned_links", "unknown link 'zz'"});
}

TEST_CASE("a class ban naming a road class no link has names the key and the known ones") {
  ScenarioFiles files;
  files.links =
      "id,from,to,length_m,lanes,free_speed_kmh,capacity_vph,road_class\n"
      "ab,a,b,500,1,50,900,primary\nba,b,a,500,1,50,900,primary\nbc,b,c,500,1,50,900,\n"
      "cb,c,b,500,1,50,900,\nbd,b,d,500,1,50,900,\ndb,d,b,500,1,50,900,\n";
  files.toml +=
      "\n[[vehicle_classes]]\nname = \"truck\"\n"
      "bans = [{road_classes = [\"motorway\"], from = \"07:00\", to = \"19:00\"}]\n";
  require_error(files, {"scenario.toml", 19, "vehicle_classes[0].bans[0].road_classes",
                        "no link has road class 'motorway' (the network's: primary)"});
}

TEST_CASE("a class ban whose window ends before it starts is rejected") {
  ScenarioFiles files;
  files.toml +=
      "\n[[vehicle_classes]]\nname = \"truck\"\n"
      "bans = [{links = [\"ab\"], from = \"19:00\", to = \"07:00\"}]\n";
  require_error(files,
                {"scenario.toml", 19, "vehicle_classes[0].bans[0].to", "must come after from"});
}

TEST_CASE("a freight gate at an unknown node names the gate") {
  ScenarioFiles files;
  files.toml +=
      "\n[[freight]]\nname = \"port\"\n"
      "gates = [{node = \"a\", trucks_in = 100}, {node = \"zz\", trucks_out = 100}]\n";
  require_error(files, {"scenario.toml", 19, "freight[0].gates[1].node", "unknown node 'zz'"});
}

TEST_CASE("a freight hold window that ends before it starts is rejected") {
  ScenarioFiles files;
  files.toml +=
      "\n[[freight]]\ngates = [{node = \"a\", trucks_in = 100}]\n"
      "hold = [\"22:00\", \"06:00\"]\n";
  require_error(files, {"scenario.toml", 19, "freight[0].hold", "not after its start"});
}

TEST_CASE("an OD table of an unknown vehicle class names the key") {
  ScenarioFiles files;
  files.extra_files = {{"od.csv", "origin,destination,trips\na,c,4\n"}};
  files.toml = replace(files.toml, "source = \"trips\"\nfile = \"trips.csv\"\n",
                       "source = \"od\"\nfile = \"od.csv\"\nclass = \"lorry\"\n"
                       "profile = [[\"07:00\", 1.0], [\"08:00\", 0.0]]\n");
  require_error(files, {"scenario.toml", 10, "demand.class", "lorry"});
}

TEST_CASE("an OD row of an unknown vehicle class names the row and the column") {
  ScenarioFiles files;
  files.extra_files = {{"od.csv", "origin,destination,trips,class\na,c,4,truck\nc,a,2,lorry\n"}};
  files.toml = replace(files.toml, "source = \"trips\"\nfile = \"trips.csv\"\n",
                       "source = \"od\"\nfile = \"od.csv\"\n"
                       "profile = [[\"07:00\", 1.0], [\"08:00\", 0.0]]\n");
  require_error(files, {"od.csv", 3, "class", "unknown vehicle class 'lorry'"});
}

TEST_CASE("a vehicle class with an unknown emission category is rejected with a suggestion") {
  ScenarioFiles files;
  files.toml += "\n[[vehicle_classes]]\nname = \"van\"\nemission = \"diesel_cra\"\n";
  require_error(files,
                {"scenario.toml", 19, "vehicle_classes[0].emission", "did you mean 'diesel_car'?"});
}
