// trips.csv is parsed in ranges of lines in parallel (formats/native/trips_csv.cpp): whatever
// the range size and the thread count, the demand and the error reported must be the ones a
// reading row by row gives. Small ranges make a small file span many of them.

#include <tbb/task_arena.h>

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "formats/native/trips_csv.hpp"
#include "model/network_spec.hpp"
#include "toy_files.hpp"
#include "toy_scenarios.hpp"

namespace {

using namespace arteria;
using arteria::testing::input_error_of;
using arteria::testing::TempDir;

struct Row {
  std::string id, origin, destination;
  int depart_s = 0;
  std::string pcu;           // empty: the default, 1
  std::vector<Index> route;  // empty: none given
  std::size_t line = 0;      // where the row is in the file
};

// Trips on the toy square, every third one with a route of up to five links (a random walk
// along allowed turns); pcu given or not, blank, comment and CRLF lines between rows.
std::vector<Row> random_rows(const Network& net, std::size_t count) {
  std::mt19937 rng(12);
  std::vector<Row> rows(count);
  for (std::size_t i = 0; i < count; ++i) {
    Row& row = rows[i];
    row.id = "trip" + std::to_string(i);
    row.depart_s = 3600 + static_cast<int>(rng() % 7200);
    if (rng() % 2 == 0) row.pcu = std::to_string(1 + rng() % 3);
    if (i % 3 == 0) {
      Index link = static_cast<Index>(rng() % net.link_count);
      row.route.push_back(link);
      for (std::size_t hops = rng() % 5; hops > 0; --hops) {
        const Index turns = net.link_first_turn[link + 1] - net.link_first_turn[link];
        if (turns == 0) break;
        link = net.turn_to_link[net.link_first_turn[link] + rng() % turns];
        row.route.push_back(link);
      }
      row.origin = net.node_external_id[net.link_from_node[row.route.front()]];
      row.destination = net.node_external_id[net.link_to_node[row.route.back()]];
    } else {
      row.origin = net.node_external_id[rng() % net.node_count];
      row.destination = net.node_external_id[rng() % net.node_count];
    }
  }
  return rows;
}

// The file's text; sets each row's line.
std::string trips_text(const Network& net, std::vector<Row>& rows) {
  std::string text = "id,origin,destination,depart,pcu,route\n";
  std::size_t line = 2;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Row& row = rows[i];
    if (i % 17 == 5) {
      text += "# a comment, with commas\n\n";
      line += 2;
    }
    std::string route;
    for (const Index link : row.route)
      route += (route.empty() ? "" : " ") + net.link_external_id[link];
    text += row.id + "," + row.origin + "," + row.destination + "," + std::to_string(row.depart_s) +
            "," + row.pcu + "," + route + (i % 7 == 3 ? "\r\n" : "\n");
    row.line = line++;
  }
  return text;
}

Demand read(const std::string& path, const Network& net, std::size_t range_bytes) {
  Demand demand;
  DemandBuilder builder(net, demand);
  read_trips_csv(path, net, builder, range_bytes);
  return demand;
}

void require_same(const Demand& a, const Demand& b) {
  REQUIRE(a.files == b.files);
  REQUIRE(a.trip_external_id == b.trip_external_id);
  REQUIRE(a.trip_origin == b.trip_origin);
  REQUIRE(a.trip_destination == b.trip_destination);
  REQUIRE(a.trip_depart_s == b.trip_depart_s);
  REQUIRE(a.trip_pcu == b.trip_pcu);
  REQUIRE(a.trip_first_given_link == b.trip_first_given_link);
  REQUIRE(a.given_route_links == b.given_route_links);
  REQUIRE(a.trip_where.size() == b.trip_where.size());
  for (std::size_t i = 0; i < a.trip_where.size(); ++i) {
    REQUIRE(a.trip_where[i].file == b.trip_where[i].file);
    REQUIRE(a.trip_where[i].line == b.trip_where[i].line);
  }
}

// The error with ranges of 1, 64 and 1,000 bytes and on 1 and 2 threads; all must agree.
InputError error_in_ranges(const std::string& path, const Network& net) {
  const InputError whole = input_error_of([&] { read(path, net, 1 << 30); });
  for (const std::size_t bytes : {1, 64, 1000}) {
    for (const int threads : {1, 2}) {
      tbb::task_arena arena(threads);
      const InputError ranged =
          input_error_of([&] { arena.execute([&] { read(path, net, bytes); }); });
      INFO("range bytes " << bytes << ", threads " << threads);
      REQUIRE(ranged.file() == whole.file());
      REQUIRE(ranged.line() == whole.line());
      REQUIRE(ranged.field() == whole.field());
      REQUIRE(ranged.message() == whole.message());
    }
  }
  return whole;
}

std::string replace_row(const std::string& text, const Row& row, const std::string& by) {
  const std::string start = "\n" + row.id + ",";
  const std::size_t at = text.find(start) + 1;
  return text.substr(0, at) + by + text.substr(text.find('\n', at));
}

}  // namespace

TEST_CASE("trips.csv read in ranges gives the rows in file order", "[formats][trips_csv]") {
  const Network net = compile_network(arteria::testing::two_way_square());
  std::vector<Row> rows = random_rows(net, 600);
  TempDir dir;
  const std::string path = dir.write("trips.csv", trips_text(net, rows));
  const Demand whole = read(path, net, 1 << 30);
  REQUIRE(whole.trip_count() == rows.size());
  for (Index t = 0; t < whole.trip_count(); ++t) {
    const Row& row = rows[t];
    INFO("row " << t);
    REQUIRE(whole.trip_external_id[t] == row.id);
    REQUIRE(whole.trip_origin[t] == net.find_node(row.origin));
    REQUIRE(whole.trip_destination[t] == net.find_node(row.destination));
    REQUIRE(whole.trip_depart_s[t] == row.depart_s);
    REQUIRE(whole.trip_pcu[t] == (row.pcu.empty() ? 1.0f : std::stof(row.pcu)));
    REQUIRE(whole.trip_where[t].line == row.line);
    const std::vector<Index> route(
        whole.given_route_links.begin() + whole.trip_first_given_link[t],
        whole.given_route_links.begin() + whole.trip_first_given_link[t + 1]);
    REQUIRE(route == row.route);
  }
  for (const std::size_t bytes : {1, 64, 1000}) {
    for (const int threads : {1, 2}) {
      INFO("range bytes " << bytes << ", threads " << threads);
      tbb::task_arena arena(threads);
      arena.execute([&] { require_same(read(path, net, bytes), whole); });
    }
  }
}

TEST_CASE("trips.csv in ranges: the first bad row in file order is the error",
          "[formats][trips_csv]") {
  const Network net = compile_network(arteria::testing::two_way_square());
  std::vector<Row> rows = random_rows(net, 600);
  TempDir dir;
  const std::string text = trips_text(net, rows);

  SECTION("a bad time in a late range") {
    const std::string path =
        dir.write("trips.csv", replace_row(text, rows[550], "late,A,B,25:61:00,,"));
    const InputError error = error_in_ranges(path, net);
    REQUIRE(error.line() == rows[550].line);
    REQUIRE(error.field() == "depart");
  }
  SECTION("of two bad rows, the earlier") {
    std::string bad = replace_row(text, rows[550], "late,A,nowhere,0,,");
    bad = replace_row(bad, rows[300], "early,A,A,0,,A>B B>A");
    const InputError error = error_in_ranges(dir.write("trips.csv", bad), net);
    REQUIRE(error.line() == rows[300].line);
    REQUIRE(error.field() == "route");
    REQUIRE(error.message() == "no allowed turn from link 'A>B' into link 'B>A'");
  }
  SECTION("a row with too few fields") {
    const InputError error =
        error_in_ranges(dir.write("trips.csv", replace_row(text, rows[420], "short,A,B")), net);
    REQUIRE(error.line() == rows[420].line);
    REQUIRE(error.message() == "has 3 fields but the header has 6");
  }
}

TEST_CASE("trips.csv in ranges: a duplicate id is found across ranges", "[formats][trips_csv]") {
  const Network net = compile_network(arteria::testing::two_way_square());
  std::vector<Row> rows = random_rows(net, 600);
  TempDir dir;
  const std::string text = trips_text(net, rows);
  const std::string message =
      "duplicate trip id 'trip10' (first on line " + std::to_string(rows[10].line) + ")";

  SECTION("on a good row") {
    const std::string path = dir.write("trips.csv", replace_row(text, rows[500], "trip10,A,B,0,,"));
    const InputError error = error_in_ranges(path, net);
    REQUIRE(error.line() == rows[500].line);
    REQUIRE(error.field() == "id");
    REQUIRE(error.message() == message);
  }
  SECTION("on a row that is bad in another field too: the id is checked first") {
    const std::string path =
        dir.write("trips.csv", replace_row(text, rows[500], "trip10,nowhere,B,0,,"));
    const InputError error = error_in_ranges(path, net);
    REQUIRE(error.line() == rows[500].line);
    REQUIRE(error.message() == message);
  }
  SECTION("after a bad row: the bad row") {
    std::string bad = replace_row(text, rows[500], "trip10,A,B,0,,");
    bad = replace_row(bad, rows[400], "bad,A,B,0,0,");
    const InputError error = error_in_ranges(dir.write("trips.csv", bad), net);
    REQUIRE(error.line() == rows[400].line);
    REQUIRE(error.field() == "pcu");
  }
}

TEST_CASE("trips.csv with a quoted line break is read as one range", "[formats][trips_csv]") {
  const Network net = compile_network(arteria::testing::two_way_square());
  std::vector<Row> rows = random_rows(net, 300);
  TempDir dir;
  std::string text = trips_text(net, rows);
  // A route split over two lines: every later row is one line further down.
  text = replace_row(text, rows[3], "quoted,A,D,0,,\"A>B\nB>D\"");
  const std::string good = dir.write("good.csv", text);
  const Demand demand = read(good, net, 64);
  REQUIRE(demand.trip_external_id[3] == "quoted");
  REQUIRE(demand.trip_first_given_link[4] - demand.trip_first_given_link[3] == 2);
  REQUIRE(demand.trip_where[200].line == rows[200].line + 1);
  require_same(demand, read(good, net, 1 << 30));

  const InputError error =
      error_in_ranges(dir.write("bad.csv", replace_row(text, rows[250], "bad,A,B,x,,")), net);
  REQUIRE(error.line() == rows[250].line + 1);
}
