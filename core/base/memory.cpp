#include "base/memory.hpp"

#include <fstream>
#include <string>

namespace arteria {
namespace {

// The value in kB of the line starting with `key` in a /proc file, or -1 when absent.
double proc_kb(const char* path, const std::string& key) {
  std::ifstream file(path);
  std::string line;
  while (std::getline(file, line)) {
    if (line.rfind(key, 0) == 0) return std::stod(line.substr(key.size()));
  }
  return -1.0;
}

std::uint64_t proc_bytes(const char* path, const std::string& key) {
  const double kb = proc_kb(path, key);
  return kb < 0.0 ? 0 : static_cast<std::uint64_t>(kb) * 1024;
}

}  // namespace

double peak_rss_mb() {
  const double kb = proc_kb("/proc/self/status", "VmHWM:");
  return kb < 0.0 ? 0.0 : kb / 1024.0;
}

std::uint64_t resident_bytes() {
  return proc_bytes("/proc/self/status", "VmRSS:");
}

std::uint64_t resident_file_bytes() {
  return proc_bytes("/proc/self/status", "RssFile:");
}

std::uint64_t available_memory_bytes() {
  return proc_bytes("/proc/meminfo", "MemAvailable:");
}

}  // namespace arteria
