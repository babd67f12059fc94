#include "base/atomic_text_file.hpp"

#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace arteria {

AtomicTextFile::AtomicTextFile(std::string path)
    : path_(std::move(path)), temp_path_(path_ + ".tmp"), out_(temp_path_, std::ios::binary) {
  if (!out_) throw std::runtime_error(path_ + ": cannot open the file for writing");
}

AtomicTextFile::~AtomicTextFile() {
  if (committed_) return;
  out_.close();
  std::error_code ignored;  // nothing to report from a destructor: the name was never touched
  std::filesystem::remove(temp_path_, ignored);
}

void AtomicTextFile::commit() {
  out_.close();
  if (!out_) throw std::runtime_error(path_ + ": writing the file failed");
  std::error_code error;
  std::filesystem::rename(temp_path_, path_, error);
  if (error)
    throw std::runtime_error(path_ +
                             ": cannot move the written file into place: " + error.message());
  committed_ = true;
}

}  // namespace arteria
