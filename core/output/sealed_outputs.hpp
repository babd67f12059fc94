// The first line of the sealed header (base/sealed_file.hpp) of each kind of HDF5 file Arteria
// writes. Every reader checks the seal before HDF5 opens the file, so a truncated or damaged
// file is refused with a clear error instead of reaching HDF5's parser, which can crash on
// corrupt metadata.
#pragma once

namespace arteria {

constexpr const char* run_file_magic = "ARTERIA RUN";
constexpr const char* assignment_file_magic = "ARTERIA ASSIGNMENT";
constexpr const char* checkpoint_file_magic = "ARTERIA CHECKPOINT";

}  // namespace arteria
