// RunWriter: a bounded job queue drained by one writer thread that alone calls HDF5, and the
// run file's layout (/meta, /network, /links, /emissions, /trips, /events, /kpi, /perf;
// /transit and /passengers in transit_writer.cpp).
#include "output/run_writer.hpp"

#include <array>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include <tbb/task_arena.h>

#include "base/sealed_file.hpp"
#include "output/emergency_writer.hpp"
#include "output/hdf5_handle.hpp"
#include "output/link_emissions.hpp"
#include "output/network_writer.hpp"
#include "output/run_reader.hpp"
#include "output/sealed_outputs.hpp"
#include "output/transit_writer.hpp"

namespace arteria {
namespace {

// State of the open file. It lives on the writer thread's stack, so its handles are opened,
// used and closed on that thread only. The file is declared first so it is closed last.
struct OutputFile {
  h5::File file;
  h5::Group links;
  std::vector<h5::AppendableMatrix> series;  // in link_series order
  std::vector<double> bin_start_s;
  h5::Group emissions;
  std::vector<h5::AppendableMatrix> emission_series;  // in Pollutant order
  EmissionTotals emission_totals;
  // Until write_vehicle_classes: the built-in classes (every road vehicle a car of the built-in
  // car's category, as no bin carries outflow by class).
  ClassEmissions class_emission{builtin_vehicle_classes().emission};
  std::vector<std::string> class_names{builtin_vehicle_classes().name};
  // /links/outflow_by_class, when the demand is not cars only: per bin one row for each class
  // with trips, in class order (those classes' indices).
  std::optional<h5::AppendableMatrix> class_outflow;
  std::vector<Index> class_outflow_classes;
};

using Job = std::function<void(OutputFile&)>;

struct SeriesSpec {
  const char* name;
  const char* units;
  std::vector<float> LinkBin::*values;
};
const std::array<SeriesSpec, 5> link_series = {{
    {"inflow", "veh", &LinkBin::inflow},
    {"outflow", "veh", &LinkBin::outflow},
    {"occupancy", "veh", &LinkBin::occupancy},
    {"mean_speed_mps", "m/s", &LinkBin::mean_speed_mps},
    {"queue_veh", "veh", &LinkBin::queue_veh},
}};

// Resolved on the calling thread, so the writer thread needs no network.
struct EventTable {
  std::vector<double> time_s;
  std::vector<std::string> kind;
  std::vector<std::string> target;
  std::vector<double> value;
  std::vector<std::string> plan;
};

void write_meta(hid_t file, const RunMeta& meta) {
  const h5::Group group = h5::create_group(file, "meta");
  // Lets readers tell an Arteria run from any other HDF5 file, and layouts apart later.
  h5::write_attribute(group.get(), "format", "arteria.run");
  h5::write_attribute(group.get(), "format_version", run_format_version);
  for_each_field(meta, [&](const char* name, const auto& value) {
    h5::write_attribute(group.get(), name, value);
  });
}

void create_link_series(OutputFile& out, Index link_count, double bin_s) {
  out.links = h5::create_group(out.file.get(), "links");
  h5::write_attribute(out.links.get(), "bin_s", bin_s);
  for (const SeriesSpec& spec : link_series) {
    out.series.emplace_back(out.links.get(), spec.name, link_count, spec.units);
  }
}

// /emissions: one [bin, link] series per pollutant, in grams, on /links' time axis.
void create_emission_series(OutputFile& out, Index link_count) {
  out.emissions = h5::create_group(out.file.get(), "emissions");
  h5::write_attribute(out.emissions.get(), "vehicle_class",
                      emission_class_name(*out.class_emission[car_class]));
  h5::write_attribute(out.emissions.get(), "speed_min_kmh", emission_speed_min_kmh);
  h5::write_attribute(out.emissions.get(), "speed_max_kmh", emission_speed_max_kmh);
  for (std::size_t p = 0; p < pollutant_count; ++p) {
    const std::string name = std::string(pollutant_name(static_cast<Pollutant>(p))) + "_g";
    out.emission_series.emplace_back(out.emissions.get(), name.c_str(), link_count, "g");
  }
}

// The series exist unless [output] emissions = false; the totals are kept either way.
void append_emissions(OutputFile& out, const LinkBin& bin, const Network& network) {
  const LinkEmissions grams =
      link_emissions(bin, network, out.class_emission, &out.emission_totals.by_class);
  for (std::size_t p = 0; p < out.emission_series.size(); ++p) {
    out.emission_series[p].append_row(grams[p]);
  }
  out.emission_totals.add(grams);
}

// What write_vehicle_classes writes, taken on the calling thread.
struct ClassTable {
  std::vector<std::string> name;
  std::vector<float> pcu;
  std::vector<float> length_m;
  std::vector<float> max_speed_kmh;   // infinity: the links' speeds only
  std::vector<std::string> emission;  // "none" for a class not counted
  std::vector<std::uint64_t> trips;
  ClassEmissions class_emission;
  bool by_class = false;  // outflow by class follows in every bin
};

// /vehicle_classes (one row per class), and /links/outflow_by_class when the bins will carry
// outflow by class: rows bin × K + k for the K classes with trips, whose names are its
// `classes` attribute (a [bin, class, link] array once reshaped).
void write_class_table(OutputFile& out, const ClassTable& table, Index link_count) {
  const h5::Group group = h5::create_group(out.file.get(), "vehicle_classes");
  h5::write_column(group.get(), "name", table.name);
  h5::write_column(group.get(), "pcu", table.pcu);
  h5::write_column(group.get(), "length_m", table.length_m, "m");
  h5::write_column(group.get(), "max_speed_kmh", table.max_speed_kmh, "km/h");
  h5::write_column(group.get(), "emission", table.emission);
  h5::write_column(group.get(), "trips", table.trips);
  out.class_emission = table.class_emission;
  out.class_names = table.name;
  if (!table.by_class) return;
  std::vector<std::string> names;
  for (Index c = 0; c < table.name.size(); ++c) {
    if (table.trips[c] == 0) continue;
    out.class_outflow_classes.push_back(c);
    names.push_back(table.name[c]);
  }
  out.class_outflow.emplace(out.links.get(), "outflow_by_class", link_count, "veh");
  h5::write_attribute(out.class_outflow->get(), "classes", names);
}

// /emissions/by_class: one row per vehicle class, in /vehicle_classes order, over the run.
void write_class_emission_totals(OutputFile& out) {
  ClassEmissionTotals totals = out.emission_totals.by_class;
  totals.vehicle_km.resize(out.class_names.size(), 0.0);
  totals.grams.resize(out.class_names.size(), {});
  const h5::Group group = h5::create_group(out.emissions.get(), "by_class");
  h5::write_column(group.get(), "class", out.class_names);
  h5::write_column(group.get(), "vehicle_km", std::span<const double>(totals.vehicle_km), "km");
  for (std::size_t p = 0; p < pollutant_count; ++p) {
    std::vector<double> kg;
    for (const auto& grams : totals.grams) kg.push_back(grams[p] / 1000.0);
    const std::string name = std::string(pollutant_name(static_cast<Pollutant>(p))) + "_kg";
    h5::write_column(group.get(), name, std::span<const double>(kg), "kg");
  }
}

Kpis with_emission_totals(Kpis kpis, const EmissionTotals& totals) {
  kpis.co2_kg = totals.grams[static_cast<std::size_t>(Pollutant::co2)] / 1000.0;
  kpis.nox_kg = totals.grams[static_cast<std::size_t>(Pollutant::nox)] / 1000.0;
  kpis.pm25_kg = totals.grams[static_cast<std::size_t>(Pollutant::pm25)] / 1000.0;
  kpis.fuel_kg = totals.grams[static_cast<std::size_t>(Pollutant::fuel)] / 1000.0;
  return kpis;
}

void write_trips_table(hid_t file, const TripRecords& trips) {
  const h5::Group group = h5::create_group(file, "trips");
  h5::write_column(group.get(), "vehicle", trips.vehicle);
  h5::write_column(group.get(), "id", trips.external_id);
  const h5::Dataset origin = h5::write_column(group.get(), "origin", trips.origin);
  h5::write_attribute(origin.get(), "index_of", "/network/nodes");
  const h5::Dataset destination = h5::write_column(group.get(), "destination", trips.destination);
  h5::write_attribute(destination.get(), "index_of", "/network/nodes");
  h5::write_column(group.get(), "depart_s", trips.depart_s, "s");
  h5::write_column(group.get(), "insert_s", trips.insert_s, "s");
  h5::write_column(group.get(), "arrive_s", trips.arrive_s, "s");
  h5::write_column(group.get(), "removed_s", trips.removed_s, "s");
  h5::write_column(group.get(), "distance_m", trips.distance_m, "m");
  h5::write_column(group.get(), "free_flow_time_s", trips.free_flow_time_s, "s");
  const h5::Dataset status = h5::write_column(group.get(), "status", trips.status);
  h5::write_column(group.get(), "reroutes", trips.reroutes);
  const h5::Dataset vehicle_class = h5::write_column(group.get(), "class", trips.vehicle_class);
  h5::write_attribute(vehicle_class.get(), "index_of", "/vehicle_classes");
  if (!trips.route_first_link.empty()) {  // output.routes: the links each trip drove
    const h5::Dataset first =
        h5::write_column(group.get(), "route_first_link", trips.route_first_link);
    h5::write_attribute(first.get(), "index_of", "/trips/route_links");
    const h5::Dataset links = h5::write_column(group.get(), "route_links", trips.route_links);
    h5::write_attribute(links.get(), "index_of", "/network/links");
  }
  std::vector<std::string> status_names;
  for (int s = 0; s <= static_cast<int>(TripStatus::unroutable); ++s) {
    status_names.emplace_back(trip_status_name(static_cast<TripStatus>(s)));
  }
  h5::write_attribute(status.get(), "status_names", status_names);
  h5::write_attribute(group.get(), "status_names", status_names);
}

void write_events_table(hid_t file, const EventTable& events) {
  const h5::Group group = h5::create_group(file, "events");
  h5::write_column(group.get(), "time_s", events.time_s, "s");
  h5::write_column(group.get(), "kind", events.kind);
  h5::write_column(group.get(), "target", events.target);
  h5::write_column(group.get(), "value", events.value);
  h5::write_column(group.get(), "plan", events.plan);
}

template <class Record>
void write_record_attributes(hid_t file, const char* group_name, const Record& record) {
  const h5::Group group = h5::create_group(file, group_name);
  for_each_field(record, [&](const char* name, const auto& value) {
    h5::write_attribute(group.get(), name, value);
  });
}

std::string event_target_id(const Event& event, const Network& net) {
  switch (event.kind) {
    case EventKind::close_link:
    case EventKind::reopen_link:
    case EventKind::set_link_capacity:
    case EventKind::set_link_speed:
    case EventKind::close_lanes:
    case EventKind::limit_speed:
      return event.target < net.link_count ? net.link_external_id[event.target] : "";
    case EventKind::set_signal_plan:
      return event.target < net.node_count ? net.node_external_id[event.target] : "";
    case EventKind::scale_demand: return "";
  }
  return "";
}

}  // namespace

class RunWriter::Worker {
 public:
  // `threads`: the run's; the writer compresses large columns on that many (0: every core).
  explicit Worker(int threads)
      : arena_(threads > 0 ? threads : tbb::task_arena::automatic), thread_([this] { run(); }) {}
  ~Worker() { stop(true); }

  // Queues `job`, waiting while the queue is full; returns the seconds spent waiting.
  double push(Job job) {
    std::unique_lock lock(mutex_);
    rethrow_locked();
    // Nothing would ever drain the queue: fail rather than block forever.
    if (stopping_) throw std::logic_error("RunWriter: the writer thread has stopped");
    double waited_s = 0.0;
    if (jobs_.size() >= max_queued_jobs) {
      const auto start = std::chrono::steady_clock::now();
      progress_.wait(lock, [&] { return jobs_.size() < max_queued_jobs || error_; });
      waited_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      rethrow_locked();
    }
    jobs_.push_back(std::move(job));
    lock.unlock();
    work_ready_.notify_one();
    return waited_s;
  }

  // Waits until every queued job has run, then rethrows the first error, if any.
  void wait_idle() {
    std::unique_lock lock(mutex_);
    progress_.wait(lock, [&] { return (jobs_.empty() && !busy_) || error_; });
    rethrow_locked();
  }

  // Runs the queued jobs (or drops them when `discard`), closes the file and joins the thread.
  void stop(bool discard) noexcept {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      discarding_ = discarding_ || discard;
    }
    work_ready_.notify_one();
    if (thread_.joinable()) thread_.join();
  }

  void rethrow_if_failed() {
    std::lock_guard lock(mutex_);
    rethrow_locked();
  }

 private:
  void rethrow_locked() const {
    if (error_) std::rethrow_exception(error_);
  }

  void run() {
    const h5::QuietErrors quiet;  // per thread: this is the thread that calls HDF5
    OutputFile out;
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
        if (discarding_ || error_) jobs_.clear();
        if (jobs_.empty()) break;
        job = std::move(jobs_.front());
        jobs_.pop_front();
        busy_ = true;
      }
      progress_.notify_all();
      std::exception_ptr failure;
      try {
        arena_.execute([&] { job(out); });
      } catch (...) {
        failure = std::current_exception();
      }
      {
        std::lock_guard lock(mutex_);
        busy_ = false;
        if (failure && !error_) error_ = failure;
      }
      progress_.notify_all();
    }
    // `out` goes out of scope here, closing whatever is still open on this same thread.
  }

  std::mutex mutex_;
  std::condition_variable work_ready_;  // the writer waits for jobs
  std::condition_variable progress_;    // callers wait for room, idleness or an error
  std::deque<Job> jobs_;
  bool busy_ = false;
  bool stopping_ = false;
  bool discarding_ = false;
  std::exception_ptr error_;
  tbb::task_arena arena_;
  std::thread thread_;  // last: started once every other member exists
};

RunWriter::RunWriter(std::string path, const RunMeta& meta, const Network& network, bool emissions)
    : path_(std::move(path)),
      temp_path_(path_ + ".tmp"),
      network_(&network),
      worker_(std::make_unique<Worker>(meta.threads)) {
  try {
    temp_claim_ = FileClaim(temp_path_);
    // Captures by reference are safe: the constructor waits for this job to finish.
    worker_->push([&](OutputFile& out) {
      out.file = h5::create_file(temp_path_, sealed_header_bytes);
      write_meta(out.file.get(), meta);
      write_network(out.file.get(), network);
      create_link_series(out, network.link_count, meta.bin_s);
      if (emissions) create_emission_series(out, network.link_count);
    });
    worker_->wait_idle();
  } catch (...) {
    abandon();
    throw;
  }
}

RunWriter::~RunWriter() {
  if (!completed_) abandon();
}

void RunWriter::abandon() noexcept {
  worker_->stop(true);
  std::error_code ignored;
  if (temp_claim_.held()) std::filesystem::remove(temp_path_, ignored);
}

void RunWriter::append_link_bin(LinkBin&& bin) {
  require_open("append_link_bin");
  for (const SeriesSpec& spec : link_series) {
    if ((bin.*spec.values).size() != network_->link_count) {
      throw std::invalid_argument("RunWriter: link bin at " + std::to_string(bin.time_s) +
                                  " s has " + std::to_string((bin.*spec.values).size()) + " " +
                                  spec.name + " values for " +
                                  std::to_string(network_->link_count) + " links");
    }
  }
  // The network outlives the writer (constructor's contract) and is only read.
  waited_s_ += worker_->push([bin = std::move(bin), network = network_](OutputFile& out) {
    for (std::size_t s = 0; s < link_series.size(); ++s) {
      out.series[s].append_row(bin.*link_series[s].values);
    }
    for (const Index c : out.class_outflow_classes) {
      out.class_outflow->append_row(bin.class_outflow.at(c));
    }
    append_emissions(out, bin, *network);
    out.bin_start_s.push_back(bin.time_s);
  });
}

void RunWriter::write_vehicle_classes(const Demand& demand) {
  require_open("write_vehicle_classes");
  if (classes_written_) throw std::logic_error("RunWriter: vehicle classes written twice");
  classes_written_ = true;
  const VehicleClasses& classes = demand.classes;
  ClassTable table;
  table.name = classes.name;
  table.pcu = classes.pcu;
  table.length_m = classes.length_m;
  for (const float mps : classes.max_speed_mps) table.max_speed_kmh.push_back(mps * 3.6f);
  for (const auto& category : classes.emission) {
    table.emission.emplace_back(category ? emission_class_name(*category) : "none");
  }
  table.trips = demand.trips_per_class();
  table.class_emission = classes.emission;
  table.by_class = !demand.cars_only();
  waited_s_ += worker_->push([table = std::move(table), links = network_->link_count](
                                 OutputFile& out) { write_class_table(out, table, links); });
}

void RunWriter::write_trips(TripRecords&& trips) {
  require_open("write_trips");
  if (trips_written_) throw std::logic_error("RunWriter: trips written twice");
  const std::size_t rows = trips.vehicle.size();
  const std::array<std::size_t, 12> sizes = {
      trips.vehicle.size(),     trips.external_id.size(), trips.origin.size(),
      trips.destination.size(), trips.depart_s.size(),    trips.insert_s.size(),
      trips.arrive_s.size(),    trips.distance_m.size(),  trips.free_flow_time_s.size(),
      trips.status.size(),      trips.reroutes.size(),    trips.vehicle_class.size()};
  for (const std::size_t size : sizes) {
    if (size != rows) throw std::invalid_argument("RunWriter: trip columns differ in length");
  }
  if (!trips.route_first_link.empty() &&
      (trips.route_first_link.size() != rows + 1 ||
       trips.route_first_link.back() != trips.route_links.size())) {
    throw std::invalid_argument("RunWriter: trip routes do not match the trip rows");
  }
  trips_written_ = true;
  waited_s_ += worker_->push(
      [trips = std::move(trips)](OutputFile& out) { write_trips_table(out.file.get(), trips); });
}

void RunWriter::write_events(const std::vector<Event>& events) {
  require_open("write_events");
  if (events_written_) throw std::logic_error("RunWriter: events written twice");
  EventTable table;
  for (const Event& event : events) {
    table.time_s.push_back(event.time_s);
    table.kind.emplace_back(event_kind_name(event.kind));
    table.target.push_back(event_target_id(event, *network_));
    table.value.push_back(event.value);
    const SignalPlanTable& plans = network_->signal_plans;
    table.plan.push_back(event.plan < plans.size() ? plans.id(event.plan) : std::string());
  }
  events_written_ = true;
  waited_s_ += worker_->push(
      [table = std::move(table)](OutputFile& out) { write_events_table(out.file.get(), table); });
}

void RunWriter::write_transit(TransitRecords&& records) {
  require_open("write_transit");
  if (transit_written_) throw std::logic_error("RunWriter: transit written twice");
  check_transit_records(records);
  transit_written_ = true;
  waited_s_ += worker_->push([records = std::move(records)](OutputFile& out) {
    write_transit_groups(out.file.get(), records);
  });
}

void RunWriter::write_dispatches(DispatchRecords&& records) {
  require_open("write_dispatches");
  if (dispatches_written_) throw std::logic_error("RunWriter: dispatches written twice");
  check_dispatch_records(records);
  dispatches_written_ = true;
  waited_s_ += worker_->push([records = std::move(records)](OutputFile& out) {
    write_dispatch_table(out.file.get(), records);
  });
}

Kpis RunWriter::finish(const Kpis& kpis, const RunPerf& perf) {
  require_open("finish");
  finish_called_ = true;  // even if it fails below: the worker is stopped either way
  const bool need_trips = !trips_written_;
  const bool need_events = !events_written_;
  Kpis written;
  worker_->push([=, this, &written](OutputFile& out) {
    // Every run file has the same groups, even when the run had no trips or no events.
    if (need_trips) write_trips_table(out.file.get(), TripRecords{});
    if (need_events) write_events_table(out.file.get(), EventTable{});
    h5::write_column(out.links.get(), "time_s", out.bin_start_s, "s");
    written = with_emission_totals(kpis, out.emission_totals);
    if (out.emissions.valid()) write_class_emission_totals(out);
    write_record_attributes(out.file.get(), "kpi", written);
    write_record_attributes(out.file.get(), "perf", perf);
    out.series.clear();
    out.class_outflow.reset();
    out.links.reset();
    out.emission_series.clear();
    out.emissions.reset();
    out.file.close_checked("H5Fclose", temp_path_);
  });
  worker_->stop(false);
  worker_->rethrow_if_failed();
  seal_file(temp_path_, run_file_magic);
  std::filesystem::rename(temp_path_, path_);
  completed_ = true;
  return written;
}

void RunWriter::require_open(const char* call) const {
  if (finish_called_) throw std::logic_error(std::string("RunWriter: ") + call + " after finish");
}

}  // namespace arteria
