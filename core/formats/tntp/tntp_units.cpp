// TNTP units: the names we accept, what a header states, and which source decides.
#include "formats/tntp/tntp_units.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "base/text.hpp"

namespace arteria {
namespace {

struct UnitName {
  const char* unit;      // the canonical name
  const char* spelling;  // one way a header may write it
};

// Canonical names first; "m" stands for metres, never minutes (a header saying "(m)" for a
// time column is reported as unknown rather than guessed).
constexpr UnitName length_spellings[] = {{"mi", "mi"},        {"km", "km"},         {"m", "m"},
                                         {"ft", "ft"},        {"mi", "mile"},       {"mi", "miles"},
                                         {"km", "kilometer"}, {"km", "kilometers"}, {"km", "kms"},
                                         {"km", "kilometre"}, {"km", "kilometres"}, {"m", "meter"},
                                         {"m", "meters"},     {"m", "metre"},       {"m", "metres"},
                                         {"ft", "foot"},      {"ft", "feet"}};
constexpr UnitName time_spellings[] = {
    {"min", "min"},     {"s", "s"},   {"h", "h"},    {"min", "mins"}, {"min", "minute"},
    {"min", "minutes"}, {"s", "sec"}, {"s", "secs"}, {"s", "second"}, {"s", "seconds"},
    {"h", "hr"},        {"h", "hrs"}, {"h", "hour"}, {"h", "hours"}};

template <std::size_t N>
std::optional<std::string> canonical(const UnitName (&spellings)[N], std::string_view text) {
  for (const UnitName& name : spellings) {
    if (text == name.spelling) return std::string(name.unit);
  }
  return std::nullopt;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_separator(char c) {
  return std::isspace(static_cast<unsigned char>(c)) || c == ';' || c == '~' || c == ')' ||
         c == ']';
}

// Where the word just before position `at` starts (blanks before `at` skipped): the name of
// the column a unit belongs to.
std::size_t word_start(std::string_view text, std::size_t at) {
  std::size_t begin = at;
  while (begin > 0 && std::isspace(static_cast<unsigned char>(text[begin - 1]))) --begin;
  while (begin > 0 && !is_separator(text[begin - 1])) --begin;
  return begin;
}

enum class Column { other, length, time };

Column column_kind(std::string_view word) {
  if (word.find("length") != std::string_view::npos ||
      word.find("distance") != std::string_view::npos) {
    return Column::length;
  }
  if (word.find("speed") != std::string_view::npos) return Column::other;
  if (word.find("time") != std::string_view::npos || word == "fft") return Column::time;
  return Column::other;
}

TntpUnits with_origin(TntpUnits units, TntpUnitOrigin origin) {
  units.length.origin = origin;
  units.time.origin = origin;
  return units;
}

}  // namespace

const char* tntp_unit_origin_name(TntpUnitOrigin origin) {
  switch (origin) {
    case TntpUnitOrigin::option: return "option";
    case TntpUnitOrigin::metadata: return "file metadata";
    case TntpUnitOrigin::known_network: return "known network";
    case TntpUnitOrigin::default_unit: return "default";
  }
  return "?";
}

const std::vector<std::string>& tntp_length_units() {
  static const std::vector<std::string> names = {"mi", "km", "m", "ft"};
  return names;
}

const std::vector<std::string>& tntp_time_units() {
  static const std::vector<std::string> names = {"min", "s", "h"};
  return names;
}

std::optional<double> tntp_length_metres(std::string_view unit) {
  if (unit == "mi") return 1609.344;  // international mile
  if (unit == "km") return 1000.0;
  if (unit == "m") return 1.0;
  if (unit == "ft") return 0.3048;  // international foot
  return std::nullopt;
}

std::optional<double> tntp_time_seconds(std::string_view unit) {
  if (unit == "min") return 60.0;
  if (unit == "s") return 1.0;
  if (unit == "h") return 3600.0;
  return std::nullopt;
}

double TntpUnits::metres_per_length_unit() const {
  return tntp_length_metres(length.name).value_or(1000.0);
}

double TntpUnits::seconds_per_time_unit() const {
  return tntp_time_seconds(time.name).value_or(60.0);
}

std::optional<TntpUnits> tntp_known_units(std::string_view network_name) {
  TntpUnits units;
  if (network_name == "SiouxFalls") {
    units.length.name = "mi";
  } else if (network_name == "Anaheim") {
    units.length.name = "ft";
  } else if (network_name == "Barcelona" || network_name == "Winnipeg") {
    units.capacity_in_b = true;
  } else if (network_name == "Braess") {
    units.abstract = true;
  } else {
    return std::nullopt;
  }
  return with_origin(std::move(units), TntpUnitOrigin::known_network);
}

void read_tntp_header_units(std::string_view header, const std::string& where,
                            TntpStatedUnits& stated) {
  const std::string text = lower(header);
  for (std::size_t open = text.find_first_of("(["); open != std::string::npos;
       open = text.find_first_of("([", open + 1)) {
    const std::size_t close = text.find(text[open] == '(' ? ')' : ']', open);
    if (close == std::string::npos) return;
    const std::size_t start = word_start(text, open);
    const Column kind = column_kind(trim(std::string_view(text).substr(start, open - start)));
    if (kind == Column::other) continue;
    const std::string_view unit_text =
        trim(std::string_view(text).substr(open + 1, close - open - 1));
    const std::string said(header.substr(start, close + 1 - start));  // "Length (ft)"
    std::optional<TntpUnit>& slot = kind == Column::length ? stated.length : stated.time;
    const auto unit = kind == Column::length ? canonical(length_spellings, unit_text)
                                             : canonical(time_spellings, unit_text);
    if (!unit) {
      stated.problems.push_back(where + ": '" + said + "' is not a " +
                                (kind == Column::length ? "length" : "time") + " unit we know");
    } else if (!slot) {
      slot = TntpUnit{*unit, TntpUnitOrigin::metadata, where + ": " + said};
    }
  }
}

TntpUnits resolve_tntp_units(std::string_view network_name, const std::string& length_option,
                             const std::string& time_option, const TntpStatedUnits& stated) {
  TntpUnits units =
      tntp_known_units(network_name).value_or(with_origin({}, TntpUnitOrigin::default_unit));
  if (stated.length) units.length = *stated.length;
  if (stated.time) units.time = *stated.time;
  if (!length_option.empty()) units.length = {length_option, TntpUnitOrigin::option, ""};
  if (!time_option.empty()) units.time = {time_option, TntpUnitOrigin::option, ""};
  return units;
}

std::string tntp_units_text(const TntpUnits& units) {
  auto one = [](const char* what, const TntpUnit& unit) {
    std::string text =
        std::string(what) + " in " + unit.name + " (" + tntp_unit_origin_name(unit.origin);
    if (!unit.evidence.empty()) text += ", " + unit.evidence;
    return text + ")";
  };
  return one("lengths", units.length) + ", " + one("times", units.time) +
         (units.abstract ? "; a made-up example, its units are abstract" : "");
}

}  // namespace arteria
