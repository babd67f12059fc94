// An exclusive claim on a file path for the life of an object: an open-file-description lock
// (Linux F_OFD_SETLK) on the file, created when missing. Two runs writing the same output
// would otherwise share its temp file, the second truncating what the first has written; with
// a claim the second stops before touching it. The lock is independent of HDF5's own flock()
// and is released by the kernel when the process dies, so a killed run leaves no stale claim.
#pragma once

#include <string>

namespace arteria {

class FileClaim {
 public:
  FileClaim() = default;
  // Claims `path`; std::runtime_error naming it when another process holds a claim on it.
  explicit FileClaim(const std::string& path);
  ~FileClaim();
  FileClaim(FileClaim&& other) noexcept;
  FileClaim& operator=(FileClaim&& other) noexcept;
  FileClaim(const FileClaim&) = delete;
  FileClaim& operator=(const FileClaim&) = delete;

  bool held() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

}  // namespace arteria
