// Which length and time units a TNTP network's numbers are in, and how we know. The format has no
// unit fields: a README may state them, a file's column header may ("Length (ft)" in Anaheim's
// <ORIGINAL HEADER>), or nothing does. Each unit is taken from, in this order: an explicit
// option (scenario key length_unit / time_unit, `arteria import --length-unit`), the file's
// header, our table of known networks (tntp_known_units), and last a default of kilometres and
// minutes. Where it came from is kept so the import summary can say it: a wrong unit scales
// every distance and speed silently (miles read as km give 0.62x the lengths).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arteria {

enum class TntpUnitOrigin : std::uint8_t { option, metadata, known_network, default_unit };

// "option", "file metadata", "known network", "default": as the import summary says it.
const char* tntp_unit_origin_name(TntpUnitOrigin origin);

struct TntpUnit {
  std::string name;  // one of tntp_length_units() or tntp_time_units()
  TntpUnitOrigin origin = TntpUnitOrigin::default_unit;
  std::string evidence;  // metadata: where the file states it ("line 9: length (ft)")
};

// The unit names options accept, in the order messages list them.
const std::vector<std::string>& tntp_length_units();  // mi, km, m, ft
const std::vector<std::string>& tntp_time_units();    // min, s, h
// Metres per length unit, seconds per time unit; nullopt for a name not listed above.
std::optional<double> tntp_length_metres(std::string_view unit);
std::optional<double> tntp_time_seconds(std::string_view unit);

struct TntpUnits {
  TntpUnit length{"km", TntpUnitOrigin::default_unit, ""};
  TntpUnit time{"min", TntpUnitOrigin::default_unit, ""};
  // Capacities are all 1 and b holds B / capacity^power: the simulated capacity is recovered
  // as (0.15 / b)^(1 / power), taking the classic BPR B of 0.15.
  bool capacity_in_b = false;
  // A made-up example (Braess) whose numbers are not physical: the speed check is skipped.
  bool abstract = false;

  double metres_per_length_unit() const;
  double seconds_per_time_unit() const;
};

// What we decided per network of the TransportationNetworks collection we ship (origin
// known_network), or nullopt for any other name:
// - SiouxFalls: miles and minutes. The README says lengths were set equal to free-flow times,
//   that the times are "often viewed as if they were minutes", and that the first published
//   version gives lengths in miles: 60 mph throughout.
// - Anaheim: feet and minutes (README; its header says so too): freeway links come out at
//   4842 ft/min = 55 mph, as the file's speed column says.
// - Barcelona, Winnipeg: READMEs silent on units; length equals fft on every link, read as
//   kilometres and minutes (60 km/h). Every capacity is 1 and b holds B / capacity^power
//   (Winnipeg's README), so capacity_in_b.
// - Braess: a toy for assignment (capacity 1, fft 1e-8): abstract, its simulated form has no
//   physical meaning.
std::optional<TntpUnits> tntp_known_units(std::string_view network_name);

// Units a header states. A unit is a parenthesised or bracketed word after the name of the
// length or free-flow time column: "Length (ft)", "free_flow_time [min]"; spellings such as
// "miles", "feet", "minutes", "hr" are accepted. A speed column's unit ("Speed (mph)") is not
// taken for either: speed limits are often in mph beside times in minutes. `problems` lists
// statements that name a length or time column with a unit we do not know ("Length (furlongs)"),
// for a warning.
struct TntpStatedUnits {
  std::optional<TntpUnit> length;
  std::optional<TntpUnit> time;
  std::vector<std::string> problems;
};

// Reads one header line; `where` names it for the evidence ("<ORIGINAL HEADER>", "line 9").
// Units already found in `stated` are kept (the first statement wins).
void read_tntp_header_units(std::string_view header, const std::string& where,
                            TntpStatedUnits& stated);

// Puts the four sources together, each unit on its own. `length_option` and `time_option` are
// empty when not given; they must be names listed above (checked by the caller).
TntpUnits resolve_tntp_units(std::string_view network_name, const std::string& length_option,
                             const std::string& time_option, const TntpStatedUnits& stated);

// "lengths in ft (file metadata: <ORIGINAL HEADER>: Length (ft)), times in min (known network)".
std::string tntp_units_text(const TntpUnits& units);

}  // namespace arteria
