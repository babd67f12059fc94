// Reads stop_times.txt: groups rows by trip in stop_sequence order, fills blank times between
// timed stops in proportion to distance (as GTFS asks consumers to), and checks the timetable.
#include "formats/gtfs/gtfs_stop_times.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "base/csv.hpp"
#include "base/error.hpp"
#include "base/text.hpp"

namespace arteria {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

struct Columns {
  std::size_t trip, arrival, departure, stop, sequence, timepoint, dist, pickup, drop_off;
};

// Distance along the trip from stop time `a` to each stop time up to `z`: shape_dist_traveled
// when every one of them has it and it never decreases, else the straight line between stops,
// else (stops at one place) the count of stops, so times are at least spread evenly.
void distances(const GtfsFeed& feed, Index a, Index z, std::vector<double>& along) {
  along.assign(z - a + 1, 0.0);
  bool use_dist = true;
  for (Index k = a; k <= z && use_dist; ++k) {
    use_dist = !std::isnan(feed.stop_time_dist[k]) &&
               (k == a || feed.stop_time_dist[k] >= feed.stop_time_dist[k - 1]);
  }
  for (Index k = a + 1; k <= z; ++k) {
    double step = 0.0;
    if (use_dist) {
      step = feed.stop_time_dist[k] - feed.stop_time_dist[k - 1];
    } else {
      const Index s = feed.stop_time_stop[k];
      const Index p = feed.stop_time_stop[k - 1];
      step = std::hypot(feed.stop_x_m[s] - feed.stop_x_m[p], feed.stop_y_m[s] - feed.stop_y_m[p]);
    }
    along[k - a] = along[k - a - 1] + step;
  }
  if (!(along.back() > 0.0)) std::iota(along.begin(), along.end(), 0.0);
}

class StopTimesReader {
 public:
  StopTimesReader(const GtfsTable& table, const std::string& trips_file, GtfsFeed& feed)
      : t_(table), trips_file_(trips_file), feed_(feed) {
    c_.trip = t_.require("trip_id");
    c_.arrival = t_.require("arrival_time");
    c_.departure = t_.require("departure_time");
    c_.stop = t_.require("stop_id");
    c_.sequence = t_.require("stop_sequence");
    c_.timepoint = t_.column("timepoint");
    c_.dist = t_.column("shape_dist_traveled");
    c_.pickup = t_.column("pickup_type");
    c_.drop_off = t_.column("drop_off_type");
  }

  void read() {
    order_rows();
    gather();
    for (Index trip = 0; trip < feed_.trip_count(); ++trip) complete_trip(trip);
  }

 private:
  // Groups rows by trip (stable, so a file already in order stays as it is), then sorts a trip's
  // rows by stop_sequence only if the file did not list them in that order.
  void order_rows() {
    const std::size_t n = t_.row_count();
    std::vector<Index> trip_of(n);
    sequence_.resize(n);
    std::string_view previous;
    Index trip = invalid_index;
    for (std::size_t r = 0; r < n; ++r) {
      const std::string_view id = t_.text(r, c_.trip);
      if (trip == invalid_index || id != previous) {
        trip = feed_.find_trip(id);
        if (trip == invalid_index) {
          t_.fail(r, c_.trip, "trip_id '" + std::string(id) + "' is not in trips.txt");
        }
        previous = id;
      }
      trip_of[r] = trip;
      const std::int64_t sequence =
          t_.integer_in(r, c_.sequence, 0, std::numeric_limits<std::uint32_t>::max(), -1);
      if (sequence < 0) t_.fail(r, c_.sequence, "is empty; a sequence number is required");
      sequence_[r] = static_cast<std::uint32_t>(sequence);
    }
    auto& first = feed_.trip_first_stop_time;
    first.assign(feed_.trip_count() + 1, 0);
    for (const Index tr : trip_of) ++first[tr + 1];
    std::partial_sum(first.begin(), first.end(), first.begin());
    std::vector<Index> next(first.begin(), first.end() - 1);
    row_of_.resize(n);
    for (std::size_t r = 0; r < n; ++r) row_of_[next[trip_of[r]]++] = static_cast<Index>(r);
    for (Index tr = 0; tr < feed_.trip_count(); ++tr) {
      const auto begin = row_of_.begin() + first[tr];
      const auto end = row_of_.begin() + first[tr + 1];
      const auto by_sequence = [&](Index a, Index b) { return sequence_[a] < sequence_[b]; };
      if (!std::is_sorted(begin, end, by_sequence)) std::stable_sort(begin, end, by_sequence);
      for (auto it = begin; it != end && it + 1 != end; ++it) {
        if (sequence_[*it] == sequence_[*(it + 1)]) {
          t_.fail(*(it + 1), c_.sequence,
                  "duplicate stop_sequence " + std::to_string(sequence_[*it]) + " in trip '" +
                      feed_.trip_id[tr] + "'");
        }
      }
    }
  }

  void gather() {
    const std::size_t n = row_of_.size();
    feed_.stop_time_stop.resize(n);
    feed_.stop_time_arrival_s.resize(n);
    feed_.stop_time_departure_s.resize(n);
    feed_.stop_time_sequence.resize(n);
    feed_.stop_time_dist.resize(n);
    feed_.stop_time_timepoint.resize(n);
    feed_.stop_time_interpolated.resize(n);
    feed_.stop_time_pickup_type.resize(n);
    feed_.stop_time_drop_off_type.resize(n);
    feed_.stop_time_line.resize(n);
    timepoint_given_.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
      const Index r = row_of_[k];
      const std::string_view stop_id = t_.text(r, c_.stop);
      const Index stop = feed_.find_stop(stop_id);
      if (stop == invalid_index) {
        t_.fail(r, c_.stop, "stop_id '" + std::string(stop_id) + "' is not in stops.txt");
      }
      feed_.stop_time_stop[k] = stop;
      feed_.stop_time_arrival_s[k] = t_.time(r, c_.arrival);
      feed_.stop_time_departure_s[k] = t_.time(r, c_.departure);
      feed_.stop_time_sequence[k] = sequence_[r];
      feed_.stop_time_dist[k] = t_.optional_number(r, c_.dist).value_or(nan);
      timepoint_given_[k] = static_cast<std::int8_t>(t_.integer_in(r, c_.timepoint, 0, 1, -1));
      feed_.stop_time_pickup_type[k] =
          static_cast<std::uint8_t>(t_.integer_in(r, c_.pickup, 0, 3, 0));
      feed_.stop_time_drop_off_type[k] =
          static_cast<std::uint8_t>(t_.integer_in(r, c_.drop_off, 0, 3, 0));
      feed_.stop_time_line[k] = t_.line(r);
    }
  }

  void complete_trip(Index trip) {
    const Index b = feed_.trip_first_stop_time[trip];
    const Index e = feed_.trip_first_stop_time[trip + 1];
    if (e - b < 2) {
      throw InputError(trips_file_, feed_.trip_line[trip], "trip_id",
                       "trip '" + feed_.trip_id[trip] + "' has " + std::to_string(e - b) +
                           " stop times in stop_times.txt; a trip needs at least two");
    }
    auto& arrival = feed_.stop_time_arrival_s;
    auto& departure = feed_.stop_time_departure_s;
    for (Index k = b; k < e; ++k) {
      // One of the two times alone stands for both.
      if (arrival[k] < 0) arrival[k] = departure[k];
      if (departure[k] < 0) departure[k] = arrival[k];
      const bool blank = arrival[k] < 0;
      if (blank && timepoint_given_[k] == 1) {
        t_.fail(row_of_[k], c_.arrival, "is empty but timepoint is 1 (exact time)");
      }
      feed_.stop_time_timepoint[k] =
          static_cast<std::uint8_t>(timepoint_given_[k] >= 0 ? timepoint_given_[k] : !blank);
      feed_.stop_time_interpolated[k] = blank ? 1 : 0;
    }
    if (arrival[b] < 0) {
      t_.fail(row_of_[b], c_.arrival, "is empty; the first stop of a trip needs its time");
    }
    if (arrival[e - 1] < 0) {
      t_.fail(row_of_[e - 1], c_.arrival, "is empty; the last stop of a trip needs its time");
    }
    for (Index k = b + 1; k < e; ++k) {
      if (arrival[k] >= 0) continue;
      const Index before = k - 1;
      Index after = k;
      while (arrival[after] < 0) ++after;
      distances(feed_, before, after, along_);
      const double t0 = departure[before];
      const double span = arrival[after] - t0;
      for (Index m = k; m < after; ++m) {
        const auto time =
            static_cast<std::int32_t>(std::lround(t0 + span * along_[m - before] / along_.back()));
        arrival[m] = departure[m] = time;
      }
      k = after;
    }
    for (Index k = b; k < e; ++k) {
      if (departure[k] < arrival[k]) {
        t_.fail(row_of_[k], c_.departure,
                "departure_time " + format_time_of_day(departure[k]) + " is before arrival_time " +
                    format_time_of_day(arrival[k]));
      }
      if (k > b && arrival[k] < departure[k - 1]) {
        t_.fail(row_of_[k], c_.arrival,
                "arrival_time " + format_time_of_day(arrival[k]) +
                    " is before the departure from the previous stop at " +
                    format_time_of_day(departure[k - 1]));
      }
    }
  }

  const GtfsTable& t_;
  const std::string& trips_file_;
  GtfsFeed& feed_;
  Columns c_{};
  std::vector<std::uint32_t> sequence_;       // per row of the file
  std::vector<Index> row_of_;                 // per stop time: its row in the file
  std::vector<std::int8_t> timepoint_given_;  // per stop time: -1 blank, else 0 or 1
  std::vector<double> along_;                 // scratch for interpolation
};

}  // namespace

void read_gtfs_stop_times(const GtfsTable& table, const std::string& trips_file, GtfsFeed& feed) {
  StopTimesReader(table, trips_file, feed).read();
}

}  // namespace arteria
