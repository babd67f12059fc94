// Opens a GTFS feed's archive or folder and hands out whole tables as text.
// Tables are read whole because the parser works on one contiguous buffer (see gtfs_table.cpp).
#include "formats/gtfs/gtfs_source.hpp"

#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

#include "base/error.hpp"

namespace arteria {

struct GtfsSource::Archive {
  zip_t* zip = nullptr;
  std::unordered_map<std::string, std::pair<zip_uint64_t, std::string>> entries;  // name -> entry
  ~Archive() {
    if (zip != nullptr) zip_discard(zip);
  }
};

namespace {

std::string zip_message(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string message = zip_error_strerror(&error);
  zip_error_fini(&error);
  return message;
}

std::size_t depth(const std::string& entry) {
  return static_cast<std::size_t>(std::count(entry.begin(), entry.end(), '/'));
}

}  // namespace

GtfsSource::GtfsSource(std::string path) : path_(std::move(path)) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path_, ec)) {
    for (const auto& entry : fs::directory_iterator(path_, ec)) {
      if (entry.is_regular_file(ec)) {
        folder_files_.emplace(entry.path().filename().string(), entry.path().string());
      }
    }
    return;
  }
  if (!fs::is_regular_file(path_, ec)) {
    throw InputError(path_, 0, "", "GTFS feed not found: expected a .zip file or a folder");
  }
  int code = 0;
  zip_t* zip = zip_open(path_.c_str(), ZIP_RDONLY, &code);
  if (zip == nullptr) {
    throw InputError(path_, 0, "", "cannot open as a zip archive: " + zip_message(code));
  }
  archive_ = std::make_unique<Archive>();
  archive_->zip = zip;
  const zip_int64_t count = zip_get_num_entries(zip, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* raw = zip_get_name(zip, static_cast<zip_uint64_t>(i), 0);
    if (raw == nullptr) continue;
    const std::string entry = raw;
    if (entry.empty() || entry.back() == '/' || entry.rfind("__MACOSX/", 0) == 0) continue;
    const std::size_t slash = entry.rfind('/');
    const std::string name = slash == std::string::npos ? entry : entry.substr(slash + 1);
    // A feed zipped with its folder has its tables one level down; the shallowest copy wins.
    const auto it = archive_->entries.find(name);
    if (it == archive_->entries.end() || depth(entry) < depth(it->second.second)) {
      archive_->entries[name] = {static_cast<zip_uint64_t>(i), entry};
    }
  }
}

GtfsSource::~GtfsSource() = default;

bool GtfsSource::has(std::string_view name) const {
  const std::string key(name);
  return archive_ ? archive_->entries.count(key) > 0 : folder_files_.count(key) > 0;
}

std::string GtfsSource::label(std::string_view name) const {
  if (archive_) {
    const auto it = archive_->entries.find(std::string(name));
    return path_ + ":" + (it == archive_->entries.end() ? std::string(name) : it->second.second);
  }
  return (std::filesystem::path(path_) / std::string(name)).string();
}

std::string GtfsSource::read(std::string_view name) const {
  if (!has(name)) throw InputError(label(name), 0, "", "required file is missing from the feed");
  std::string content;
  if (!archive_) {
    const std::string& file = folder_files_.at(std::string(name));
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(label(name), 0, "", "cannot open file");
    in.seekg(0, std::ios::end);
    content.resize(static_cast<std::size_t>(in.tellg()));
    in.seekg(0, std::ios::beg);
    in.read(content.data(), static_cast<std::streamsize>(content.size()));
    if (!in) throw InputError(label(name), 0, "", "cannot read file");
    return content;
  }
  const zip_uint64_t index = archive_->entries.at(std::string(name)).first;
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive_->zip, index, 0, &stat) != 0 || (stat.valid & ZIP_STAT_SIZE) == 0) {
    throw InputError(label(name), 0, "", "cannot read the archive entry's size");
  }
  zip_file_t* file = zip_fopen_index(archive_->zip, index, 0);
  if (file == nullptr) {
    throw InputError(label(name), 0, "",
                     std::string("cannot open archive entry: ") + zip_strerror(archive_->zip));
  }
  content.resize(static_cast<std::size_t>(stat.size));
  const zip_int64_t got = zip_fread(file, content.data(), stat.size);
  zip_fclose(file);
  if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size) {
    throw InputError(label(name), 0, "", "cannot decompress archive entry (corrupt zip?)");
  }
  return content;
}

}  // namespace arteria
