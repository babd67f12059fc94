#include "base/file_claim.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace arteria {

FileClaim::FileClaim(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) throw std::runtime_error(path + ": cannot open: " + std::strerror(errno));
  struct flock whole {};
  whole.l_type = F_WRLCK;
  whole.l_whence = SEEK_SET;  // l_start = l_len = 0: the whole file
  if (::fcntl(fd, F_OFD_SETLK, &whole) != 0) {
    const int error = errno;
    ::close(fd);
    if (error == EAGAIN || error == EACCES) {
      throw std::runtime_error(path +
                               ": another process is writing this output (it holds the temp "
                               "file); wait for it to finish or write to another file");
    }
    throw std::runtime_error(path + ": cannot lock: " + std::strerror(error));
  }
  fd_ = fd;
}

FileClaim::~FileClaim() {
  if (fd_ >= 0) ::close(fd_);
}

FileClaim::FileClaim(FileClaim&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

FileClaim& FileClaim::operator=(FileClaim&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

}  // namespace arteria
