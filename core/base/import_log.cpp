// The current import log of a thread; see import_log.hpp. Thread-local so that two scenarios
// loaded at once on different threads (tests, the Python module) never share a log.

#include "base/import_log.hpp"

namespace arteria {
namespace {

thread_local ImportLog* current_log = nullptr;

}  // namespace

ImportLogScope::ImportLogScope(ImportLog& log) : previous_(current_log) {
  current_log = &log;
}

ImportLogScope::~ImportLogScope() {
  current_log = previous_;
}

void import_note(std::string line) {
  if (current_log) current_log->note(std::move(line));
}

void import_warning(std::string line) {
  if (current_log) current_log->warn(std::move(line));
}

void import_warning_count(const std::string& prefix, std::size_t count, const std::string& what) {
  if (count > 0) import_warning(prefix + count_text(count) + what);
}

std::string count_text(std::size_t count) {
  std::string digits = std::to_string(count);
  for (std::size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
  return digits;
}

}  // namespace arteria
