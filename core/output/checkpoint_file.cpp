#include "output/checkpoint_file.hpp"

#include <filesystem>
#include <sstream>

#include "base/error.hpp"
#include "base/file_claim.hpp"
#include "base/sealed_file.hpp"
#include "output/checkpoint_columns.hpp"
#include "output/sealed_outputs.hpp"
#include "sim/state_fields.hpp"

namespace arteria {
namespace {

constexpr const char* identity_group = "checkpoint";

// The link series of LinkBin, each stored bin-major as one column of bins x links values.
constexpr auto series_members = std::tuple{
    Member{"inflow", &LinkBin::inflow}, Member{"outflow", &LinkBin::outflow},
    Member{"occupancy", &LinkBin::occupancy}, Member{"mean_speed_mps", &LinkBin::mean_speed_mps},
    Member{"queue_veh", &LinkBin::queue_veh}};

// f(member, k) for each series k in order.
template <class F>
void for_each_series(F&& f) {
  std::size_t k = 0;
  std::apply([&](const auto&... member) { (f(member, k++), ...); }, series_members);
}

// Everything below /checkpoint's attributes, in one order for writing and reading: the state,
// the bin start of the run, the recorded series. `Walker` is ColumnWriter or ColumnReader and
// `State` and `Double` const for writing. Series columns are flat: the reader splits them by
// link count.
template <class Walker, class State, class Double>
void walk_columns(Walker& walk, State& state, Double& bin_start_s, std::vector<double>& bin_times,
                  std::vector<std::vector<float>>& series, std::vector<float>& class_outflow) {
  for_each_state_field(state, [&](const char* name, auto&... field) {
    walk(std::string("state/") + name, field...);
  });
  walk("run/bin_start_s", bin_start_s);
  walk("series/time_s", bin_times);
  for_each_series([&](const auto& member, std::size_t k) {
    walk(std::string("series/") + member.name, series[k]);
  });
  // LinkBin::class_outflow, bin by bin, class by class: empty for a cars-only demand.
  walk("series/class_outflow", class_outflow);
}

}  // namespace

void write_checkpoint(const std::string& path, const CheckpointIdentity& identity,
                      const SimState& state, double bin_start_s, const std::vector<LinkBin>& bins) {
  const std::string temp_path = path + ".tmp";
  FileClaim claim(temp_path);
  try {
    h5::QuietErrors quiet;
    h5::File file = h5::create_file(temp_path, sealed_header_bytes);
    {
      h5::Group group = h5::create_group(file.get(), identity_group);
      for_each_field(identity, [&](const char* name, const auto& value) {
        h5::write_attribute(group.get(), name, value);
      });
      std::vector<double> bin_times;
      const std::size_t series_count = std::tuple_size_v<decltype(series_members)>;
      std::vector<std::vector<float>> series(series_count);
      std::vector<float> class_outflow;
      for (const LinkBin& bin : bins) {
        bin_times.push_back(bin.time_s);
        for (const std::vector<float>& values : bin.class_outflow) {
          class_outflow.insert(class_outflow.end(), values.begin(), values.end());
        }
        for_each_series([&](const auto& member, std::size_t k) {
          const std::vector<float>& values = bin.*member.pointer;
          series[k].insert(series[k].end(), values.begin(), values.end());
        });
      }
      checkpoint_io::ColumnWriter writer(file.get());
      const double bin_start = bin_start_s;
      walk_columns(writer, state, bin_start, bin_times, series, class_outflow);
    }
    file.close_checked("H5Fclose", temp_path);
    seal_file(temp_path, checkpoint_file_magic);
    std::filesystem::rename(temp_path, path);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temp_path, ignored);
    throw;
  }
}

Checkpoint read_checkpoint(const std::string& path) {
  h5::QuietErrors quiet;
  std::string field;  // what was being read, for the error
  try {
    // HDF5 only ever sees a file whose every byte is as written.
    check_file_seal(path, {checkpoint_file_magic}, "checkpoint");
    const h5::File file = h5::open_file_read_only(path);
    field = identity_group;
    if (!h5::path_exists(file.get(), identity_group)) {
      throw InputError(path, 0, field, "not a checkpoint: the file has no /checkpoint group");
    }
    const h5::Group group = h5::open_group(file.get(), identity_group);
    Checkpoint checkpoint;
    field = "format_version";
    h5::read_attribute(group.get(), field, checkpoint.identity.format_version);
    if (checkpoint.identity.format_version != checkpoint_format_version) {
      throw InputError(
          path, 0, field,
          "checkpoint format version " + std::to_string(checkpoint.identity.format_version) +
              ", this engine reads version " + std::to_string(checkpoint_format_version));
    }
    for_each_field(checkpoint.identity, [&](const char* name, auto& value) {
      field = name;
      h5::read_attribute(group.get(), name, value);
    });
    std::vector<double> bin_times;
    std::vector<std::vector<float>> series(std::tuple_size_v<decltype(series_members)>);
    std::vector<float> class_outflow;
    checkpoint_io::ColumnReader reader(file.get(), field);
    walk_columns(reader, checkpoint.state, checkpoint.bin_start_s, bin_times, series,
                 class_outflow);
    field = "series";
    const std::size_t links = checkpoint.state.links.capacity_vph.size();
    for (const std::vector<float>& values : series) {
      if (values.size() != bin_times.size() * links) {
        throw InputError(path, 0, field, "the series do not hold one value per bin and link");
      }
    }
    // The state's per-class counts say how many classes each bin holds (none: cars only).
    const std::size_t classes = links == 0 ? 0 : checkpoint.state.bin.class_outflow.size() / links;
    if (class_outflow.size() != bin_times.size() * classes * links) {
      throw InputError(path, 0, field,
                       "the class outflow does not hold one value per bin, class and link");
    }
    checkpoint.bins.resize(bin_times.size());
    for (std::size_t b = 0; b < bin_times.size(); ++b) {
      LinkBin& bin = checkpoint.bins[b];
      bin.time_s = bin_times[b];
      for_each_series([&](const auto& member, std::size_t k) {
        const auto first = series[k].begin() + static_cast<std::ptrdiff_t>(b * links);
        (bin.*member.pointer).assign(first, first + static_cast<std::ptrdiff_t>(links));
      });
      bin.class_outflow.resize(classes);
      for (std::size_t c = 0; c < classes; ++c) {
        const auto first =
            class_outflow.begin() + static_cast<std::ptrdiff_t>((b * classes + c) * links);
        bin.class_outflow[c].assign(first, first + static_cast<std::ptrdiff_t>(links));
      }
    }
    return checkpoint;
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    throw InputError(path, 0, field, std::string("cannot read the checkpoint: ") + e.what());
  }
}

std::vector<std::string> identity_differences(const CheckpointIdentity& checkpoint,
                                              const CheckpointIdentity& run) {
  const auto as_text = [](const CheckpointIdentity& identity) {
    std::vector<std::pair<std::string, std::string>> fields;
    for_each_field(identity, [&](const char* name, const auto& value) {
      std::ostringstream text;
      text << value;
      fields.emplace_back(name, text.str());
    });
    return fields;
  };
  const auto saved = as_text(checkpoint);
  const auto now = as_text(run);
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < saved.size(); ++i) {
    if (saved[i].second != now[i].second) {
      lines.push_back(saved[i].first + ": checkpoint '" + saved[i].second + "', this run '" +
                      now[i].second + "'");
    }
  }
  return lines;
}

}  // namespace arteria
