// Process memory figures for benchmarks and /perf.
#pragma once

namespace arteria {

// Peak resident set size of this process in MiB (VmHWM), 0 when unknown.
double peak_rss_mb();

}  // namespace arteria
