// Helpers for writing CSV tables that CsvReader reads back exactly: numbers in their shortest
// round-trip form and fields quoted only when they must be.
#pragma once

#include <string>

namespace arteria {

// The shortest decimal text that reads back to exactly `value`.
std::string format_double(double value);
// The shortest text that reads back, as a double narrowed to float, to exactly `value`.
std::string format_float(float value);
// `text` as one CSV field: quoted when it holds a comma, quote or line break, or starts with
// '#' (CsvReader skips lines that start with '#').
std::string csv_field(const std::string& text);

}  // namespace arteria
