// Variant files that extend a base ([scenario] base, scenario/scenario_bases.hpp): a variant
// builds the scenario its written-out-in-full twin builds, arrays of tables append, replace
// drops the base's value, relative paths in a base are taken from the base's folder, and
// missing bases, cycles and unknown keys are errors naming the file, line and key.

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "scenario/scenario_file.hpp"
#include "toy_files.hpp"

namespace {

using arteria::Scenario;
using arteria::testing::input_error_of;
using arteria::testing::TempDir;

// A base in its own folder beside the folder of its variants: relative paths in the base must
// be taken from base/, not from the variant's folder.
struct BaseAndVariants {
  TempDir dir;
  std::string base;

  BaseAndVariants() {
    std::filesystem::create_directories(dir.path / "base");
    std::filesystem::create_directories(dir.path / "variants");
    dir.write("base/nodes.csv", "id,x_m,y_m\na,0,0\nb,500,0\nc,1000,0\n");
    dir.write("base/links.csv",
              "id,from,to,length_m,lanes,free_speed_kmh,capacity_vph\n"
              "ab,a,b,500,1,50,900\nba,b,a,500,1,50,900\nbc,b,c,500,1,50,900\n"
              "cb,c,b,500,1,50,900\n");
    dir.write("base/trips.csv",
              "id,origin,destination,depart\nt1,a,c,07:00\nt2,c,a,07:10\nt3,a,b,07:20\n");
    base = dir.write("base/base.toml", base_text());
  }

  static std::string base_text() {
    return "[scenario]\nname = \"base\"\n\n"
           "[network]\nsource = \"csv\"\nnodes = \"nodes.csv\"\nlinks = \"links.csv\"\n\n"
           "[demand]\nsource = \"trips\"\nfile = \"trips.csv\"\n\n"
           "[simulation]\nstart = \"06:00\"\nend = \"09:00\"\nseed = 4\n\n"
           "[[events]]\ntime = \"07:00\"\naction = \"close_link\"\nlink = \"ab\"\n\n"
           "[output]\nfile = \"base.h5\"\nbin_s = 600\n";
  }

  std::string variant(const std::string& name, const std::string& text) const {
    return dir.write("variants/" + name, text);
  }
};

void require_same_scenario(const Scenario& a, const Scenario& b) {
  CHECK(a.network.link_external_id == b.network.link_external_id);
  CHECK(a.network.link_length_m == b.network.link_length_m);
  CHECK(a.network.link_capacity_vph == b.network.link_capacity_vph);
  CHECK(a.network.link_free_speed_mps == b.network.link_free_speed_mps);
  CHECK(a.network.node_x_m == b.network.node_x_m);
  CHECK(a.demand.trip_external_id == b.demand.trip_external_id);
  CHECK(a.demand.trip_origin == b.demand.trip_origin);
  CHECK(a.demand.trip_destination == b.demand.trip_destination);
  CHECK(a.demand.trip_depart_s == b.demand.trip_depart_s);
  REQUIRE(a.events.size() == b.events.size());
  for (std::size_t i = 0; i < a.events.size(); ++i) {
    CHECK(a.events[i].time_s == b.events[i].time_s);
    CHECK(a.events[i].kind == b.events[i].kind);
    CHECK(a.events[i].target == b.events[i].target);
    CHECK(a.events[i].value == b.events[i].value);
  }
  CHECK(a.sim.start_s == b.sim.start_s);
  CHECK(a.sim.end_s == b.sim.end_s);
  CHECK(a.sim.seed == b.sim.seed);
  CHECK(a.output.bin_s == b.output.bin_s);
  CHECK(a.output.file == b.output.file);
  CHECK(a.name == b.name);
}

}  // namespace

TEST_CASE("A variant that extends a base builds the scenario written out in full") {
  BaseAndVariants files;
  const std::string variant =
      files.variant("closure.toml",
                    "[scenario]\nname = \"closure\"\nbase = \"../base/base.toml\"\n\n"
                    "[simulation]\nseed = 9\n\n"
                    "[[events]]\ntime = \"07:30\"\naction = \"close_link\"\nlink = \"bc\"\n\n"
                    "[[events]]\ntime = \"06:00\"\naction = \"scale_demand\"\nvalue = 1.5\n");
  const std::string full =
      files.variant("closure_full.toml",
                    "[scenario]\nname = \"closure\"\n\n"
                    "[network]\nsource = \"csv\"\nnodes = \"../base/nodes.csv\"\n"
                    "links = \"../base/links.csv\"\n\n"
                    "[demand]\nsource = \"trips\"\nfile = \"../base/trips.csv\"\n\n"
                    "[simulation]\nstart = \"06:00\"\nend = \"09:00\"\nseed = 9\n\n"
                    "[[events]]\ntime = \"07:00\"\naction = \"close_link\"\nlink = \"ab\"\n\n"
                    "[[events]]\ntime = \"07:30\"\naction = \"close_link\"\nlink = \"bc\"\n\n"
                    "[[events]]\ntime = \"06:00\"\naction = \"scale_demand\"\nvalue = 1.5\n\n"
                    // Not inherited: a variant writes its own file, named after it.
                    "[output]\nfile = \"closure.h5\"\nbin_s = 600\n");
  const Scenario extended = arteria::load_scenario(variant);
  require_same_scenario(extended, arteria::load_scenario(full));
  CHECK(extended.events.size() == 3);  // the base's closure and the variant's two: appended
  CHECK(extended.files.at(1) == files.base);

  SECTION("the fingerprint covers the base: editing it changes the variant's") {
    const std::string before = extended.sha256;
    CHECK(arteria::load_scenario(variant).sha256 == before);
    arteria::testing::write_text(files.base, BaseAndVariants::base_text() + "# edited\n");
    CHECK(arteria::load_scenario(variant).sha256 != before);
  }
}

TEST_CASE("A variant names itself, and replace drops the base's value") {
  BaseAndVariants files;
  const Scenario plain = arteria::load_scenario(
      files.variant("plain.toml", "[scenario]\nbase = \"../base/base.toml\"\n"));
  CHECK(plain.name == "plain");                                     // not the base's name
  CHECK(plain.output.file == files.dir.file("variants/plain.h5"));  // not the base's file
  CHECK(plain.output.bin_s == 600);
  CHECK(plain.events.size() == 1);

  const Scenario replaced = arteria::load_scenario(
      files.variant("replaced.toml",
                    "[scenario]\nbase = \"../base/base.toml\"\nreplace = [\"events\"]\n\n"
                    "[[events]]\ntime = \"08:00\"\naction = \"close_link\"\nlink = \"cb\"\n"));
  REQUIRE(replaced.events.size() == 1);
  CHECK(replaced.events[0].time_s == 8 * 3600.0);

  // A base of a base: the chain merges from the farthest base on.
  const Scenario second = arteria::load_scenario(
      files.variant("second.toml", "[scenario]\nbase = \"plain.toml\"\n[simulation]\nseed = 11\n"));
  CHECK(second.sim.seed == 11);
  CHECK(second.events.size() == 1);
  CHECK(second.output.file == files.dir.file("variants/second.h5"));
}

TEST_CASE("Bad bases are errors naming the file, line and key") {
  BaseAndVariants files;
  SECTION("missing base") {
    const std::string path =
        files.variant("lost.toml", "[scenario]\nname = \"lost\"\nbase = \"nowhere.toml\"\n");
    const auto error = input_error_of([&] { arteria::load_scenario(path); });
    CHECK(error.file() == path);
    CHECK(error.line() == 3);
    CHECK(error.field() == "scenario.base");
    CHECK_THAT(error.message(), Catch::Contains("nowhere.toml' does not exist"));
  }
  SECTION("a cycle") {
    const std::string a = files.variant("a.toml", "[scenario]\nbase = \"b.toml\"\n");
    files.variant("b.toml", "[scenario]\nbase = \"a.toml\"\n");
    const auto error = input_error_of([&] { arteria::load_scenario(a); });
    CHECK(error.field() == "scenario.base");
    CHECK_THAT(error.message(), Catch::Contains("cycle") && Catch::Contains("b.toml -> ") &&
                                    Catch::Contains("a.toml"));
    const std::string self = files.variant("self.toml", "[scenario]\nbase = \"self.toml\"\n");
    CHECK(input_error_of([&] { arteria::load_scenario(self); }).file() == self);
  }
  SECTION("an unknown key in the variant and in the base") {
    const std::string path = files.variant(
        "typo.toml", "[scenario]\nbase = \"../base/base.toml\"\n[simulation]\nsed = 3\n");
    const auto error = input_error_of([&] { arteria::load_scenario(path); });
    CHECK(error.file() == path);
    CHECK(error.line() == 4);
    CHECK(error.field() == "simulation.sed");
    arteria::testing::write_text(files.base,
                                 BaseAndVariants::base_text() + "[routing]\nspred = 1\n");
    const auto in_base = input_error_of([&] {
      arteria::load_scenario(
          files.variant("ok.toml", "[scenario]\nbase = \"../base/base.toml\"\n"));
    });
    CHECK(in_base.file() == files.base);
    CHECK(in_base.field() == "routing.spred");
  }
  SECTION("replace of a key the base does not have, and replace without a base") {
    const auto error = input_error_of([&] {
      arteria::load_scenario(files.variant(
          "r.toml", "[scenario]\nbase = \"../base/base.toml\"\nreplace = [\"evnts\"]\n"));
    });
    CHECK(error.field() == "scenario.replace");
    CHECK_THAT(error.message(), Catch::Contains("no 'evnts'"));
    CHECK(input_error_of([&] {
            arteria::load_scenario(files.variant("nr.toml", "[scenario]\nreplace = [\"x\"]\n"));
          }).field() == "scenario.replace");
  }
  SECTION("an event of the base that names an unknown link names the base's line") {
    arteria::testing::write_text(
        files.base, BaseAndVariants::base_text() +
                        "[[events]]\ntime = \"07:00\"\naction = \"close_link\"\nlink = \"zz\"\n");
    const auto error = input_error_of([&] {
      arteria::load_scenario(
          files.variant("ev.toml", "[scenario]\nbase = \"../base/base.toml\"\n"));
    });
    CHECK(error.file() == files.base);
    CHECK(error.line() == 29);
    CHECK(error.field() == "events[1].link");
  }
}
