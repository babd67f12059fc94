// What an import did, told to the user by `arteria import`: counts, parts dropped, warnings.
// Readers of real-data sources write to the log of the import in progress, if there is one.
#pragma once

#include <string>
#include <vector>

namespace arteria {

struct ImportLog {
  std::vector<std::string> notes;     // counts and decisions, one line each
  std::vector<std::string> warnings;  // data the import dropped or had to guess

  void note(std::string line) { notes.push_back(std::move(line)); }
  void warn(std::string line) { warnings.push_back(std::move(line)); }
};

// Makes `log` the log of the import running on this thread for the scope's lifetime; without
// one (an ordinary scenario load) notes and warnings go nowhere. `arteria import` loads its
// scenario through load_scenario(), the one path from a scenario file to a Scenario; the log
// lets it hear what the readers found without a second path.
class ImportLogScope {
 public:
  explicit ImportLogScope(ImportLog& log);
  ~ImportLogScope();
  ImportLogScope(const ImportLogScope&) = delete;
  ImportLogScope& operator=(const ImportLogScope&) = delete;

 private:
  ImportLog* previous_;
};

// Writes a note or a warning to the current log, when there is one.
void import_note(std::string line);
void import_warning(std::string line);

// "12,345": counts in the log are read by people.
std::string count_text(std::size_t count);

// The warning "<prefix><count><what>" when `count` is not zero: how an importer tells what it
// dropped or changed, e.g. import_warning_count("OSM: ", n, " turn restrictions skipped").
void import_warning_count(const std::string& prefix, std::size_t count, const std::string& what);

}  // namespace arteria
