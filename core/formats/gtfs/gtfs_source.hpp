// Where a GTFS feed's tables come from: a .zip archive (read with libzip) or a folder. Tables are
// found by file name, at the top level or inside one folder of the archive.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace arteria {

class GtfsSource {
 public:
  // Opens a .zip file or a folder; throws InputError naming `path` when it is neither.
  explicit GtfsSource(std::string path);
  ~GtfsSource();
  GtfsSource(const GtfsSource&) = delete;
  GtfsSource& operator=(const GtfsSource&) = delete;

  const std::string& path() const { return path_; }
  bool has(std::string_view name) const;
  // The name errors give for a table: "<zip>:<name>" or "<folder>/<name>".
  std::string label(std::string_view name) const;
  // The whole content of a table; a missing table is an InputError naming label(name).
  std::string read(std::string_view name) const;

 private:
  struct Archive;
  std::string path_;
  std::unique_ptr<Archive> archive_;                           // null for a folder
  std::unordered_map<std::string, std::string> folder_files_;  // table name -> path on disk
};

}  // namespace arteria
