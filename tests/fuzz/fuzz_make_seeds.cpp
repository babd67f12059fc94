// Makes the seeds no file in the data folder or the repository can be: small run files (the
// HDF5 targets) and a small OSM extract in both XML and PBF (the data folder has only large
// PBF files). Run by make_corpus.py:
//   fuzz_make_seeds run OUT.h5
//   fuzz_make_seeds osm IN.osm.pbf OUT_STEM LON_MIN LAT_MIN LON_MAX LAT_MAX
// The second writes OUT_STEM.osm and OUT_STEM.osm.pbf: the highways wholly inside the box, the
// nodes they use, and the turn restrictions among them.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <memory>
#include <osmium/builder/attr.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/io/any_output.hpp>
#include <osmium/memory/buffer.hpp>
#include <osmium/osm/box.hpp>
#include <string>
#include <unordered_set>
#include <vector>

#include "fuzz_input.hpp"
#include "run/run_scenario.hpp"
#include "scenario/scenario_file.hpp"

namespace {

void make_run(const std::string& out) {
  const std::string toml = out + ".toml";
  std::ofstream(toml) << arteria::fuzz::seed_scenario_toml(out);
  auto scenario = std::make_shared<const arteria::Scenario>(arteria::load_scenario(toml));
  arteria::RunOptions options;
  options.output_path = out;
  options.threads = 1;
  arteria::run_scenario(scenario, options);
  std::remove(toml.c_str());
}

void crop_osm(const std::string& in, const std::string& stem, const osmium::Box& box) {
  osmium::io::Reader reader(in);
  osmium::memory::Buffer all(1 << 20, osmium::memory::Buffer::auto_grow::yes);
  while (osmium::memory::Buffer buffer = reader.read()) {
    for (const auto& item : buffer) all.add_item(item);
    all.commit();
  }
  reader.close();

  std::unordered_set<osmium::object_id_type> inside, used, ways;
  for (const auto& node : all.select<osmium::Node>()) {
    if (box.contains(node.location())) inside.insert(node.id());
  }
  for (const auto& way : all.select<osmium::Way>()) {
    if (!way.tags().has_key("highway") || way.nodes().size() < 2) continue;
    bool whole = true;
    for (const auto& ref : way.nodes()) whole = whole && inside.count(ref.ref());
    if (!whole) continue;
    ways.insert(way.id());
    for (const auto& ref : way.nodes()) used.insert(ref.ref());
  }
  osmium::memory::Buffer kept(1 << 16, osmium::memory::Buffer::auto_grow::yes);
  for (const auto& object : all.select<osmium::OSMObject>()) {
    bool keep = false;
    if (object.type() == osmium::item_type::node) keep = used.count(object.id()) > 0;
    if (object.type() == osmium::item_type::way) keep = ways.count(object.id()) > 0;
    if (object.type() == osmium::item_type::relation) {
      const auto& relation = static_cast<const osmium::Relation&>(object);
      keep = relation.tags().has_tag("type", "restriction");
      for (const auto& member : relation.members()) {
        const auto& set = member.type() == osmium::item_type::node ? used : ways;
        keep = keep && set.count(member.ref()) > 0;
      }
    }
    if (keep) {
      kept.add_item(object);
      kept.commit();
    }
  }
  for (const char* suffix : {".osm", ".osm.pbf"}) {
    osmium::io::File file(stem + suffix);
    file.set("add_metadata", "false");  // versions, users and times: bytes no reader looks at
    osmium::io::Writer writer(file, osmium::io::overwrite::allow);
    writer(osmium::memory::Buffer(kept.data(), kept.committed()));
    writer.close();
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() == 2 && args[0] == "run") {
      make_run(args[1]);
    } else if (args.size() == 7 && args[0] == "osm") {
      const osmium::Box box(std::atof(argv[4]), std::atof(argv[5]), std::atof(argv[6]),
                            std::atof(argv[7]));
      crop_osm(args[1], args[2], box);
    } else {
      std::fprintf(stderr, "usage: fuzz_make_seeds run OUT.h5 | osm IN OUT_STEM W S E N\n");
      return 2;
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "fuzz_make_seeds: %s\n", error.what());
    return 1;
  }
  return 0;
}
