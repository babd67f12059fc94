// Passengers from CSV files: listed one by one (read_passengers_csv) or as counts between pairs
// of stops (generate_passengers_from_od). Formats and error behaviour: docs/USER_GUIDE.md "Transit
// and passengers".
#include "model/passenger_demand.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "base/csv.hpp"
#include "base/did_you_mean.hpp"
#include "base/id_map.hpp"
#include "base/projection.hpp"
#include "base/rng.hpp"
#include "base/text.hpp"

namespace arteria {
namespace {

// More passengers than this on one OD row is almost surely a typo, and would exhaust memory.
constexpr double max_od_row_count = 1e7;

// Opens `path` like CsvReader does, adding the closest expected name to an unknown column.
CsvReader open_csv(const std::string& path, const std::vector<std::string>& required,
                   const std::vector<std::string>& optional) {
  try {
    return CsvReader(path, required, optional);
  } catch (const InputError& error) {
    std::vector<std::string> known = required;
    known.insert(known.end(), optional.begin(), optional.end());
    const bool unknown_column = error.line() == 1 && !error.field().empty() &&
                                std::find(known.begin(), known.end(), error.field()) == known.end();
    const std::string hint = unknown_column ? did_you_mean(error.field(), known) : "";
    if (hint.empty() || error.message().find("did you mean") != std::string::npos) throw;
    throw InputError(error.file(), error.line(), error.field(), error.message() + hint);
  }
}

// Stop ids of the timetable by id, built once per file so that each row is one hash look-up.
class StopLookup {
 public:
  explicit StopLookup(const Timetable& timetable) : timetable_(timetable) {
    by_id_.reserve(timetable.stop_id.size());
    for (Index s = 0; s < timetable.stop_count(); ++s) by_id_.emplace(timetable.stop_id[s], s);
  }

  // The stop named in `column` of the current row; an unknown id fails naming it.
  Index resolve(const CsvReader& in, const std::string& column) const {
    const std::string id = in.text(column);
    const auto it = by_id_.find(id);
    if (it == by_id_.end()) {
      in.fail(column, "unknown stop '" + id + "': no such stop_id in " + timetable_.source +
                          did_you_mean(id, timetable_.stop_id));
    }
    return it->second;
  }

 private:
  const Timetable& timetable_;
  IdMap by_id_;
};

// The columns that can give one end of a passenger's journey; `name` is "origin" or
// "destination".
struct EndColumns {
  std::string name, stop, lat, lon, x, y;
  explicit EndColumns(const std::string& end)
      : name(end),
        stop(end + "_stop"),
        lat(end + "_lat"),
        lon(end + "_lon"),
        x(end + "_x"),
        y(end + "_y") {}
  std::string forms() const {
    return stop + ", or " + lat + " and " + lon + ", or " + x + " and " + y;
  }
};

const EndColumns origin_columns("origin");
const EndColumns destination_columns("destination");

// The header must allow at least one form of the end, and a position needs both its columns.
void check_end_header(const CsvReader& in, const EndColumns& c) {
  for (const auto& [a, b] : {std::pair{c.lat, c.lon}, std::pair{c.x, c.y}}) {
    if (in.has_column(a) != in.has_column(b)) {
      const std::string& missing = in.has_column(a) ? b : a;
      const std::string& present = in.has_column(a) ? a : b;
      throw InputError(in.path(), 1, missing,
                       "column is missing: '" + present + "' needs '" + missing + "'");
    }
  }
  if (!in.has_column(c.stop) && !in.has_column(c.lat) && !in.has_column(c.x)) {
    throw InputError(in.path(), 1, c.stop,
                     "no " + c.name + " columns: the header needs " + c.forms());
  }
}

std::optional<std::string> text_if_column(const CsvReader& in, const std::string& column) {
  return in.has_column(column) ? in.optional_text(column) : std::nullopt;
}

std::optional<double> number_if_column(const CsvReader& in, const std::string& column) {
  return in.has_column(column) ? in.optional_number(column) : std::nullopt;
}

// Reads one end of the current row, which must give exactly one of its forms.
PassengerEnd read_end(const CsvReader& in, const EndColumns& c, const StopLookup& stops,
                      const Timetable& timetable) {
  const bool has_stop = text_if_column(in, c.stop).has_value();
  const auto lat = number_if_column(in, c.lat);
  const auto lon = number_if_column(in, c.lon);
  const auto x = number_if_column(in, c.x);
  const auto y = number_if_column(in, c.y);
  if (lat.has_value() != lon.has_value()) {
    in.fail(lat ? c.lon : c.lat,
            "is empty but " + (lat ? c.lat : c.lon) + " is given; a position needs both");
  }
  if (x.has_value() != y.has_value()) {
    in.fail(x ? c.y : c.x, "is empty but " + (x ? c.x : c.y) + " is given; a position needs both");
  }
  std::vector<std::string> given;
  if (has_stop) given.push_back(c.stop);
  if (lat) given.push_back(c.lat + "/" + c.lon);
  if (x) given.push_back(c.x + "/" + c.y);
  if (given.empty()) {
    const std::string& field = in.has_column(c.stop) ? c.stop : in.has_column(c.lat) ? c.lat : c.x;
    in.fail(field, "no " + c.name + " given: the row needs " + c.forms());
  }
  if (given.size() > 1) {
    const std::string field = has_stop ? (lat ? c.lat : c.x) : c.x;
    in.fail(field, c.name + " given twice (" + given[0] + " and " + given[1] +
                       "); give exactly one of " + c.forms());
  }
  if (has_stop) return stop_end(timetable, stops.resolve(in, c.stop));
  PassengerEnd end;
  if (x) {
    end.x_m = *x;
    end.y_m = *y;
    return end;
  }
  if (std::abs(*lat) > 90.0) in.fail(c.lat, "latitude must be within [-90, 90]");
  if (std::abs(*lon) > 180.0) in.fail(c.lon, "longitude must be within [-180, 180]");
  EquirectangularFrame{timetable.origin_lat_deg, timetable.origin_lon_deg}.to_metres(
      *lat, *lon, end.x_m, end.y_m);
  return end;
}

// Where each passenger id already in `demand` came from, to report duplicates.
std::unordered_map<std::string, Index> index_ids(const PassengerDemand& demand) {
  std::unordered_map<std::string, Index> index;
  index.reserve(demand.id.size());
  for (Index p = 0; p < demand.count(); ++p) index.emplace(demand.id[p], p);
  return index;
}

std::string place_of(const PassengerDemand& demand, Index passenger) {
  const SourceRef where = demand.where[passenger];
  return demand.files[where.file] + ":" + std::to_string(where.line);
}

// Undoes a partly read file, so that a failed read leaves `demand` as it was.
void truncate(PassengerDemand& demand, std::size_t files, Index passengers) {
  demand.files.resize(files);
  demand.id.resize(passengers);
  demand.depart_s.resize(passengers);
  demand.origin_stop.resize(passengers);
  demand.origin_x_m.resize(passengers);
  demand.origin_y_m.resize(passengers);
  demand.destination_stop.resize(passengers);
  demand.destination_x_m.resize(passengers);
  demand.destination_y_m.resize(passengers);
  demand.where.resize(passengers);
}

// Runs `read`, which appends to `demand`; when it throws, `demand` is put back as it was.
template <class Read>
void append_or_nothing(PassengerDemand& demand, Read&& read) {
  const std::size_t files = demand.files.size();
  const Index passengers = demand.count();
  try {
    read();
  } catch (...) {
    truncate(demand, files, passengers);
    throw;
  }
}

[[noreturn]] void fail_no_rows(const CsvReader& in, const std::string& what) {
  throw InputError(in.path(), 0, "", "has a header but no " + what);
}

}  // namespace

PassengerEnd stop_end(const Timetable& timetable, Index stop) {
  return PassengerEnd{stop, timetable.stop_x_m[stop], timetable.stop_y_m[stop]};
}

std::uint32_t add_passenger_source(PassengerDemand& demand, std::string name) {
  demand.files.push_back(std::move(name));
  return static_cast<std::uint32_t>(demand.files.size() - 1);
}

void add_passenger(PassengerDemand& demand, std::string id, double depart_s,
                   const PassengerEnd& origin, const PassengerEnd& destination, SourceRef where) {
  demand.id.push_back(std::move(id));
  demand.depart_s.push_back(depart_s);
  demand.origin_stop.push_back(origin.stop);
  demand.origin_x_m.push_back(origin.x_m);
  demand.origin_y_m.push_back(origin.y_m);
  demand.destination_stop.push_back(destination.stop);
  demand.destination_x_m.push_back(destination.x_m);
  demand.destination_y_m.push_back(destination.y_m);
  demand.where.push_back(where);
}

void read_passengers_csv(const std::string& path, const Timetable& timetable,
                         PassengerDemand& demand) {
  std::vector<std::string> optional;
  for (const EndColumns* c : {&origin_columns, &destination_columns}) {
    optional.insert(optional.end(), {c->stop, c->lat, c->lon, c->x, c->y});
  }
  CsvReader in = open_csv(path, {"id", "depart"}, optional);
  check_end_header(in, origin_columns);
  check_end_header(in, destination_columns);
  const StopLookup stops(timetable);
  auto index_of_id = index_ids(demand);
  append_or_nothing(demand, [&] {
    const std::uint32_t file = add_passenger_source(demand, path);
    const Index first = demand.count();
    while (in.next()) {
      std::string id = in.text("id");
      const auto [it, inserted] = index_of_id.emplace(id, demand.count());
      if (!inserted) {
        in.fail("id", "duplicate passenger id '" + id + "' (first at " +
                          place_of(demand, it->second) + ")");
      }
      const double depart_s = in.time_of_day("depart");
      const PassengerEnd origin = read_end(in, origin_columns, stops, timetable);
      const PassengerEnd destination = read_end(in, destination_columns, stops, timetable);
      if (origin.stop != invalid_index && origin.stop == destination.stop) {
        in.fail(destination_columns.stop, "is the same stop as origin_stop ('" +
                                              in.text("origin_stop") +
                                              "'); the passenger would not travel");
      }
      add_passenger(demand, std::move(id), depart_s, origin, destination,
                    SourceRef{file, static_cast<std::uint32_t>(in.line())});
    }
    if (demand.count() == first) fail_no_rows(in, "passengers");
  });
}

void generate_passengers_from_od(const std::string& path, const Timetable& timetable,
                                 std::uint64_t seed, PassengerDemand& demand) {
  CsvReader in = open_csv(path, {"origin_stop", "destination_stop", "count", "start", "end"}, {});
  const StopLookup stops(timetable);
  append_or_nothing(demand, [&] {
    const std::uint32_t file = add_passenger_source(demand, path);
    bool any_row = false;
    while (in.next()) {
      any_row = true;
      const Index origin = stops.resolve(in, "origin_stop");
      const Index destination = stops.resolve(in, "destination_stop");
      const double count = in.non_negative("count");
      if (count > max_od_row_count) {
        in.fail("count", "more than " + std::to_string(static_cast<long>(max_od_row_count)) +
                             " passengers on one row; is it a typo?");
      }
      const double start_s = in.time_of_day("start");
      const double end_s = in.time_of_day("end");
      if (!(end_s > start_s)) {
        in.fail("end", "must be after start (" + format_time_of_day(start_s) + "), got " +
                           format_time_of_day(end_s));
      }
      if (origin == destination && count > 0.0) {
        in.fail("destination_stop", "is the same stop as origin_stop ('" + in.text("origin_stop") +
                                        "') with a count above 0; the passengers would not travel");
      }
      // The row's line keys its draws, so editing another row never changes this one's passengers.
      const std::uint64_t row = in.line();
      auto passengers = static_cast<std::uint64_t>(std::floor(count));
      const double fraction = count - std::floor(count);
      if (fraction > 0.0 &&
          random_unit(seed, row, 0, RandomPurpose::passenger_rounding) < fraction) {
        ++passengers;
      }
      const SourceRef where{file, static_cast<std::uint32_t>(row)};
      const PassengerEnd from = stop_end(timetable, origin);
      const PassengerEnd to = stop_end(timetable, destination);
      const std::string prefix = "od" + std::to_string(row) + "#";
      const double latest_s = std::nextafter(end_s, start_s);  // the window excludes its end
      for (std::uint64_t k = 0; k < passengers; ++k) {
        const double u = random_unit(seed, row, k, RandomPurpose::passenger_departure_time);
        const double depart_s = std::min(start_s + u * (end_s - start_s), latest_s);
        add_passenger(demand, prefix + std::to_string(k), depart_s, from, to, where);
      }
    }
    if (!any_row) fail_no_rows(in, "OD rows");
  });
}

}  // namespace arteria
