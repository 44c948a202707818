#pragma once
// The output folder of a run (docs/architecture.md, "Output folder"): deck.resolved.toml, log.txt,
// diagnostics.csv and perf.json. Only rank 0 writes these files.
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "core/json.hpp"

namespace boreas::pipeline {

class RunOutput {
 public:
  // Creates the folder (and parents). Throws RuntimeError naming the path if
  // it cannot. `append` keeps existing log/diagnostics (restarts).
  RunOutput(const Context& ctx, std::string dir, bool append = false);
  ~RunOutput();
  const std::string& dir() const { return dir_; }
  std::string path(const std::string& name) const { return dir_ + "/" + name; }

  void write_text_file(const std::string& name, const std::string& text) const;
  // keep_up_to_step >= 0 (restart): keeps existing rows up to that step and
  // drops later ones, which the restarted run will write again.
  void begin_diagnostics(const std::vector<std::string>& names, long long keep_up_to_step = -1);
  void append_diagnostics(long long step, double t, double dt, const std::vector<double>& values);
  void write_json(const std::string& name, const Json& j) const;

 private:
  // Takes the run folder's lock (rank 0, flock on .boreas.lock) or throws
  // InputError naming the run that holds it. The kernel drops the lock when
  // the holder exits, however it exits, so a killed run never blocks the
  // restart.
  void lock_folder();

  const Context& ctx_;
  std::string dir_;
  bool append_;
  int lock_fd_ = -1;
  std::unique_ptr<std::ofstream> diagnostics_;
};

}  // namespace boreas::pipeline
