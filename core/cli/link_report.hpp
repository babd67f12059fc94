// `arteria info RUN --top-links N`: the busiest links and those with the most delay, as tables.
#pragma once

#include <cstddef>
#include <string>

namespace arteria::cli {

void print_top_links(const std::string& path, std::size_t count);

}  // namespace arteria::cli
