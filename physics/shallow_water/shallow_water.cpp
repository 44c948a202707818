// The shallow-water app: parameters and keys, declarations, the stage
// right-hand side and the step. The kernels are in scheme.cpp, the face
// system in system.hpp, the problems in problems/ (docs/shallow_water.md).
#include "physics/shallow_water/shallow_water.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <optional>

#include "io/deck/keys.hpp"
#include "mesh/field_ops.hpp"
#include "mesh/mesh_keys.hpp"
#include "physics/fv/bounds.hpp"
#include "physics/fv/reconstruction.hpp"
#include "physics/fv/riemann.hpp"
#include "physics/fv/ssp_rk.hpp"
#include "physics/shallow_water/problems/problem.hpp"
#include "physics/shallow_water/scheme.hpp"

namespace boreas::shallow_water {
namespace {

struct Params {
  double g = 9.81;
  double f0 = 0.0;
  double beta = 0.0;
  std::optional<double> y0;
  double dry_depth = 1e-8;
  double manning_n = 0.0;
  std::vector<double> inflow_velocity{0.0, 0.0};
  std::vector<std::string> tracers;
  std::vector<double> inflow_tracers;
  fv::Reconstruction scheme = fv::Reconstruction::plm_mc;
  TimeScheme integrator = TimeScheme::ssp_rk3;
  fv::RiemannSolver flux = fv::RiemannSolver::hll;
};

// Every deck key of the app, declared once and bound to Params.
void keys(io::Keys<Params> k) {
  k.real("physics.g", &Params::g).def("9.81").above(0).units("m/s^2").describe("gravity");
  k.real("physics.f0", &Params::f0)
      .def("0.0")
      .units("1/s")
      .describe("Coriolis parameter at y = physics.y0 (f = f0 + beta (y - y0); 2D only)");
  k.real("physics.beta", &Params::beta)
      .def("0.0")
      .units("1/(m s)")
      .describe("meridional gradient of the Coriolis parameter (beta-plane; 2D only)");
  k.real("physics.y0", &Params::y0)
      .units("m")
      .describe(
          "the y where f = f0 (the equator of an equatorial beta-plane); default: the middle of "
          "the domain in y");
  k.real("physics.dry_depth", &Params::dry_depth)
      .def("1e-8")
      .above(0)
      .units("m")
      .describe(
          "depth below which a cell counts as dry: velocities are desingularised there "
          "(2 h hu / (h^2 + eps^2)) and a side this shallow adds no wave speed of its own to "
          "the Riemann solvers; about 1e-8 of the typical depth");
  k.real("physics.manning_n", &Params::manning_n)
      .def("0.0")
      .at_least(0)
      .units("s/m^(1/3)")
      .describe(
          "Manning roughness of the bottom (0: no friction); applied semi-implicitly after each "
          "step");
  k.reals("physics.inflow_velocity", &Params::inflow_velocity)
      .def("[0.0, 0.0]")
      .length(1, 2)
      .units("m/s")
      .describe(
          "velocity (x, y) of the water entering through `inflow` faces, whose "
          "boundary.<face>_value is the depth there");
  k.strings("physics.tracers", &Params::tracers)
      .def("[]")
      .length(0, kMaxTracers)
      .describe(
          "passive tracers carried as h c (state variables h_<name>, derived concentrations "
          "<name>); each starts at 1 in the left part of the domain (left of the dam, of the "
          "step, of the middle) and 0 elsewhere");
  k.reals("physics.inflow_tracers", &Params::inflow_tracers)
      .def("[]")
      .length(0, kMaxTracers)
      .describe("concentrations of the tracers entering through `inflow` faces (missing: 0)");
  k.choice("physics.scheme", &Params::scheme, fv::reconstruction_choices())
      .def("\"plm_mc\"")
      .describe(
          "reconstruction of h, u, v and the surface h + b: upwind (first order), plm_minmod, "
          "plm_mc, plm_van_leer (limited linear), weno5 (Jiang-Shu)");
  k.choice("physics.integrator", &Params::integrator,
           {{"ssp_rk2", TimeScheme::ssp_rk2}, {"ssp_rk3", TimeScheme::ssp_rk3}})
      .def("\"ssp_rk3\"")
      .describe("strong-stability-preserving Runge-Kutta time integrator (Shu-Osher)");
  k.choice("physics.flux", &Params::flux,
           {{"hll", fv::RiemannSolver::hll},
            {"rusanov", fv::RiemannSolver::rusanov},
            {"hllc", fv::RiemannSolver::hllc}})
      .def("\"hll\"")
      .describe(
          "interface flux: hll (Davis-Einfeldt wave speeds), rusanov (local "
          "Lax-Friedrichs) or hllc (the tangential velocity on the contact)");
}

class ShallowWaterApp final : public App {
 public:
  ShallowWaterApp(Params p, std::unique_ptr<Problem> problem)
      : p_(std::move(p)), problem_(std::move(problem)) {}

  int ghost_width() const override { return fv::ghost_cells(p_.scheme); }

  // long_name and units of every output variable in the netCDF view
  // (lengths in m, time in s: the units of physics.g).
  void describe_variables(Fields& f, int dim) const {
    f.describe("h", {"water depth", "m", "sea_floor_depth_below_sea_surface"});
    f.describe("hu", {"x-momentum per unit area over density (depth times u)", "m2 s-1"});
    if (dim == 2)
      f.describe("hv", {"y-momentum per unit area over density (depth times v)", "m2 s-1"});
    f.describe("b", {"bottom elevation", "m"});
    f.describe("eta", {"free-surface elevation h + b", "m"});
    f.describe("u", {"depth-averaged velocity x-component", "m s-1"});
    if (dim == 2) f.describe("v", {"depth-averaged velocity y-component", "m s-1"});
    f.describe("velocity", {"depth-averaged velocity", "m s-1"});
    for (const auto& c : p_.tracers) {
      // Concentration units are the user's.
      f.describe("h_" + c, {"depth times the concentration of tracer " + c, ""});
      f.describe(c, {"concentration of tracer " + c, ""});
    }
    if (problem_->has_exact()) f.describe("h_exact", {"exact water depth", "m"});
  }

  void declare(const Mesh& mesh, const FaceConditions& faces, Fields& f,
               io::DeckProblems& problems) override {
    mesh_ = &mesh;
    fields_ = &f;
    const int dim = mesh.dim();
    if (dim > 2) {
      problems.add({"mesh.cells"}, "shallow_water needs a 1D or 2D mesh (mesh.cells)");
      return;
    }
    const int ntr = static_cast<int>(p_.tracers.size());
    nvar_ = 1 + dim + ntr;
    check_tracers(problems);
    accept_face_types("shallow_water", dim, faces,
                      {BoundaryType::periodic, BoundaryType::reflecting, BoundaryType::outflow,
                       BoundaryType::inflow},
                      problems);
    set_boundaries(faces);
    phys_.dim = dim;
    phys_.g = p_.g;
    phys_.f0 = p_.f0;
    phys_.beta = p_.beta;
    phys_.y0 = p_.y0 ? *p_.y0 : (dim >= 2 ? 0.5 * (mesh.lower(1) + mesh.upper(1)) : 0.0);
    coriolis_ = Coriolis{p_.f0, p_.beta, phys_.y0};
    if (dim < 2 && coriolis_.active()) {
      problems.add({"physics.f0", "physics.beta", "mesh.cells"},
                   "Coriolis (physics.f0, physics.beta) needs a 2D mesh: a 1D run has no hv");
    }
    problem_->check(mesh, phys_, problems);

    std::vector<std::string> names = {"h", "hu"};
    if (dim == 2) names.push_back("hv");
    for (const auto& c : p_.tracers) names.push_back("h_" + c);
    f.field(u_, "shallow_water_state", names, kHalo | kEvolved);
    // The bottom: written with the state, not evolved; set up from the
    // problem (a restart or --init keeps it).
    f.field(b_, "shallow_water_bottom", {"b"}, kHalo | kOutput);
    f.scratch(w_, "shallow_water_primitives", nvar_ + 1);
    f.scratch(lo_, "shallow_water_face_lo", nvar_ + 1);
    f.scratch(hi_, "shallow_water_face_hi", nvar_ + 1);
    f.scratch(flux_, "shallow_water_flux", nvar_);
    f.scratch(press_, "shallow_water_pressure_corrections", 2);
    f.reserve("integrator stages", fv::SspRk::work_fields(p_.integrator));
    // The time of the state, for h_exact (restored with the checkpoints).
    f.scalar("shallow_water_time", time_);

    f.derived(eta_, "shallow_water_surface", {"eta"},
              [this] { fill_surface(*mesh_, u_, b_, eta_); });
    std::vector<std::string> vel = {"u"};
    if (dim == 2) vel.push_back("v");
    f.derived(vel_, "shallow_water_velocity", vel,
              [this] { fill_velocity(*mesh_, p_.dry_depth, u_, vel_, 1); });
    f.vector("velocity", vel);
    if (ntr > 0) {
      f.derived(conc_, "shallow_water_concentrations", p_.tracers,
                [this] { fill_velocity(*mesh_, p_.dry_depth, u_, conc_, 1 + mesh_->dim()); });
    }
    if (problem_->has_exact()) {
      f.derived(exact_, "shallow_water_exact_depth", {"h_exact"},
                [this] { problem_->exact_depth(*mesh_, phys_, time_, b_, exact_); });
    }
    describe_variables(f, dim);

    const double w = fv::courant_limit(p_.scheme, true);
    f.parameter({"courant_limit", w, "",
                 "largest dt sum_d max(|u_d| + sqrt(g h)) / h_d the time step uses (times "
                 "run.cfl), for " +
                     fv::reconstruction_name(p_.scheme) + " with the positivity limiter"});
    if (dim == 2) f.parameter({"y0", phys_.y0, "m", "f = f0 + beta (y - y0)"});

    f.diagnostic("mass", [this](double) {
      return mesh_->context().sum(local_stats(*mesh_, u_, 0).sum) * mesh_->cell_volume();
    });
    f.diagnostic("energy", [this](double) {
      return mesh_->context().sum(local_energy(*mesh_, p_.g, p_.dry_depth, u_, b_)) *
             mesh_->cell_volume();
    });
    if (dim == 2) {
      f.diagnostic("potential_enstrophy", [this](double t) {
        refresh_state_ghosts(u_, t);
        return mesh_->context().sum(
                   local_potential_enstrophy(*mesh_, coriolis_, p_.dry_depth, u_)) *
               mesh_->cell_volume();
      });
    }
    for (int t = 0; t < ntr; ++t) {
      const int var = 1 + dim + t;
      f.diagnostic("mass_" + p_.tracers[t], [this, var](double) {
        return mesh_->context().sum(local_stats(*mesh_, u_, var).sum) * mesh_->cell_volume();
      });
    }
    f.diagnostic("h_min", [this](double) { return global_stats(*mesh_, u_, 0).min; });
    f.diagnostic("speed_max", [this](double) {
      return mesh_->context().max(local_max_speed(*mesh_, p_.dry_depth, u_));
    });
    if (problem_->has_exact()) {
      f.diagnostic("h_error_l1", [this](double t) { return depth_error(t, false); });
      f.diagnostic("h_error_max", [this](double t) { return depth_error(t, true); });
    }
  }

  void setup() override {
    if (mesh_->dim() > 2) return;
    check_boundaries(*mesh_, bcs_);
    check_boundaries(*mesh_, bottom_bcs_);
    rk_ = std::make_unique<fv::SspRk>(p_.integrator, *mesh_, nvar_);
    problem_->fill_bathymetry(*mesh_, b_);
    refresh_bottom_ghosts();
    problem_->fill(*mesh_, phys_, b_, u_);
    for (int t = 0; t < static_cast<int>(p_.tracers.size()); ++t) {
      problem_->fill_tracer(*mesh_, u_, 1 + mesh_->dim() + t);
    }
    time_ = 0.0;
  }

  // dt = run.cfl x w / sum_d max(|u_d| + sqrt(g h)) / h_d (w: courant_limit).
  double max_stable_dt() const override {
    double rate = 0.0;
    for (int d = 0; d < mesh_->dim(); ++d) {
      rate +=
          mesh_->context().max(local_wave_rate(*mesh_, d, p_.g, p_.dry_depth, u_)) / mesh_->dx(d);
    }
    if (!(rate > 0.0)) return std::numeric_limits<double>::max();
    return fv::courant_limit(p_.scheme, true) / rate;
  }

  int updates_per_step() const override { return rk_ ? rk_->stages() : 1; }

  void restored() override { refresh_bottom_ghosts(); }
  void initialized_from_file() override { refresh_bottom_ghosts(); }
  // The framework has exchanged the halos; the boundary ghosts are ours.
  void refresh_ghosts() override {
    apply_boundaries(*mesh_, u_, bcs_);
    refresh_bottom_ghosts();
  }

  void step(double t, double dt) override {
    auto ghosts = [this](const FieldView& u, double ts) { refresh_state_ghosts(u, ts); };
    auto rhs = [this](const FieldView& u, double ts, const FieldView& dudt) {
      right_hand_side(u, ts, dudt);
    };
    rk_->step(u_, t, dt, ghosts, rhs);
    clamp_depth(*mesh_, u_);
    if (p_.manning_n > 0.0) manning_friction(*mesh_, p_.g, p_.manning_n, dt, p_.dry_depth, u_);
    time_ = t + dt;
  }

  void refresh_state_ghosts(const FieldView& u, double) {
    fields_->exchange(u);
    apply_boundaries(*mesh_, u, bcs_);
  }

  // The semi-discrete right-hand side of one stage (u's ghosts filled).
  void right_hand_side(const FieldView& u, double, const FieldView& dudt) {
    primitives(*mesh_, u, b_, p_.dry_depth, w_);
    fv::BoundsLimit positivity;
    positivity.var = 0;
    positivity.lower = 0.0;
    positivity.weight = fv::bounds_weight(p_.scheme);
    positivity.all_vars = true;  // the surface and the velocities follow the depth
    ShallowWaterSystem sys;
    sys.n = nvar_;
    sys.g = p_.g;
    sys.dry = p_.dry_depth;
    for (int axis = 0; axis < mesh_->dim(); ++axis) {
      fv::reconstruct(*mesh_, w_, axis, p_.scheme, lo_, hi_);
      fv::limit_to_bounds(*mesh_, w_, axis, positivity, lo_, hi_);
      hydrostatic_fluxes(*mesh_, axis, p_.flux, sys, lo_, hi_, flux_, press_);
      fv::flux_divergence(*mesh_, axis, flux_, dudt, axis > 0);
      hydrostatic_sources(*mesh_, axis, p_.g, lo_, hi_, press_, dudt);
    }
    if (coriolis_.active()) add_coriolis(*mesh_, coriolis_, u, dudt);
  }

 private:
  // reflecting: h and the tangential momentum mirrored, the normal one
  // reversed; inflow: h = boundary.<face>_value, hu = h u_in; outflow:
  // zero gradient. The bottom is mirrored (reflecting) or continued
  // (outflow, inflow).
  void set_boundaries(const FaceConditions& faces) {
    bcs_ = Boundaries(nvar_);
    bottom_bcs_ = Boundaries(1);
    for (int fi = 0; fi < 2 * mesh_->dim(); ++fi) {
      const Face face = static_cast<Face>(fi);
      const BoundaryCondition& c = faces[fi];
      const int normal = 1 + face_dir(face);
      BoundaryCondition bottom = c;
      for (int v = 0; v < nvar_; ++v) {
        BoundaryCondition bc = c;
        if (c.type == BoundaryType::reflecting) {
          bc.sign = v == normal ? -1.0 : 1.0;
        } else if (c.type == BoundaryType::inflow) {
          bc.value = c.value * inflow_value(v);
        }
        bcs_.set(face, v, bc);
      }
      if (c.type == BoundaryType::reflecting) bottom.sign = 1.0;
      if (c.type == BoundaryType::inflow) bottom.type = BoundaryType::outflow;
      bottom_bcs_.set(face, 0, bottom);
    }
  }

  // What the inflow depth multiplies in variable v: 1 (h), the inflow
  // velocity (momenta), the inflow concentration (tracers).
  double inflow_value(int v) const {
    const int dim = mesh_->dim();
    if (v == 0) return 1.0;
    const auto pick = [](const std::vector<double>& a, int i) {
      return i < static_cast<int>(a.size()) ? a[static_cast<std::size_t>(i)] : 0.0;
    };
    if (v <= dim) return pick(p_.inflow_velocity, v - 1);
    return pick(p_.inflow_tracers, v - 1 - dim);
  }

  // Tracer names become variable names: distinct, and none of the app's.
  void check_tracers(io::DeckProblems& problems) const {
    const std::vector<std::string> taken = {"h", "hu", "hv",       "b",      "eta",
                                            "u", "v",  "velocity", "h_exact"};
    for (std::size_t t = 0; t < p_.tracers.size(); ++t) {
      const std::string& c = p_.tracers[t];
      bool ok = !c.empty();
      for (char ch : c) ok = ok && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_');
      if (!ok) {
        problems.add({"physics.tracers"},
                     "physics.tracers: '" + c + "' is not a name (letters, digits and _ only)");
      }
      bool clash = std::find(taken.begin(), taken.end(), c) != taken.end();
      for (std::size_t o = 0; o < t; ++o) clash = clash || p_.tracers[o] == c;
      if (clash) {
        problems.add({"physics.tracers"},
                     "physics.tracers: '" + c + "' is used twice or names another variable");
      }
    }
  }

  void refresh_bottom_ghosts() {
    fields_->exchange(b_);
    apply_boundaries(*mesh_, b_, bottom_bcs_);
  }

  // Mean (largest) |h - h_exact| over the cells, over the problem's depth scale.
  double depth_error(double t, bool largest) {
    problem_->exact_depth(*mesh_, phys_, t, b_, exact_);
    double sum = 0.0, mx = 0.0;
    local_depth_errors(*mesh_, u_, exact_, sum, mx);
    const Context& ctx = mesh_->context();
    const double scale = problem_->depth_scale();
    if (largest) return ctx.max(mx) / scale;
    return ctx.sum(sum) / static_cast<double>(mesh_->global_cell_count()) / scale;
  }

  Params p_;
  std::unique_ptr<Problem> problem_;
  const Mesh* mesh_ = nullptr;
  Fields* fields_ = nullptr;
  int nvar_ = 2;
  Physics phys_;
  Coriolis coriolis_;
  Boundaries bcs_{1}, bottom_bcs_{1};
  FieldView u_, b_, w_, lo_, hi_, flux_, press_;
  FieldView eta_, vel_, conc_, exact_;
  std::unique_ptr<fv::SspRk> rk_;
  double time_ = 0.0;
};

std::unique_ptr<App> create(const io::Deck& deck, io::DeckProblems&) {
  Params p;
  keys(io::Keys<Params>(deck, p));
  return std::make_unique<ShallowWaterApp>(std::move(p), make_problem(deck));
}

}  // namespace

AppInfo app_info() {
  return AppInfo{
      "shallow_water",
      "rotating shallow water in flux form, well-balanced and positivity-preserving over wet "
      "and dry bottoms (physics/fv: PLM/WENO5, HLL/HLLC, SSP-RK)",
      [](io::Schema& s) { keys(io::Keys<Params>(s)); },
      problems(),
      &create,
      {{"inflow",
        "the depth h of the water entering through the face (its velocity: "
        "physics.inflow_velocity, its tracers: physics.inflow_tracers)"}},
      {{"h", "the depth"},
       {"hu", "the x momentum per unit area"},
       {"hv", "the y momentum per unit area (2D)"},
       {"h_<tracer>", "h c of each passive tracer of physics.tracers"},
       {"<tracer>", "derived: the concentration c of each passive tracer"},
       {"b", "the bottom elevation (not evolved)"},
       {"eta", "derived: the surface elevation h + b"},
       {"u", "derived: the x velocity hu / h (desingularised where dry)"},
       {"v", "derived: the y velocity (2D)"},
       {"velocity", "vector (u[, v]) for ParaView's glyphs and stream tracers"},
       {"h_exact", "derived: the exact depth (problems with an exact solution)"}}};
}

}  // namespace boreas::shallow_water
