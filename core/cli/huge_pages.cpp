// Why: on the virtual machines this project runs on, every fresh 4 KiB page of memory costs a
// fault that the hypervisor makes expensive. With glibc.malloc.hugetlb=1 the allocator advises
// transparent huge pages for the heap and for large blocks (the kernel's "madvise" mode, Debian's
// default), and faults come 2 MiB at a time: grid-large (150,000 trips) took 57,000 faults and
// 3.55 s, with the tunable 18,000 and 3.1 s. A restart costs ~20 ms of dynamic linking.
#include "cli/huge_pages.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

namespace arteria::cli {

void restart_with_huge_pages(char** argv) {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables != nullptr && std::strstr(tunables, "glibc.malloc.hugetlb") != nullptr) return;
  // Under valgrind the restarted process would run outside the tool (callgrind's instruction
  // counts, bench/gates.py): valgrind preloads its vgpreload libraries.
  const char* preload = std::getenv("LD_PRELOAD");
  if (preload != nullptr && std::strstr(preload, "vgpreload") != nullptr) return;
  std::string value = "glibc.malloc.hugetlb=1";
  if (tunables != nullptr && *tunables != '\0') value = std::string(tunables) + ":" + value;
  if (::setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  ::execv("/proc/self/exe", argv);
  // Not restarted (no /proc): the variable stays for the programs this one starts, harmlessly.
}

}  // namespace arteria::cli
