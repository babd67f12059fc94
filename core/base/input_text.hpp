// A large input file's bytes, mapped rather than copied. Copying a trip list into a string cost
// far more than parsing it (on this project's virtual machines a fresh page of memory costs a
// fault; a 30 MB file took 0.32 s to read into a string and 0.04 s to map). The mapping is
// private and writable: a reader that edits its text (CSV unescapes quoted fields in place,
// pugixml parses in place) changes only its own copy of the pages it writes, never the file.
// As with any mapping, a file cut short by another program while it is being read ends the
// process (SIGBUS): inputs are not expected to change under a run.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace arteria {

class InputText {
 public:
  // The bytes of `path`; an InputError(path, 0, "", `cannot_open`) when it cannot be opened.
  // A file that cannot be mapped (a pipe, an empty file) is read into memory instead, from the
  // same open descriptor.
  explicit InputText(const std::string& path,
                     const std::string& cannot_open = "cannot open file (does it exist?)");
  InputText(InputText&& other) noexcept;
  InputText& operator=(InputText&& other) noexcept;
  InputText(const InputText&) = delete;
  InputText& operator=(const InputText&) = delete;
  ~InputText();

  char* data() { return data_; }
  const char* data() const { return data_; }
  std::size_t size() const { return size_; }
  std::string_view view() const { return {data_, size_}; }

 private:
  void unmap();

  std::string read_;      // the bytes of a file read rather than mapped
  char* data_ = nullptr;  // the mapping, or read_.data()
  std::size_t size_ = 0;
  bool mapped_ = false;
};

}  // namespace arteria
