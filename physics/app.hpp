#pragma once
// The interface every physics app implements, and the registry the driver
// looks apps up in. An app owns its fields and kernels; the generic time loop
// (apps/driver) owns time, output and failure handling.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "core/exec.hpp"
#include "io/deck/deck.hpp"
#include "io/deck/schema.hpp"
#include "mesh/boundary.hpp"
#include "mesh/field_ops.hpp"
#include "mesh/mesh.hpp"

namespace boreas {

class Timers;

// One named variable of an app's state, for output, NaN checks and checkpoints.
using StateVariable = NamedVariable;

// Named scalar an app wants to survive a restart exactly (besides its fields).
struct AppScalar {
  std::string name;
  double value = 0.0;
};

class App {
 public:
  virtual ~App() = default;

  // Ghost width the app's stencils need; the mesh is built with it.
  virtual int ghost_width() const = 0;
  // Allocates fields and sets the initial condition. `faces` are the deck's
  // per-face conditions; the app maps them onto its variables.
  virtual void setup(const Mesh& mesh, const std::array<BoundaryCondition, 6>& faces) = 0;
  // Largest stable time step (before run.cfl is applied).
  virtual double max_stable_dt() const = 0;
  // Advances the state from t to t + dt.
  virtual void step(double t, double dt) = 0;
  // Column names and global values for diagnostics.csv (values reduced over ranks).
  virtual std::vector<std::string> diagnostic_names() const = 0;
  virtual std::vector<double> diagnostics(double t) const = 0;
  // The state, variable by variable (snapshots, VTK, NaN checks).
  virtual std::vector<StateVariable> state() const = 0;
  // What a checkpoint holds: the state plus anything else a restart needs to
  // continue bit-identically (a multistep scheme's history, say).
  virtual std::vector<StateVariable> restart_state() const { return state(); }
  // Cell updates performed per step per cell (stages), for perf accounting.
  virtual int updates_per_step() const { return 1; }
  // Extra scalars to checkpoint, and their restoration.
  virtual std::vector<AppScalar> scalars() const { return {}; }
  virtual void restore_scalars(const std::vector<AppScalar>&) {}
  // Called after a restart has overwritten restart_state() and the scalars:
  // refresh whatever derives from them (ghost layers, say).
  virtual void restored() {}
  // Where the app may record its own phases (pressure solve, halo exchange,
  // ...), nested inside the driver's "step"; they appear in perf.json
  // "timers". Null (the default) means: do not time.
  virtual void attach_timers(Timers*) {}
};

struct AppInfo {
  std::string name;
  std::string summary;
  void (*declare_schema)(io::Schema& schema);  // the app's physics.* keys
  std::unique_ptr<App> (*create)(const io::Deck& deck);
};

// Every app compiled into this build, in a fixed order.
const std::vector<AppInfo>& app_registry();
const AppInfo* find_app(const std::string& name);
std::vector<std::string> app_names();

}  // namespace boreas
