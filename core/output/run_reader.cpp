// read_run_summary(): /meta and /kpi attributes and table sizes of a run file, with errors
// that say which file and which part of the layout is missing.
#include "output/run_reader.hpp"

#include <string_view>

#include <filesystem>
#include <vector>

#include "base/error.hpp"
#include "base/sealed_file.hpp"
#include "output/hdf5_handle.hpp"
#include "output/sealed_outputs.hpp"

namespace arteria {
namespace {

// KPIs added within layout version 5 (docs/OUTPUT.md, /meta@format_version): files of that
// version written before them lack them, and they read as 0 (those runs had no stations).
bool added_within_layout(std::string_view name) {
  return name.starts_with("emergency_");
}

class SummaryReader {
 public:
  SummaryReader(const std::string& path, hid_t file) : path_(path), file_(file) {}

  template <class Record>
  void read_attributes(const char* group_name, Record& record, const char* hint) {
    const h5::Group group = open_required_group(group_name, hint);
    for_each_field(record, [&](const char* name, auto& value) {
      if (!h5::has_attribute(group.get(), name)) {
        if (added_within_layout(name)) return;  // a file written before them: 0
        missing(std::string(group_name) + "@" + name, "attribute is missing");
      }
      h5::read_attribute(group.get(), name, value);
    });
  }

  // A file of another layout version would fail on a missing attribute with a message that
  // hides the cause: say which versions differ and what to do instead.
  void check_version() {
    if (!h5::path_exists(file_, "/meta")) return;  // read_attributes reports it
    const h5::Group meta = h5::open_group(file_, "/meta");
    if (!h5::has_attribute(meta.get(), "format_version")) return;
    int version = 0;
    h5::read_attribute(meta.get(), "format_version", version);
    if (version != run_format_version) {
      throw InputError(path_, 0, "/meta@format_version",
                       "layout version " + std::to_string(version) + ", this Arteria reads " +
                           std::to_string(run_format_version) +
                           ": run the scenario again with this version");
    }
  }

  // Rows of a 1-D column (or of the first dimension of a series).
  std::uint64_t rows(const std::string& dataset_path) {
    if (!h5::path_exists(file_, dataset_path)) missing(dataset_path, "dataset is missing");
    const h5::Dataset dataset(
        h5::check_id(H5Dopen2(file_, dataset_path.c_str(), H5P_DEFAULT), "H5Dopen2", path_));
    const std::vector<hsize_t> dims = h5::dataset_dims(dataset.get());
    if (dims.empty()) missing(dataset_path, "dataset is a scalar, expected a column");
    return dims.front();
  }

  // Rows of a column that only some runs have; -1 when this one has not.
  std::int64_t optional_rows(const std::string& dataset_path) {
    if (!h5::path_exists(file_, dataset_path)) return -1;
    return static_cast<std::int64_t>(rows(dataset_path));
  }

 private:
  h5::Group open_required_group(const char* name, const char* hint) {
    if (!h5::path_exists(file_, name)) {
      missing(name, std::string("group is missing: ") + hint);
    }
    return h5::open_group(file_, name);
  }

  [[noreturn]] void missing(const std::string& what, const std::string& message) const {
    throw InputError(path_, 0, what, message);
  }

  const std::string& path_;
  hid_t file_;
};

// /vehicle_classes rows with trips and emission "none" (a few rows: one per class).
std::vector<std::string> classes_not_in_exhaust(hid_t file) {
  std::vector<std::string> names;
  if (!h5::path_exists(file, "/vehicle_classes/emission")) return names;
  const std::vector<std::string> name = h5::read_strings(file, "/vehicle_classes/name");
  const std::vector<std::string> emission = h5::read_strings(file, "/vehicle_classes/emission");
  const std::vector<double> trips = h5::read_doubles(file, "/vehicle_classes/trips");
  for (std::size_t c = 0; c < name.size() && c < emission.size() && c < trips.size(); ++c) {
    if (trips[c] > 0 && emission[c] == "none") names.push_back(name[c]);
  }
  return names;
}

RunSummary read_summary(const std::string& path) {
  const h5::QuietErrors quiet;
  if (!std::filesystem::exists(path)) throw InputError(path, 0, "", "no such file");
  check_file_seal(path, {run_file_magic}, "run file");  // HDF5 sees only whole files
  const h5::File file = h5::open_file_read_only(path);
  SummaryReader reader(path, file.get());
  reader.check_version();
  RunSummary summary;
  reader.read_attributes("/meta", summary.meta, "not an Arteria run file");
  reader.read_attributes("/kpi", summary.kpis, "the run did not finish writing");
  summary.node_count = reader.rows("/network/nodes/id");
  summary.link_count = reader.rows("/network/links/id");
  summary.bin_count = reader.rows("/links/time_s");
  summary.trip_count = reader.rows("/trips/vehicle");
  summary.event_count = reader.rows("/events/time_s");
  summary.transit_stop_count = reader.optional_rows("/transit/stops/id");
  summary.transit_trip_count = reader.optional_rows("/transit/trips/id");
  summary.transit_call_count = reader.optional_rows("/transit/calls/trip");
  summary.passenger_count = reader.optional_rows("/passengers/id");
  summary.classes_not_in_exhaust = classes_not_in_exhaust(file.get());
  return summary;
}

}  // namespace

RunSummary read_run_summary(const std::string& path) {
  return h5::read_user_file(path, [&] { return read_summary(path); });
}

}  // namespace arteria
