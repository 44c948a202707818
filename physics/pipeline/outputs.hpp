#pragma once
// Everything a run writes on a schedule: checkpoints (with rotation and the
// `latest` pointer), HDF5 snapshots with their XDMF index, and VTK output.
#include <memory>
#include <string>
#include <vector>

#include "core/timers.hpp"
#include "io/deck/deck.hpp"
#include "io/deck/problems.hpp"
#include "io/fields.hpp"
#include "mesh/mesh.hpp"
#include "physics/fields.hpp"
#include "physics/pipeline/run_output.hpp"
#include "physics/pipeline/schedule.hpp"

namespace boreas::pipeline {

struct RunIdentity {
  std::string name;  // file name stem
  std::string app;   // app name
  std::string deck;  // resolved deck text
};

class Outputs {
 public:
  // first_step/first_time: where the run starts (0, or the restart point).
  Outputs(const Mesh& mesh, Fields& fields, const io::Deck& deck, const RunOutput& folder,
          RunIdentity id, long long first_step, double first_time, bool restarted);
  // Deck errors this class would raise (unknown or repeated variable names
  // in output.*.variables), checked before the output folder exists.
  // output.*.variables may name state variables (kOutput), derived ones
  // (kDerived) and vectors (= their components); empty means all of the
  // state and derived variables.
  static void check_deck(const io::Deck& deck, const Fields& fields, io::DeckProblems& problems);

  // After a step (and at the start, step == first_step): writes what is due.
  void after_step(long long step, double t, Timers& timers);
  // At the end of a run that finished: a checkpoint (honours
  // output.checkpoint.at_end). A run that stopped at a steady state
  // (`steady`) always writes its final checkpoint, and also its final
  // snapshot and VTK output where those are scheduled, so that the state
  // the run stopped at is the last entry of the XDMF and .pvd series.
  void at_end(long long step, double t, Timers& timers, bool steady = false);
  // The next simulated time after t at which a time-scheduled output is
  // due (+inf if none is scheduled by time).
  double next_output_time(double t) const;
  // At a stop before the end (signal, wall time): always a checkpoint, unless
  // this step already has one. Returns the checkpoint's path.
  std::string at_stop(long long step, double t, Timers& timers);

  // Writes a checkpoint now and returns its path.
  // `stuck_code`: the exit code if the ranks get stuck after an I/O error.
  std::string write_checkpoint(long long step, double t, const std::vector<NamedVariable>& vars,
                               const std::vector<AppScalar>& scalars,
                               ExitCode stuck_code = ExitCode::runtime_failure);
  std::string checkpoint_dir() const { return checkpoint_dir_; }

 private:
  void write_snapshot(long long step, double t);
  void write_vtk(long long step, double t);
  // The variables `names` select (all output and derived ones if empty),
  // the vectors whose components are all among them, and whether a derived
  // one is among them (then the derived fields are updated first).
  struct Selection {
    std::vector<NamedVariable> vars;
    std::vector<VectorVariable> vectors;
  };
  Selection select(const std::vector<std::string>& names, long long step);
  void prune_checkpoints();
  io::StateHeader header(long long step, double t, const std::vector<AppScalar>& scalars) const;

  const Mesh& mesh_;
  Fields& fields_;
  RunIdentity id_;
  std::string checkpoint_dir_, snapshot_dir_, vtk_dir_;
  Schedule checkpoint_every_, snapshot_every_, vtk_every_;
  long long keep_ = 3;
  bool at_end_ = true;
  long long last_checkpoint_step_ = -1;
  long long last_snapshot_step_ = -1, last_vtk_step_ = -1;
  std::vector<std::string> snapshot_vars_, vtk_vars_;
  // The derived variables last computed, and at which step (a snapshot and
  // a VTK output of the same step compute them once).
  long long derived_step_ = -1;
  std::vector<std::string> derived_names_;
  std::vector<io::XdmfEntry> xdmf_;
  std::unique_ptr<io::VtkOutput> vtk_;
};

// "<dir>/<name>.<step:08>.h5"
std::string state_file_name(const std::string& name, long long step);
// Checkpoint/snapshot files of a run in a folder, newest (highest step) first.
std::vector<std::string> list_state_files(const std::string& dir, const std::string& name);

}  // namespace boreas::pipeline
