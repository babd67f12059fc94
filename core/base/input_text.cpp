#include "base/input_text.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "base/error.hpp"

namespace arteria {
namespace {

// Debian 12's headers predate MADV_POPULATE_READ (Linux 5.14); the kernel answers EINVAL when
// it does not know it, and the pages are then faulted in as they are read.
#ifndef MADV_POPULATE_READ
constexpr int MADV_POPULATE_READ = 22;
#endif

}  // namespace

InputText::InputText(const std::string& path, const std::string& cannot_open) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError(path, 0, "", cannot_open);
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
    const auto size = static_cast<std::size_t>(info.st_size);
    void* map = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (map != MAP_FAILED) {
      // One call maps every page of the page cache instead of a fault per page; the pages are
      // still shared with the cache until written.
      ::madvise(map, size, MADV_POPULATE_READ);
      data_ = static_cast<char*>(map);
      size_ = size;
      mapped_ = true;
    }
  }
  // Not mapped: read from the descriptor already open (a pipe can be read only once).
  bool read_failed = false;
  if (!mapped_) {
    char block[1 << 16];
    for (;;) {
      const ssize_t got = ::read(fd, block, sizeof block);
      if (got > 0) {
        read_.append(block, static_cast<std::size_t>(got));
      } else if (got == 0 || errno != EINTR) {
        read_failed = got < 0;
        break;
      }
    }
    data_ = read_.data();
    size_ = read_.size();
  }
  ::close(fd);
  if (read_failed) throw InputError(path, 0, "", "cannot read the file");
}

InputText::InputText(InputText&& other) noexcept {
  *this = std::move(other);
}

InputText& InputText::operator=(InputText&& other) noexcept {
  if (this == &other) return *this;
  unmap();
  read_ = std::move(other.read_);
  mapped_ = std::exchange(other.mapped_, false);
  size_ = std::exchange(other.size_, 0);
  data_ = mapped_ ? std::exchange(other.data_, nullptr) : read_.data();
  other.data_ = nullptr;
  return *this;
}

InputText::~InputText() {
  unmap();
}

void InputText::unmap() {
  if (mapped_) ::munmap(data_, size_);
  mapped_ = false;
  data_ = nullptr;
  size_ = 0;
}

}  // namespace arteria
