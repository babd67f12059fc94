// TNTP units: every accepted unit converts right; a header's units are found; an option beats
// the header, the header beats the known networks, and a default is said to be one; the speed
// check warns about a network read in the wrong units and not about the shipped ones.
#include <catch2/catch.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "base/import_log.hpp"
#include "base/value_ranges.hpp"
#include "formats/tntp/tntp_reader.hpp"
#include "scenario/scenario_file.hpp"
#include "toy_files.hpp"

using namespace arteria;
using arteria::testing::input_error_of;
using arteria::testing::TempDir;

namespace {

std::string tntp_file(const std::string& network, const std::string& kind) {
  return std::string(ARTERIA_DATA_DIR) + "/tntp/" + network + "/" + network + "_" + kind + ".tntp";
}

struct ToyLink {
  int from, to;
  double length, fft;
};

// A _net file of three nodes with `links`, capacity 1800, BPR 0.15 / 4; `header` goes between
// <FIRST THRU NODE> and <END OF METADATA>, `comment` is the '~' line above the links.
std::string toy_net(const std::vector<ToyLink>& links, const std::string& header = "",
                    const std::string& comment =
                        "~\tinit_node\tterm_node\tcapacity\tlength\tfree_flow_time\tb\tpower\t"
                        "speed\ttoll\tlink_type\t;") {
  std::string text = "<NUMBER OF ZONES> 0\n<NUMBER OF NODES> 3\n<FIRST THRU NODE> 1\n" + header +
                     "<NUMBER OF LINKS> " + std::to_string(links.size()) +
                     "\n<END OF METADATA>\n\n\n" + comment + "\n";
  for (const ToyLink& l : links) {
    text += "\t" + std::to_string(l.from) + "\t" + std::to_string(l.to) + "\t1800\t" +
            std::to_string(l.length) + "\t" + std::to_string(l.fft) + "\t0.15\t4\t0\t0\t1\t;\n";
  }
  return text;
}

TntpNetworkOptions units(const std::string& length, const std::string& time) {
  TntpNetworkOptions options;
  options.length_unit = length;
  options.time_unit = time;
  return options;
}

}  // namespace

TEST_CASE("each TNTP length and time unit converts to SI") {
  TempDir dir;
  // 100 length units in 100 time units: slow enough for every pair to stay below the speed cap.
  const std::string path = dir.write("Toy_net.tntp", toy_net({{1, 2, 100.0, 100.0}}));
  const std::vector<std::pair<std::string, double>> lengths = {
      {"mi", 1609.344}, {"km", 1000.0}, {"m", 1.0}, {"ft", 0.3048}};
  for (const auto& [unit, metres] : lengths) {
    INFO(unit);
    const TntpNetwork net = read_tntp_network(path, units(unit, "h"));
    CHECK(net.units.length.name == unit);
    CHECK(net.units.length.origin == TntpUnitOrigin::option);
    CHECK(net.spec.links[0].length_m == Approx(std::max(100.0 * metres, 10.0)));
    CHECK(net.bpr[0].length == 100.0);  // the BPR table keeps the file's numbers
  }
  // Each time unit with a length unit that keeps the speed within the valid range (1 km/h up).
  const std::vector<std::tuple<std::string, double, std::string, double>> times = {
      {"min", 60.0, "km", 1000.0}, {"s", 1.0, "m", 1.0}, {"h", 3600.0, "mi", 1609.344}};
  for (const auto& [unit, seconds, length_unit, metres] : times) {
    INFO(unit);
    const TntpNetwork net = read_tntp_network(path, units(length_unit, unit));
    CHECK(net.units.time.name == unit);
    CHECK(net.spec.links[0].free_speed_mps == Approx(100.0 * metres / (100.0 * seconds)));
  }
}

TEST_CASE("a TNTP link slower than the valid speeds runs at the slowest one") {
  TempDir dir;
  // 100 m in 100 minutes: 0.06 km/h.
  const std::string path = dir.write("Toy_net.tntp", toy_net({{1, 2, 100.0, 100.0}}));
  const TntpNetwork net = read_tntp_network(path, units("m", "min"));
  CHECK(net.spec.links[0].free_speed_mps == Approx(valid::free_speed_mps.min));
}

TEST_CASE("units stated in a TNTP header are used, an option overrides them") {
  TempDir dir;
  SECTION("Anaheim's <ORIGINAL HEADER> says feet and minutes") {
    const TntpNetwork net = read_tntp_network(tntp_file("Anaheim", "net"));
    CHECK(net.units.length.name == "ft");
    CHECK(net.units.length.origin == TntpUnitOrigin::metadata);
    CHECK(net.units.length.evidence == "<ORIGINAL HEADER>: Length (ft)");
    CHECK(net.units.time.name == "min");
    CHECK(net.units.time.origin == TntpUnitOrigin::metadata);
  }
  SECTION("a '~' column header with bracketed units and other spellings") {
    const std::string path = dir.write(
        "Toy_net.tntp",
        toy_net({{1, 2, 2.0, 120.0}}, "",
                "~ init_node term_node capacity(veh/h) length [Miles] free_flow_time [sec] b "
                "power speed(km/h) toll link_type ;"));
    const TntpNetwork net = read_tntp_network(path);
    CHECK(net.units.length.name == "mi");
    CHECK(net.units.length.evidence == "line 8: length [Miles]");
    CHECK(net.units.time.name == "s");
    CHECK(net.units.time.origin == TntpUnitOrigin::metadata);
    CHECK(net.spec.links[0].free_speed_mps == Approx(2 * 1609.344 / 120.0));
  }
  SECTION("the header beats the known network, an option beats the header") {
    // Named like Sioux Falls (known: miles), but the header says kilometres.
    const std::string path = dir.write(
        "SiouxFalls_net.tntp",
        toy_net({{1, 2, 6.0, 6.0}},
                "<ORIGINAL HEADER>~\tInit node\tTerm node\tCapacity\tLength (km)\tFree Flow "
                "Time\tB\tPower\tSpeed\tToll\tType\t;\n"));
    const TntpNetwork header = read_tntp_network(path);
    CHECK(header.units.length.name == "km");
    CHECK(header.units.length.origin == TntpUnitOrigin::metadata);
    CHECK(header.units.time.name == "min");  // no unit for the time: the known network's
    CHECK(header.units.time.origin == TntpUnitOrigin::known_network);
    const TntpNetwork option = read_tntp_network(path, units("ft", ""));
    CHECK(option.units.length.name == "ft");
    CHECK(option.units.length.origin == TntpUnitOrigin::option);
    CHECK(option.spec.links[0].length_m == Approx(10.0));  // 6 ft, raised to the 10 m floor
  }
  SECTION("a unit the reader does not know is reported, not guessed") {
    const std::string path = dir.write(
        "Toy_net.tntp",
        toy_net({{1, 2, 1.0, 1.0}}, "<ORIGINAL HEADER>~ Tail Head Length (furlongs) ;\n"));
    const TntpNetwork net = read_tntp_network(path);
    CHECK(net.units.length.origin == TntpUnitOrigin::default_unit);
    REQUIRE(net.unit_problems.size() == 1);
    CHECK(net.unit_problems[0] ==
          "<ORIGINAL HEADER>: 'Length (furlongs)' is not a length unit we know");
  }
  SECTION("the known networks and the default") {
    CHECK(read_tntp_network(tntp_file("SiouxFalls", "net")).units.length.origin ==
          TntpUnitOrigin::known_network);
    const TntpNetwork toy = read_tntp_network(dir.write("Toy_net.tntp", toy_net({{1, 2, 1, 1}})));
    CHECK(toy.units.length.name == "km");
    CHECK(toy.units.length.origin == TntpUnitOrigin::default_unit);
    CHECK(toy.units.time.origin == TntpUnitOrigin::default_unit);
    CHECK(tntp_units_text(toy.units) == "lengths in km (default), times in min (default)");
  }
}

TEST_CASE("implausible implied speeds warn, naming the file, the count, a link and the option") {
  TempDir dir;
  // Lengths in miles and times in seconds (30 to 60 mph): read as the default km and minutes,
  // the first three run at 0.5 to 1 km/h.
  const std::string path = dir.write(
      "Toy_net.tntp",
      toy_net({{1, 2, 1.0, 60.0}, {2, 3, 0.5, 60.0}, {3, 1, 2.0, 180.0}, {2, 1, 1.0, 0.0}}));
  const TntpNetwork wrong = read_tntp_network(path);
  const TntpSpeedCheck check = check_tntp_speeds(wrong);
  CHECK(check.links_checked == 3);  // the link with no time is not checked
  CHECK(check.implausible == 3);
  CHECK(check.example == 0);
  CHECK(check.example_kmh == Approx(1.0));
  const std::string warning = tntp_speed_warning(wrong, check);
  CHECK(warning.find(path + ": 3 of 3 links") == 0);
  CHECK(warning.find("link 1 (1 -> 2)") != std::string::npos);
  CHECK(warning.find("--length-unit") != std::string::npos);
  CHECK(warning.find("length_unit") != std::string::npos);

  const TntpNetwork right = read_tntp_network(path, units("mi", "s"));
  CHECK(check_tntp_speeds(right).implausible == 0);
  CHECK(tntp_speed_warning(right, check_tntp_speeds(right)).empty());

  for (const char* name : {"SiouxFalls", "Anaheim", "Barcelona", "Winnipeg", "Braess"}) {
    INFO(name);
    const TntpNetwork net = read_tntp_network(tntp_file(name, "net"));
    CHECK(tntp_speed_warning(net, check_tntp_speeds(net)).empty());
  }
  // Braess is a made-up example (100 length units in 1e-8 time units): not checked.
  const TntpNetwork braess = read_tntp_network(tntp_file("Braess", "net"));
  CHECK(braess.units.abstract);
  CHECK(check_tntp_speeds(braess).implausible == 3);
}

TEST_CASE("TNTP units in scenario files: keys, the import log, bad values") {
  TempDir dir;
  const std::string net = dir.write(
      "Toy_net.tntp", toy_net({{1, 2, 1.0, 60.0}, {2, 3, 0.5, 60.0}, {3, 1, 2.0, 180.0}}));
  const std::string trips =
      dir.write("Toy_trips.tntp",
                "<NUMBER OF ZONES> 3\n<TOTAL OD FLOW> 10\n<END OF METADATA>\n\nOrigin 1\n"
                "    3 :    10.0;\n");
  auto scenario = [&](const std::string& keys) {
    return dir.write("s.toml", "[network]\nsource = \"tntp\"\nnet = \"" + net + "\"\n" + keys +
                                   "\n[demand]\nsource = \"tntp\"\nfile = \"" + trips +
                                   "\"\nprofile = [[\"07:00\", 1], [\"08:00\", 0]]\n"
                                   "\n[simulation]\nstart = \"07:00\"\nend = \"09:00\"\n");
  };
  SECTION("the units and their origin are logged; defaults and bad speeds warn") {
    ImportLog log;
    {
      ImportLogScope scope(log);
      load_scenario(scenario(""));
    }
    REQUIRE(!log.notes.empty());
    CHECK(log.notes[0].find("lengths in km (default), times in min (default)") !=
          std::string::npos);
    REQUIRE(log.warnings.size() == 3);
    CHECK(log.warnings[0].find("nothing states its length unit") != std::string::npos);
    CHECK(log.warnings[1].find("nothing states its time unit") != std::string::npos);
    CHECK(log.warnings[2].find("3 of 3 links imply a speed") != std::string::npos);
  }
  SECTION("length_unit and time_unit keys") {
    ImportLog log;
    Scenario s;
    {
      ImportLogScope scope(log);
      s = load_scenario(scenario("length_unit = \"mi\"\ntime_unit = \"s\""));
    }
    CHECK(log.notes[0].find("lengths in mi (option), times in s (option)") != std::string::npos);
    CHECK(log.warnings.empty());
    CHECK(s.network.link_length_m[s.network.find_link("1")] == Approx(1609.344));
  }
  SECTION("an unknown unit names the file, line, key and the allowed values") {
    const std::string path = scenario("length_unit = \"furlong\"");
    const InputError e = input_error_of([&] { load_scenario(path); });
    CHECK(e.file() == path);
    CHECK(e.line() == 4);
    CHECK(e.field() == "network.length_unit");
    CHECK(std::string(e.what()).find("\"mi\", \"km\", \"m\", \"ft\"") != std::string::npos);
    const InputError t = input_error_of([&] { load_scenario(scenario("time_unit = \"days\"")); });
    CHECK(t.field() == "network.time_unit");
    CHECK(std::string(t.what()).find("\"min\", \"s\", \"h\"") != std::string::npos);
  }
  SECTION("an unknown unit given to the reader names the option") {
    const InputError e = input_error_of([&] { read_tntp_network(net, units("yd", "")); });
    CHECK(e.file() == net);
    CHECK(e.field() == "length_unit");
    CHECK(std::string(e.what()).find("mi, km, m, ft") != std::string::npos);
  }
}
