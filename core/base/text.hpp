// Numbers and times of day as text, the way every input of the engine writes them: scenario
// files, CSV tables, the command line, TNTP and OSM text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace arteria {

// `text` without leading and trailing blanks (space, tab, carriage return, line feed).
std::string_view trim(std::string_view text);

// Parses a finite double from the whole of `text` (blanks around it allowed); nullopt otherwise.
std::optional<double> parse_number(std::string_view text);

// Parses a time as seconds: "HH:MM:SS", "HH:MM" or a plain number of seconds. Hours may exceed
// 24 (a trip after midnight of the simulated day). Returns nullopt when the text is not a time.
std::optional<double> parse_time_of_day(std::string_view text);

// Formats seconds as HH:MM:SS (rounded to the second; hours may exceed 24; "-" before a time
// before midnight). Values no clock shows (NaN, infinities, a million hours and more) are
// written as the number of seconds ("1e+308 s").
std::string format_time_of_day(double seconds);

}  // namespace arteria
