// Process and machine memory figures: for /perf, benchmarks and the memory check before a run.
#pragma once

#include <cstdint>

namespace arteria {

// Peak resident set size of this process in MiB (VmHWM), 0 when unknown.
double peak_rss_mb();
// Resident set size of this process now, in bytes (VmRSS), 0 when unknown.
std::uint64_t resident_bytes();
// The resident part of this process's file mappings (RssFile: the program and the libraries it
// has loaded), in bytes, 0 when unknown.
std::uint64_t resident_file_bytes();
// Memory the machine can give a new allocation without swapping (MemAvailable), in bytes, 0
// when unknown.
std::uint64_t available_memory_bytes();

}  // namespace arteria
