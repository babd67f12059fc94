// Internal to the OSM importer: the Osmosis polygon filter format (.poly): a name line, then
// sections of "lon lat" lines each closed by END ('!'-named sections are holes), then END.
#include <fstream>
#include <sstream>

#include "base/csv.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
#include "formats/osm/osm_internal.hpp"

namespace arteria::osm {

Polygon Polygon::read(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path, 0, "", "cannot open polygon file");
  Polygon polygon;
  std::string line;
  std::size_t number = 0;
  const auto next = [&]() {
    while (std::getline(in, line)) {
      ++number;
      line = std::string(trim(line));
      if (!line.empty()) return true;
    }
    return false;
  };
  if (!next()) throw InputError(path, 0, "name", "polygon file is empty");
  bool closed = false;
  while (next()) {
    if (line == "END") {
      closed = true;
      break;
    }
    Ring ring;
    ring.hole = line.front() == '!';
    const std::size_t section_line = number;
    bool ring_closed = false;
    while (next()) {
      if (line == "END") {
        ring_closed = true;
        break;
      }
      std::istringstream fields(line);
      std::string lon_text, lat_text, extra;
      fields >> lon_text >> lat_text >> extra;
      const auto lon = parse_number(lon_text);
      const auto lat = parse_number(lat_text);
      if (!lon || !lat || !extra.empty() || std::abs(*lon) > 180.0 || std::abs(*lat) > 90.0) {
        throw InputError(path, number, "coordinate",
                         "expected 'longitude latitude' in degrees, got '" + line + "'");
      }
      ring.points.emplace_back(*lon, *lat);
    }
    if (!ring_closed) throw InputError(path, number, "END", "section is not closed by END");
    if (ring.points.size() < 3) {
      throw InputError(path, section_line, "coordinate", "a ring needs at least 3 points");
    }
    ring.min_lon = ring.max_lon = ring.points[0].first;
    ring.min_lat = ring.max_lat = ring.points[0].second;
    for (const auto& [lon, lat] : ring.points) {
      ring.min_lon = std::min(ring.min_lon, lon);
      ring.max_lon = std::max(ring.max_lon, lon);
      ring.min_lat = std::min(ring.min_lat, lat);
      ring.max_lat = std::max(ring.max_lat, lat);
    }
    polygon.rings_.push_back(std::move(ring));
  }
  if (!closed) throw InputError(path, number, "END", "polygon file does not end with END");
  if (polygon.rings_.empty()) throw InputError(path, number, "", "polygon file has no ring");
  return polygon;
}

bool Polygon::contains(double lon, double lat) const {
  // Even-odd rule per ring: inside some outer ring and inside no hole.
  bool inside_outer = false;
  for (const Ring& ring : rings_) {
    if (lon < ring.min_lon || lon > ring.max_lon || lat < ring.min_lat || lat > ring.max_lat) {
      continue;
    }
    bool inside = false;
    const auto& p = ring.points;
    for (std::size_t i = 0, j = p.size() - 1; i < p.size(); j = i++) {
      if ((p[i].second > lat) != (p[j].second > lat) &&
          lon < (p[j].first - p[i].first) * (lat - p[i].second) / (p[j].second - p[i].second) +
                    p[i].first) {
        inside = !inside;
      }
    }
    if (inside && ring.hole) return false;
    if (inside) inside_outer = true;
  }
  return inside_outer;
}

}  // namespace arteria::osm
