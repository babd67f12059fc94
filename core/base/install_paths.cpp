// Finding the install from the running code (see install_paths.hpp).
#include "base/install_paths.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <string_view>
#include <system_error>

#include "base/error.hpp"

namespace arteria {
namespace {

// The file holding this code: the Python module (a shared object) when loaded by Python, else
// the executable. dladdr names a shared object by the path it was loaded from; for the
// executable it may give argv[0], so /proc/self/exe is asked instead.
std::filesystem::path running_binary() {
  Dl_info info{};
  std::error_code error;
  if (dladdr(reinterpret_cast<void*>(&running_binary), &info) != 0 && info.dli_fname != nullptr &&
      std::string_view(info.dli_fname).find(".so") != std::string_view::npos) {
    return std::filesystem::canonical(info.dli_fname, error);
  }
  return std::filesystem::canonical("/proc/self/exe", error);
}

}  // namespace

std::filesystem::path share_dir() {
  std::error_code error;
  const std::filesystem::path binary = running_binary();
  for (std::filesystem::path folder = binary.parent_path(); !folder.empty();
       folder = folder.parent_path()) {
    const std::filesystem::path share = folder / "share" / "arteria";
    if (std::filesystem::is_directory(share / "scenarios", error)) return share;
    if (folder == folder.root_path()) break;
  }
  return {};
}

std::filesystem::path install_root() {
  const std::filesystem::path share = share_dir();
  return share.empty() ? share : share.parent_path().parent_path();
}

std::string default_scenario_path() {
  const std::filesystem::path share = share_dir();
  const std::filesystem::path path = share / "scenarios" / "default_city.toml";
  std::error_code error;
  if (share.empty() || !std::filesystem::is_regular_file(path, error)) {
    throw InputError("default_city.toml", 0, "",
                     "the built-in scenarios are not installed beside this program (looked for "
                     "share/arteria/scenarios above " +
                         running_binary().parent_path().string() +
                         "); reinstall with `make install`, or name a scenario file");
  }
  return path.string();
}

std::string data_dir() {
  const char* env = std::getenv("ARTERIA_DATA");
  if (env != nullptr && *env != '\0') return env;
  const std::filesystem::path share = share_dir();
  std::error_code error;
  if (!share.empty() && std::filesystem::is_directory(share / "data", error)) {
    return (share / "data").string();
  }
  return {};
}

}  // namespace arteria
