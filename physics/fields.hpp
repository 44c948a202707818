#pragma once
// What an app declares about its data, once, and what the framework derives
// from it: halo exchanges, checkpoints and restart, snapshot and VTK output,
// the NaN/inf guard, diagnostics.csv, and the memory estimate of `check`.
//
//   void MyApp::declare(const Mesh& mesh, const Faces& faces, Fields& f, io::DeckProblems&) {
//     f.field(u_, "u", {"u"}, kHalo | kState);           // u_ is a FieldView member
//     f.scratch(rhs_, "my_rhs", 1);                      // work array, counted only
//     f.scalar("my_dt_old", dt_old_);                    // restarts bit-identically
//     f.diagnostic("u_max", [this](double) { return global_stats(*mesh_, u_, 0).max; });
//     f.derived(grad_, "grad_u", {"du_dx", "du_dy"}, [this] { gradient(*mesh_, u_, grad_); });
//     f.vector("grad", {"du_dx", "du_dy"});               // one 3-component output array
//     f.describe("u", {"velocity x-component", "m s-1"});  // units, long_name in the files
//   }
//
// Fields are allocated here (zero-filled), into the app's own members; the
// framework keeps the members' addresses, so an app may swap two of them
// (a time-level history) and the framework sees the swap. In a dry run
// (`boreas check`) nothing is allocated: only names, sizes and flags are
// recorded.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "io/output/block.hpp"
#include "mesh/field_ops.hpp"
#include "mesh/halo.hpp"
#include "mesh/mesh.hpp"

namespace boreas {

class Timers;

// What the framework does with a declared field; combine with |.
enum FieldUse : unsigned {
  kHalo = 1u << 0,     // has a HaloExchange: Fields::exchange(field)
  kRestart = 1u << 1,  // written to checkpoints and read back on restart
  kOutput = 1u << 2,   // a state variable: snapshots, VTK, output.*.variables
  kChecked = 1u << 3,  // NaN/inf guard
  // What the app's equations advance in time (not a pressure or another
  // constraint variable): the steady-state residual measures its change
  // (physics/pipeline/steady.hpp).
  kPrognostic = 1u << 4,
  // A derived output variable (Fields::derived): computed from the state on
  // demand (Fields::update_derived), cell-centred; never checkpointed,
  // NaN-checked or part of the steady-state residual. Selectable in
  // output.*.variables like the state (kOutput).
  kDerived = 1u << 5,
  kState = kRestart | kOutput | kChecked,
  kEvolved = kState | kPrognostic,
};

// A parameter the app derived from the deck (nu from physics.Re, say):
// written to log.txt, as comments to deck.resolved.toml and into the
// checkpoints' /derived attributes.
struct DerivedParameter {
  std::string name;  // e.g. "nu"
  double value = 0.0;
  std::string units;   // e.g. "m^2/s" ("" for a number)
  std::string origin;  // e.g. "U L / Re with physics.Re = 400, U = 1, L = 1"
};

// A vector of output variables ({"velocity", {"velocity_x", "velocity_y"}}):
// written as one 3-component array (VTK), dataset (/vectors/<name> of a
// snapshot) and XDMF Vector attribute; missing components are 0.
using VectorVariable = io::VectorVariable;

// What an output variable or vector is ({long_name, units, standard_name}):
// the CF attributes of the snapshots' and checkpoints' netCDF view.
using VariableInfo = io::VariableInfo;

// A scalar that must survive a restart exactly (besides the fields).
struct AppScalar {
  std::string name;
  double value = 0.0;
};

class Fields {
 public:
  // dry: record declarations without allocating (check, memory estimate).
  Fields(const Mesh& mesh, bool dry);
  ~Fields();
  Fields(const Fields&) = delete;
  Fields& operator=(const Fields&) = delete;

  const Mesh& mesh() const { return mesh_; }
  bool dry() const { return dry_; }

  // A field of names.size() variables, one name per variable (its name in
  // files and output.*.variables). `use` is a combination of FieldUse.
  // `staggered`: variable c lives on the lower c-faces of the cells (a MAC
  // velocity), not at the cell centres; samplers and interpolation to cell
  // centres follow it.
  void field(FieldView& member, const std::string& label, const std::vector<std::string>& names,
             unsigned use, bool staggered = false);
  // A derived output field (kDerived | kHalo): cell-centred variables the
  // app computes from its state in `compute` (collective; it fills the
  // interior cells of `member` and may exchange the halos of the state it
  // reads), when an output, a probe or a sampler asks for one of them
  // (update_derived). Not checkpointed, not NaN-checked, not in the steady
  // residual. Its ghosts are filled by update_derived.
  void derived(FieldView& member, const std::string& label, const std::vector<std::string>& names,
               std::function<void()> compute);
  // A vector named `name` of 1 to 3 (x, y, z) already declared cell-centred
  // output variables (kOutput or kDerived, not staggered). The name shares
  // the variables' namespace: output.*.variables may list it (= all its
  // components).
  void vector(const std::string& name, const std::vector<std::string>& components);
  const std::vector<VectorVariable>& vectors() const { return vectors_; }
  // What a declared variable or vector is, for the readers of the files:
  // the attributes long_name, units (UDUNITS: "K", "m s-1", "1" for a pure
  // number) and standard_name (only a CF standard name that applies
  // exactly) of the netCDF view (docs/io.md). Optional: an undescribed
  // variable gets none of them. A later call for the same name replaces it.
  void describe(const std::string& name, VariableInfo info);
  const std::map<std::string, VariableInfo>& descriptions() const { return info_; }

  // Runs the compute callback of every derived field (collective), then
  // exchanges their halos and fills their ghosts on physical boundaries by
  // linear extrapolation (extrapolate_boundaries, mesh/boundary.hpp), so
  // interpolation near walls and rank boundaries is second-order. The state
  // must be as a step leaves it (ghosts filled); after a state was read
  // from a file, call App::refresh_ghosts first.
  void update_derived();
  // The same for the derived fields holding any of `names` (variable or
  // vector names; others are ignored): nothing if there is none. Every
  // rank passes the same names.
  void update_derived(const std::vector<std::string>& names);
  // Whether any of `names` is (or, for a vector, has a component that is) a
  // derived variable.
  bool needs_derived(const std::vector<std::string>& names) const;
  // `names` with each vector name replaced by its components (in order,
  // without repeating a name already listed).
  std::vector<std::string> expand_vectors(const std::vector<std::string>& names) const;

  // A work field: allocated and counted, nothing else.
  void scratch(FieldView& member, const std::string& label, int nvar);
  // Memory the app allocates elsewhere (integrator stages, solver work
  // fields), in fields of `nvar` variables: counted for the estimate only.
  void reserve(const std::string& what, int nvar);
  // Scalars that must survive a restart (a bool is stored as 0/1).
  void scalar(const std::string& name, double& value);
  void scalar(const std::string& name, bool& value);
  // A column of diagnostics.csv: `value(t)`, reduced over all ranks (every
  // rank calls it; all must return the same).
  void diagnostic(const std::string& name, std::function<double(double t)> value);

  // A parameter derived from the deck (see DerivedParameter).
  void parameter(DerivedParameter p);
  const std::vector<DerivedParameter>& parameters() const { return parameters_; }

  // Halo exchange of a field declared with kHalo, or of a work field of the
  // same shape (an integrator's stages); timed as "halo_exchange" when
  // timers are attached.
  void exchange(const FieldView& field);
  // The halo exchange of every field declared with kHalo but not kDerived
  // (collective).
  void exchange_all();
  void attach_timers(Timers* timers) { timers_ = timers; }
  Timers* timers() const { return timers_; }

  // --- what the framework reads ---
  // Every variable of the fields declared with any of the `use` bits, in
  // declaration order.
  std::vector<NamedVariable> variables(unsigned use) const;
  // Every variable of the fields declared with all of the `use` bits.
  std::vector<NamedVariable> variables_with_all(unsigned use) const;
  std::vector<std::string> variable_names(unsigned use) const;
  std::vector<AppScalar> scalars() const;
  // Sets every declared scalar found in `values` (others keep their value).
  void restore(const std::vector<AppScalar>& values);
  std::vector<std::string> diagnostic_names() const;
  std::vector<double> diagnostics(double t) const;
  // One of them (collective), by its index in diagnostic_names().
  double diagnostic(std::size_t index, double t) const { return diagnostics_.at(index).second(t); }
  // Bytes of every declared and reserved field on this rank.
  double bytes() const { return bytes_; }

 private:
  struct Declared {
    FieldView* member;
    std::string label;
    std::vector<std::string> names;
    unsigned use;
    std::unique_ptr<HaloExchange> halo;
    bool staggered = false;
    std::function<void()> compute;  // derived fields only
  };
  void update_derived_field(Declared& d);
  const Declared* owner(const std::string& variable) const;
  void check_name(const std::string& name, const std::string& what);
  double field_bytes(int nvar) const;

  const Mesh& mesh_;
  bool dry_;
  double bytes_ = 0.0;
  std::vector<Declared> fields_;
  struct Scalar {
    std::string name;
    double* real = nullptr;
    bool* flag = nullptr;
  };
  std::vector<Scalar> scalars_;
  std::vector<std::pair<std::string, std::function<double(double)>>> diagnostics_;
  std::vector<DerivedParameter> parameters_;
  std::vector<VectorVariable> vectors_;
  std::map<std::string, VariableInfo> info_;
  std::vector<std::string> names_;  // every name declared, for duplicates
  Timers* timers_ = nullptr;
};

}  // namespace boreas
