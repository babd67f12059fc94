// The one way an assignment file (static or dynamic) reaches the disk: claimed `path + ".tmp"`,
// `contents` writes the groups, sealed as ARTERIA ASSIGNMENT, renamed; nothing left on failure.
#pragma once

#include <functional>
#include <string>

#include "output/hdf5_handle.hpp"

namespace arteria {

void write_sealed_assignment_file(const std::string& path,
                                  const std::function<void(hid_t file)>& contents);

}  // namespace arteria
