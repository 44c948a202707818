// The advection app: a tracer q carried by a prescribed velocity in flux
// form, dq/dt + div(q u) = 0, with the finite-volume blocks of physics/fv
// (docs/advection.md). Everything around the equation (halos, checkpoints
// and restart, output, the NaN guard, diagnostics.csv) comes from declare().
#include "physics/advection/advection.hpp"

#include <cmath>
#include <limits>

#include "io/deck/keys.hpp"
#include "mesh/field_ops.hpp"
#include "mesh/mesh_keys.hpp"
#include "physics/advection/flow.hpp"
#include "physics/advection/problems/problem.hpp"
#include "physics/fv/bounds.hpp"
#include "physics/fv/flux_form.hpp"
#include "physics/fv/linear_advection.hpp"
#include "physics/fv/reconstruction.hpp"
#include "physics/fv/riemann.hpp"
#include "physics/fv/ssp_rk.hpp"

namespace boreas::advection {
namespace {

enum class Bounds { none, initial, positive };

struct Params {
  FlowKind flow = FlowKind::uniform;
  std::vector<double> u{1.0, 0.0, 0.0};
  double omega = 2.0 * M_PI;
  double period = 1.5;
  fv::Reconstruction scheme = fv::Reconstruction::weno5;
  TimeScheme integrator = TimeScheme::ssp_rk3;
  fv::RiemannSolver flux = fv::RiemannSolver::hll;
  Bounds bounds = Bounds::none;
};

// Every deck key of the app, declared once and bound to Params.
void keys(io::Keys<Params> k) {
  k.choice("physics.velocity", &Params::flow,
           {{"uniform", FlowKind::uniform},
            {"solid_body", FlowKind::solid_body},
            {"deformational", FlowKind::deformational}})
      .def("\"uniform\"")
      .describe(
          "the prescribed velocity: uniform (physics.u), solid_body (rotation about the domain "
          "centre in the x-y plane, physics.omega) or deformational (LeVeque's swirling flow, "
          "reversing with period physics.period)");
  k.reals("physics.u", &Params::u)
      .def("[1.0, 0.0, 0.0]")
      .length(1, 3)
      .units("m/s")
      .describe("the uniform velocity (physics.velocity = \"uniform\"; first `dim` entries used)");
  k.real("physics.omega", &Params::omega)
      .def("6.283185307179586")
      .units("rad/s")
      .describe(
          "angular speed of the solid-body rotation, counter-clockwise (2 pi: one turn per s)");
  k.real("physics.period", &Params::period)
      .def("1.5")
      .above(0)
      .units("s")
      .describe("period T of the deformational flow (q(k T) = q(0))");
  k.choice("physics.scheme", &Params::scheme, fv::reconstruction_choices())
      .def("\"weno5\"")
      .describe(
          "reconstruction: upwind (first order), plm_minmod, plm_mc, plm_van_leer (limited "
          "linear), weno5 (Jiang-Shu)");
  k.choice("physics.integrator", &Params::integrator,
           {{"ssp_rk2", TimeScheme::ssp_rk2}, {"ssp_rk3", TimeScheme::ssp_rk3}})
      .def("\"ssp_rk3\"")
      .describe("strong-stability-preserving Runge-Kutta time integrator (Shu-Osher)");
  k.choice("physics.flux", &Params::flux,
           {{"hll", fv::RiemannSolver::hll}, {"rusanov", fv::RiemannSolver::rusanov}})
      .def("\"hll\"")
      .describe(
          "interface flux: hll (the exact upwind flux here) or rusanov (local Lax-Friedrichs)");
  k.choice("physics.bounds", &Params::bounds,
           {{"none", Bounds::none}, {"initial", Bounds::initial}, {"positive", Bounds::positive}})
      .def("\"none\"")
      .describe(
          "bound-preserving limiter (Zhang-Shu) on the face values: none, initial (q stays within "
          "the initial state's min and max) or positive (q >= 0); it also lowers the stable step "
          "to 1/12 of the Courant limit for weno5");
}

// The face system of one axis: the advection system with that face's
// normal velocity (the spatial part in uf, times the flow's time factor).
struct FaceSystems {
  FieldView uf;
  int axis;
  double factor;
  KOKKOS_INLINE_FUNCTION fv::LinearAdvection<1> operator()(int k, int j, int i) const {
    fv::LinearAdvection<1> s;
    s.un = factor * uf(axis, k, j, i);
    return s;
  }
};

// uf(d) = the normal velocity (time factor 1) of the lower d-face of every
// cell, ghosts included.
void fill_face_velocities(const Mesh& mesh, const Flow& flow, const FieldView& uf) {
  const int dim = mesh.dim();
  double lo[3] = {0, 0, 0}, h[3] = {1, 1, 1};
  int off[3] = {0, 0, 0};
  for (int d = 0; d < dim; ++d) {
    lo[d] = mesh.lower(d);
    h[d] = mesh.dx(d);
    off[d] = mesh.offset(d) - mesh.ghost(d);
  }
  par_for(
      "advection_face_velocity", dim, mesh.all(), KOKKOS_LAMBDA(int d, int k, int j, int i) {
        const int idx[3] = {i, j, k};
        double xf[3] = {0, 0, 0};
        for (int e = 0; e < dim; ++e) {
          xf[e] = lo[e] + (off[e] + idx[e] + (e == d ? 0.0 : 0.5)) * h[e];
        }
        uf(d, k, j, i) = flow.face_velocity(d, xf, h);
      });
}

// The largest |uf(axis)| over the faces of this rank's interior cells.
double local_max_speed(const Mesh& mesh, const FieldView& uf, int axis) {
  Box box = mesh.interior();
  if (axis == 0) box.i1 += 1;
  if (axis == 1) box.j1 += 1;
  if (axis == 2) box.k1 += 1;
  double m = 0.0;
  par_reduce(
      "advection_max_speed", box,
      KOKKOS_LAMBDA(int k, int j, int i, double& acc) {
        const double a = math::fabs(uf(axis, k, j, i));
        if (a > acc) acc = a;
      },
      Kokkos::Max<double>(m));
  return m > 0.0 ? m : 0.0;
}

// Sums over this rank's interior of |q - e|, |e|, (q - e)^2, e^2.
void local_error_sums(const Mesh& mesh, const FieldView& q, const FieldView& e, double out[4]) {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  par_reduce(
      "advection_l1_error", mesh.interior(),
      KOKKOS_LAMBDA(int k, int j, int i, double& acc) {
        acc += math::fabs(q(0, k, j, i) - e(0, k, j, i));
      },
      Kokkos::Sum<double>(s0));
  par_reduce(
      "advection_l1_norm", mesh.interior(),
      KOKKOS_LAMBDA(int k, int j, int i, double& acc) { acc += math::fabs(e(0, k, j, i)); },
      Kokkos::Sum<double>(s1));
  par_reduce(
      "advection_l2_error", mesh.interior(),
      KOKKOS_LAMBDA(int k, int j, int i, double& acc) {
        const double d = q(0, k, j, i) - e(0, k, j, i);
        acc += d * d;
      },
      Kokkos::Sum<double>(s2));
  par_reduce(
      "advection_l2_norm", mesh.interior(),
      KOKKOS_LAMBDA(int k, int j, int i, double& acc) { acc += e(0, k, j, i) * e(0, k, j, i); },
      Kokkos::Sum<double>(s3));
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
}

class AdvectionApp final : public App {
 public:
  AdvectionApp(Params p, std::unique_ptr<Problem> problem)
      : p_(std::move(p)), problem_(std::move(problem)) {}

  // WENO5 reads three cells beyond a face, PLM two, upwind one.
  int ghost_width() const override { return fv::ghost_cells(p_.scheme); }

  void declare(const Mesh& mesh, const FaceConditions& faces, Fields& f,
               io::DeckProblems& problems) override {
    mesh_ = &mesh;
    fields_ = &f;
    bcs_ = Boundaries(1);
    accept_face_types("advection", mesh.dim(), faces,
                      {BoundaryType::periodic, BoundaryType::outflow, BoundaryType::inflow},
                      problems);
    for (int i = 0; i < 6; ++i) bcs_.set(static_cast<Face>(i), 0, faces[i]);
    check_flow(mesh, problems);
    problem_->check(mesh, problems);
    make_flow(mesh);

    f.field(q_, "q", {"q"}, kHalo | kEvolved);
    f.describe("q", {"advected quantity q", ""});  // units: the user's
    f.scratch(uf_, "advection_face_velocity", mesh.dim());
    f.scratch(work_.lo, "advection_face_lo", 1);
    f.scratch(work_.hi, "advection_face_hi", 1);
    f.scratch(work_.flux, "advection_flux", 1);
    f.reserve("integrator stages", fv::SspRk::work_fields(p_.integrator));
    if (p_.bounds == Bounds::initial) {
      // The initial state's bounds travel with the checkpoints.
      f.scalar("advection_q_min0", q_min0_);
      f.scalar("advection_q_max0", q_max0_);
    }
    f.parameter({"courant_limit", fv::courant_limit(p_.scheme, p_.bounds != Bounds::none), "",
                 "largest sum over the axes of dt max|u_d| / h_d the time step uses (times "
                 "run.cfl), for " +
                     fv::reconstruction_name(p_.scheme) +
                     (p_.bounds != Bounds::none ? " with the bound-preserving limiter" : "")});

    f.diagnostic("mass", [this](double) {
      return mesh_->context().sum(local_stats(*mesh_, q_, 0).sum) * mesh_->cell_volume();
    });
    f.diagnostic("q_min", [this](double) { return global_stats(*mesh_, q_, 0).min; });
    f.diagnostic("q_max", [this](double) { return global_stats(*mesh_, q_, 0).max; });
    if (exact_known_sometimes()) {
      f.scratch(exact_, "advection_exact", 1);
      f.diagnostic("l1_error", [this](double t) { return error(t, 1); });
      f.diagnostic("l2_error", [this](double t) { return error(t, 2); });
    }
  }

  void setup() override {
    check_boundaries(*mesh_, bcs_);
    fill_face_velocities(*mesh_, flow_, uf_);
    double courant = 0.0;  // sum_d max|u_d| / h_d
    for (int d = 0; d < mesh_->dim(); ++d) {
      courant += mesh_->context().max(local_max_speed(*mesh_, uf_, d)) / mesh_->dx(d);
    }
    rate_ = courant;
    rk_ = std::make_unique<fv::SspRk>(p_.integrator, *mesh_, 1);
    problem_->fill(*mesh_, identity_trace(), q_);
    const FieldStats s = global_stats(*mesh_, q_, 0);
    q_min0_ = s.min;
    q_max0_ = s.max;
  }

  double max_stable_dt() const override {
    return fv::courant_limit(p_.scheme, p_.bounds != Bounds::none) / rate_;
  }

  int updates_per_step() const override { return rk_ ? rk_->stages() : 1; }

  // The framework has exchanged the halos; the boundary ghosts are ours.
  void refresh_ghosts() override { apply_boundaries(*mesh_, q_, bcs_); }

  void step(double t, double dt) override {
    auto ghosts = [this](const FieldView& u, double) {
      fields_->exchange(u);
      apply_boundaries(*mesh_, u, bcs_);
    };
    auto rhs = [this](const FieldView& u, double ts, const FieldView& dudt) {
      right_hand_side(u, ts, dudt);
    };
    rk_->step(q_, t, dt, ghosts, rhs);
  }

  // dq/dt = -div(q u) at time t (u's ghosts filled).
  void right_hand_side(const FieldView& u, double t, const FieldView& dudt) {
    std::vector<fv::BoundsLimit> bounds;
    if (p_.bounds != Bounds::none) {
      fv::BoundsLimit b;
      b.weight = fv::bounds_weight(p_.scheme);
      b.lower = p_.bounds == Bounds::positive ? 0.0 : q_min0_;
      if (p_.bounds == Bounds::initial) b.upper = q_max0_;
      bounds.push_back(b);
    }
    const double factor = flow_.time_factor(t);
    const FieldView uf = uf_;
    auto systems_for = [uf, factor](int axis) { return FaceSystems{uf, axis, factor}; };
    if (p_.flux == fv::RiemannSolver::rusanov) {
      fv::flux_form_rhs<fv::Rusanov>(*mesh_, u, p_.scheme, bounds, systems_for, work_, dudt);
    } else {
      fv::flux_form_rhs<fv::Hll>(*mesh_, u, p_.scheme, bounds, systems_for, work_, dudt);
    }
  }

 private:
  void check_flow(const Mesh& mesh, io::DeckProblems& problems) const {
    const int dim = mesh.dim();
    if (p_.flow == FlowKind::uniform) {
      if (static_cast<int>(p_.u.size()) < dim) {
        problems.add({"physics.u", "mesh.cells"}, "physics.u needs one entry per mesh dimension");
        return;
      }
      bool moving = false;
      for (int d = 0; d < dim; ++d) moving = moving || p_.u[d] != 0.0;
      if (!moving) problems.add({"physics.u"}, "physics.u is zero: nothing would move");
    } else {
      const char* what = p_.flow == FlowKind::solid_body ? "solid_body" : "deformational";
      if (dim < 2) {
        problems.add({"physics.velocity", "mesh.cells"},
                     std::string("physics.velocity = \"") + what + "\" needs a 2D or 3D mesh");
      }
      if (p_.flow == FlowKind::solid_body && p_.omega == 0.0) {
        problems.add({"physics.omega"}, "physics.omega is zero: nothing would move");
      }
    }
  }

  void make_flow(const Mesh& mesh) {
    flow_ = Flow{};
    flow_.kind = p_.flow;
    flow_.dim = mesh.dim();
    for (int d = 0; d < mesh.dim(); ++d) {
      if (p_.flow == FlowKind::uniform && d < static_cast<int>(p_.u.size())) flow_.u[d] = p_.u[d];
      flow_.lower[d] = mesh.lower(d);
      flow_.length[d] = mesh.upper(d) - mesh.lower(d);
      flow_.centre[d] = 0.5 * (mesh.lower(d) + mesh.upper(d));
      flow_.periodic[d] = mesh.periodic(d);
    }
    flow_.omega = p_.omega;
    flow_.period = p_.period;
  }

  // Whether the exact solution is known at some times: a uniform flow along
  // periodic directions only (otherwise what enters through an inflow face
  // is not the translated profile), any solid-body rotation (of a profile
  // inside the inscribed circle), the deformational flow at t = k T.
  bool exact_known_sometimes() const {
    if (p_.flow != FlowKind::uniform) return true;
    for (int d = 0; d < mesh_->dim(); ++d) {
      if (d < static_cast<int>(p_.u.size()) && p_.u[d] != 0.0 && !mesh_->periodic(d)) return false;
    }
    return true;
  }

  bool exact_known_at(double t) const {
    if (p_.flow != FlowKind::deformational) return true;
    const double periods = t / p_.period;
    return std::fabs(periods - std::round(periods)) < 1e-9;
  }

  // Relative L1 (norm 1) or L2 (norm 2) error against the exact cell means;
  // NaN (an empty cell of diagnostics.csv) when the exact solution is not
  // known at t.
  double error(double t, int norm) const {
    if (!exact_known_at(t)) return std::numeric_limits<double>::quiet_NaN();
    const Trace trace = p_.flow == FlowKind::deformational ? identity_trace() : trace_of(flow_, t);
    problem_->fill(*mesh_, trace, exact_);
    double s[4];
    local_error_sums(*mesh_, q_, exact_, s);
    const Context& ctx = mesh_->context();
    if (norm == 1) {
      const double den = ctx.sum(s[1]);
      return ctx.sum(s[0]) / (den > 0.0 ? den : 1.0);
    }
    const double den = ctx.sum(s[3]);
    return std::sqrt(ctx.sum(s[2]) / (den > 0.0 ? den : 1.0));
  }

  Params p_;
  std::unique_ptr<Problem> problem_;
  const Mesh* mesh_ = nullptr;
  Fields* fields_ = nullptr;
  Boundaries bcs_{1};
  Flow flow_;
  FieldView q_, uf_, exact_;
  fv::FaceWork work_;
  std::unique_ptr<fv::SspRk> rk_;
  double rate_ = 1.0;  // sum_d max|u_d| / h_d
  double q_min0_ = 0.0, q_max0_ = 0.0;
};

std::unique_ptr<App> create(const io::Deck& deck, io::DeckProblems&) {
  Params p;
  keys(io::Keys<Params>(deck, p));
  return std::make_unique<AdvectionApp>(std::move(p), make_problem(deck));
}

}  // namespace

AppInfo app_info() {
  return AppInfo{"advection",
                 "a tracer carried by a prescribed velocity in flux form (finite volumes: upwind, "
                 "limited PLM, WENO5; SSP-RK)",
                 [](io::Schema& s) { keys(io::Keys<Params>(s)); },
                 problems(),
                 &create,
                 {{"inflow", "the value of q entering through the face"}},
                 {{"q", "the tracer"}}};
}

}  // namespace boreas::advection
