// A text file that appears under its name whole or not at all: written to NAME.tmp beside it,
// renamed over NAME by commit(). A writer that throws or is killed before commit() leaves no
// partial file under the name (the temporary is removed on destruction; after a kill,
// NAME.tmp stays and the next write to NAME overwrites it), as the HDF5 writers do.
#pragma once

#include <fstream>
#include <string>

namespace arteria {

class AtomicTextFile {
 public:
  // Opens NAME.tmp; throws std::runtime_error naming the file when it cannot be created.
  explicit AtomicTextFile(std::string path);
  ~AtomicTextFile();
  AtomicTextFile(const AtomicTextFile&) = delete;
  AtomicTextFile& operator=(const AtomicTextFile&) = delete;

  std::ofstream& out() { return out_; }
  // Closes the temporary and renames it over the name; throws when writing failed.
  void commit();

 private:
  std::string path_;
  std::string temp_path_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace arteria
