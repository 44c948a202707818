#pragma once
// The contract between a physics app and the framework (docs/architecture.md,
// "The app contract"). An app owns its equations: parameters, fields,
// kernels, time step. The framework (physics/pipeline) owns everything
// around them: the deck, the mesh, time, halos of declared fields,
// checkpoints and restart, output, the NaN/inf guard and diagnostics.csv,
// all derived from what the app declares in `declare`.
//
// Life of an app:
//   create(deck)    parameters bound to the deck (AppInfo::create); problems
//                   with single keys are deck errors already
//   declare(...)    mesh-dependent checks into `problems` (never thrown) and
//                   the declarations of its fields, scalars and diagnostics;
//                   `boreas check` calls it on a dry Fields (no allocation)
//   setup()         initial state (through its problem), solvers, ...
//   step(t, dt)     advances the declared state
//   restored()      after a restart has overwritten the restart fields and
//                   scalars: refresh what derives from them (ghosts, ...)
//   initialized_from_file()  after `--init` replaced the state (the fields
//                   declared kRestart and kOutput) with values interpolated
//                   from another run's file, before step 0: boundary values,
//                   constraints (ns projects the velocity)
//   refresh_ghosts() before a sampler reads the state near a boundary
#include <array>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/exec.hpp"
#include "io/deck/deck.hpp"
#include "io/deck/problems.hpp"
#include "io/deck/schema.hpp"
#include "mesh/boundary.hpp"
#include "mesh/mesh.hpp"
#include "physics/fields.hpp"

namespace boreas {

// The deck's per-face conditions ([boundary]), x_lower .. z_upper.
using FaceConditions = std::array<BoundaryCondition, 6>;

class App {
 public:
  virtual ~App() = default;

  // Ghost width the app's stencils need; the mesh is built with it.
  virtual int ghost_width() const = 0;
  // Checks what depends on the mesh and the faces (reporting into
  // `problems`, which `check` and `run` raise together) and declares the
  // app's fields, scalars and diagnostics into `fields`. Must not allocate
  // anything itself: `fields` allocates, unless it is dry. After problems
  // were reported the framework stops before setup().
  virtual void declare(const Mesh& mesh, const FaceConditions& faces, Fields& fields,
                       io::DeckProblems& problems) = 0;
  // The initial state and everything else the run needs.
  virtual void setup() = 0;
  // Largest stable time step (before run.cfl is applied).
  virtual double max_stable_dt() const = 0;
  // Advances the state from t to t + dt.
  virtual void step(double t, double dt) = 0;
  // Cell updates performed per step per cell (stages), for perf accounting.
  virtual int updates_per_step() const { return 1; }
  // After a restart loaded the restart fields and scalars.
  virtual void restored() {}
  // After `boreas run --init FILE` (a fresh start at t = 0) overwrote the
  // interiors of the state variables (declared kRestart and kOutput) with
  // values interpolated from another run's file and exchanged the halos;
  // everything else is as setup() left it. Make the state one the first
  // step can start from: boundary values, and constraints the
  // interpolation does not keep (ns projects the velocity onto the
  // discretely divergence-free fields). Collective.
  virtual void initialized_from_file() {}
  // Makes the ghost cells of the output variables current (halo exchange
  // and boundary values), as the next step would: the samplers (probes,
  // lines, `boreas sample`) interpolate with them. Collective.
  virtual void refresh_ghosts() {}
};

// One problem of an app ([problem] name = "..."): an initial state, and
// possibly boundary data, sources and an exact solution to compare with.
// Its keys live under [problem]; the deck's schema holds the keys of the
// problem it selects.
struct ProblemInfo {
  std::string name;
  std::string summary;
  void (*declare_keys)(io::Schema& schema);  // problem.* keys (problem.name excluded)
};

struct AppInfo {
  std::string name;
  std::string summary;
  void (*declare_keys)(io::Schema& schema);  // the app's own keys ([physics], [solver], ...)
  std::vector<ProblemInfo> problems;         // the first is the default
  // The app with its parameters (and its problem's) read from the deck.
  std::unique_ptr<App> (*create)(const io::Deck& deck, io::DeckProblems& problems);
  // What boundary.<face>_value means for each boundary type the app takes
  // ("wall: the tangential speed of the wall, ..."), for `boreas list` and
  // the deck reference.
  std::vector<std::pair<std::string, std::string>> boundary_values = {};
  // The variables output.*.variables and the samplers take (state, derived
  // and vectors), each with what it is, for `boreas list` and the deck
  // reference; a test checks it against what the app declares.
  std::vector<std::pair<std::string, std::string>> output_variables = {};

  const ProblemInfo* find_problem(const std::string& name) const;
};

// Every app compiled into this build, in a fixed order.
const std::vector<AppInfo>& app_registry();
const AppInfo* find_app(const std::string& name);
std::vector<std::string> app_names();

}  // namespace boreas
