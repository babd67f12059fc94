// The run-file targets' input (fuzz_run_summary, fuzz_link_costs, fuzz_h5_compare): apart from
// fuzz_input so that only they link the output stage.
#pragma once

#include <string>
#include <string_view>

namespace arteria::fuzz {

// An HDF5 file Arteria wrote, for the readers that check its seal first (base/sealed_file.hpp).
// When `content` starts with the magic line of one of Arteria's sealed files, the seal is
// written again over it (as a buggy writer, not damage, would leave it), so that mutated bytes
// get past the seal to HDF5 and the layout checks; otherwise the file is written as it is and
// the seal check must refuse it.
std::string write_sealed_input(const std::string& name, std::string_view content);

}  // namespace arteria::fuzz
