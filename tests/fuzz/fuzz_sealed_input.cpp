#include "fuzz_sealed_input.hpp"

#include "base/sealed_file.hpp"
#include "fuzz_input.hpp"
#include "output/sealed_outputs.hpp"

namespace arteria::fuzz {

std::string write_sealed_input(const std::string& name, std::string_view content) {
  const std::string path = write_input(name, content);
  for (const char* magic : {run_file_magic, assignment_file_magic, checkpoint_file_magic}) {
    const std::string line = std::string(magic) + "\n";
    if (content.size() >= sealed_header_bytes && content.substr(0, line.size()) == line) {
      seal_file(path, magic);
      break;
    }
  }
  return path;
}

}  // namespace arteria::fuzz
