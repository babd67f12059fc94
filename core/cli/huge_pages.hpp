// The command asks glibc's allocator for transparent huge pages by starting itself again with
// the tunable set (tunables are read only when a process starts).
#pragma once

namespace arteria::cli {

// Unless GLIBC_TUNABLES already names glibc.malloc.hugetlb (a user's choice, or this process
// restarted) or the process runs under valgrind, sets glibc.malloc.hugetlb=1 and replaces the
// process with the same program and arguments; returns only when that is not possible (the run goes
// on without huge pages).
void restart_with_huge_pages(char** argv);

}  // namespace arteria::cli
