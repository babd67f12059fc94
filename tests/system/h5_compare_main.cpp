// `arteria_h5_compare A.h5 B.h5`: the determinism tests' judge (compare_h5_files: every name
// but /perf and the `threads` attribute, bit for bit) as a command, for the scripts that compare
// the files of two different builds (same_results_across_builds.sh). Prints each difference;
// exit status 0 when the files hold the same results, 1 when not, 2 on bad use.
#include <exception>
#include <iostream>

#include "output/h5_compare.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: arteria_h5_compare A.h5 B.h5\n";
    return 2;
  }
  try {
    const auto differences = arteria::compare_h5_files(argv[1], argv[2]);
    for (const auto& line : differences) std::cout << line << '\n';
    return differences.empty() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "arteria_h5_compare: " << e.what() << '\n';
    return 2;
  }
}
