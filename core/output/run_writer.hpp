// Writes one run to an HDF5 file (layout: docs/OUTPUT.md) from a writer thread of its
// own, so the simulation's TBB workers never call HDF5, whose Debian build serialises every call.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "base/file_claim.hpp"
#include "model/demand.hpp"
#include "model/event.hpp"
#include "model/network.hpp"
#include "sim/emergency/emergency_records.hpp"
#include "sim/run_records.hpp"
#include "sim/transit_records.hpp"

namespace arteria {

// Threading: the simulation's driving thread calls the methods below; each hands its records
// to the writer thread through a bounded queue and returns. Only the writer thread touches
// HDF5. An exception on the writer thread is kept and rethrown by the next call (or finish()).
//
// Crash safety: the file is written as `path + ".tmp"` and renamed to `path` by finish(). A
// writer destroyed without a successful finish() deletes the temporary file, so no half-written
// output is left under either name.
//
// Determinism: the bytes depend only on what is written, in which order; wall-clock figures go
// to /perf only. Not thread-safe itself: one thread drives a RunWriter.
class RunWriter {
 public:
  // Bins that may wait in the queue before append_link_bin() blocks: bounds memory at a few
  // bins' worth of link arrays while letting compression overlap the next steps.
  static constexpr std::size_t max_queued_jobs = 4;

  // Starts the writer thread, creates the temporary file and writes /meta and /network, and
  // returns once they are written (errors such as an unwritable directory surface here).
  // `network` is read again by write_events(), so it must outlive the writer. Without
  // `emissions` the file has no /emissions group ([output] emissions = false); the emission
  // totals in /kpi are computed and written all the same.
  RunWriter(std::string path, const RunMeta& meta, const Network& network, bool emissions = true);
  ~RunWriter();
  RunWriter(const RunWriter&) = delete;
  RunWriter& operator=(const RunWriter&) = delete;

  // Appends one row to every /links series and the bin's emissions to every /emissions series
  // (link_emissions.hpp), when there are. Every vector must have one value per link.
  // Blocks while the queue is full; the time spent blocked adds to waited_s().
  void append_link_bin(LinkBin&& bin);
  // Writes /vehicle_classes (demand.classes and their road trips) and sets the category each
  // class's emissions are charged as; when the demand is not cars only, creates the series of
  // /links/outflow_by_class, which every later bin must then carry (LinkBin::class_outflow).
  // At most once, before the first bin; without it every road vehicle is charged as a car.
  void write_vehicle_classes(const Demand& demand);
  // Writes the /trips table; at most once. If never called, finish() writes an empty table.
  void write_trips(TripRecords&& trips);
  // Writes the /events table (time_s, kind, target, value, plan); at most once. Targets and
  // plans are written by external id, looked up in the network on the calling thread.
  void write_events(const std::vector<Event>& events);
  // Writes /transit (stops, trips, calls) and /passengers; at most once. Checks on the calling
  // thread that every table's columns agree in length (std::invalid_argument otherwise). If
  // never called, the file has neither group: runs without transit are unchanged.
  void write_transit(TransitRecords&& records);
  // Writes /emergency/dispatches (output/emergency_writer.hpp); at most once. If never called,
  // the file has no /emergency: runs without emergency stations are unchanged.
  void write_dispatches(DispatchRecords&& records);
  // Writes /links/time_s, /kpi and /perf, closes the file and renames it to its final name.
  // Waits for the writer thread; rethrows any error it met. The writer is done afterwards.
  // Returns the KPIs as written: `kpis` with the emission totals of every bin appended
  // (co2_kg, ...; link_emissions.hpp), which only the writer knows.
  Kpis finish(const Kpis& kpis, const RunPerf& perf);

  // Seconds the calling thread spent blocked on a full queue: the output's cost to the run.
  double waited_s() const { return waited_s_; }
  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_path_; }

 private:
  class Worker;
  void abandon() noexcept;
  void require_open(const char* call) const;

  std::string path_;
  std::string temp_path_;
  const Network* network_;
  std::unique_ptr<Worker> worker_;
  double waited_s_ = 0.0;
  bool trips_written_ = false;
  bool classes_written_ = false;
  bool events_written_ = false;
  bool transit_written_ = false;
  bool dispatches_written_ = false;
  bool finish_called_ = false;
  bool completed_ = false;  // finish() succeeded: the file is in place under its final name
  // Held from before the temp file is created until it is renamed or removed: a second
  // writer of the same output fails here instead of truncating this one's file.
  FileClaim temp_claim_;
};

}  // namespace arteria
