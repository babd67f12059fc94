#include "fuzz_input.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace arteria::fuzz {
namespace {

// Owns the folder; its destructor runs at normal exit, which is how libFuzzer ends a run
// (-max_total_time, -runs). A crash ends the process without it: `make fuzz` points TMPDIR at a
// folder of the build tree and empties it after each target.
class InputFolder {
 public:
  InputFolder() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/arteria-fuzz-XXXXXX";
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create " + pattern);
    path_ = pattern;
  }
  ~InputFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  InputFolder(const InputFolder&) = delete;
  InputFolder& operator=(const InputFolder&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

const std::string& input_folder() {
  static const InputFolder folder;
  return folder.path();
}

std::vector<std::string_view> split_files(const std::uint8_t* data, std::size_t size,
                                          std::size_t count) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < count) {
    const std::size_t cut = rest.find(file_separator);
    if (cut == std::string_view::npos) break;
    parts.push_back(rest.substr(0, cut));
    rest.remove_prefix(cut + file_separator.size());
  }
  parts.push_back(rest);
  return parts;
}

std::string write_input(const std::string& name, std::string_view content) {
  const std::string path = input_folder() + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
  return path;
}

void remove_input(const std::string& name) {
  std::error_code ignored;
  std::filesystem::remove(input_folder() + "/" + name, ignored);
}

void close_descriptors_on(const std::string& path) {
  std::error_code error;
  std::vector<int> open_on_path;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
    std::error_code ignored;
    if (std::filesystem::read_symlink(entry.path(), ignored) == path) {
      open_on_path.push_back(std::stoi(entry.path().filename().string()));
    }
  }
  for (const int fd : open_on_path) ::close(fd);
}

GridCityParams seed_grid() {
  GridCityParams grid;
  grid.columns = 4;
  grid.rows = 4;
  grid.arterial_every = 2;
  return grid;
}

std::string seed_scenario_toml(const std::string& output_file) {
  const GridCityParams grid = seed_grid();
  return "[scenario]\nname = \"fuzz_seed\"\n\n"
         "[network]\nsource = \"grid\"\n\n"
         "[network.grid]\ncolumns = " +
         std::to_string(grid.columns) + "\nrows = " + std::to_string(grid.rows) +
         "\narterial_every = " + std::to_string(grid.arterial_every) +
         "\n\n"
         "[demand]\nsource = \"generated\"\ntrips = 40\nstart_s = \"06:00\"\npeak_s = \"06:05\"\n"
         "end_s = \"06:10\"\nseed = 3\n\n"
         "[simulation]\nstart = \"06:00:00\"\nend = \"06:30:00\"\nstep_s = 1.0\nseed = 1\n\n"
         "[output]\nfile = \"" +
         output_file + "\"\nbin_s = 300\n";
}

}  // namespace arteria::fuzz
