#include "physics/ns/ns_scalar.hpp"

#include <cmath>
#include <utility>

#include "core/math.hpp"
#include "core/timers.hpp"
#include "solvers/factory.hpp"
#include "solvers/linear/vector_ops.hpp"

namespace boreas::ns {
namespace {

// c = the initial profile over the interior. (A free function: nvcc does
// not allow extended lambdas in constructors.)
void initialize(const Mesh& mesh, const ScalarInit& in, const FieldView& c) {
  double len[3], h[3];
  int off[3];
  for (int d = 0; d < 3; ++d) {
    len[d] = mesh.upper(d) - mesh.lower(d);
    h[d] = mesh.dx(d);
    off[d] = mesh.offset(d) - mesh.ghost(d);
  }
  const int dim = mesh.dim();
  par_for(
      "ns_scalar_init", mesh.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const double pi = 3.14159265358979323846;
        const int idx[3] = {i, j, k};
        double s[3];
        for (int d = 0; d < 3; ++d) s[d] = ((off[d] + idx[d] + 0.5) * h[d]) / len[d];
        double v =
            in.base == ScalarInit::Base::linear ? in.lo + (in.hi - in.lo) * s[in.axis] : in.value;
        double shape = 1.0;
        if (in.shape == ScalarInit::Shape::convection_cell) {
          shape = math::cos(2.0 * pi * s[0]) * math::sin(pi * s[1]);
        } else {
          for (int d = 0; d < dim; ++d) shape *= math::cos(pi * in.mode[d] * s[d]);
        }
        c(0, k, j, i) = v + in.amplitude * shape;
      });
}

// b = dt (wa H + wb Hold + D lap c) over the interior: the right-hand side of
// the Crank–Nicolson increment (c's ghosts filled, with the real boundary
// values, so lap c^n carries the wall data).
void cn_increment_rhs(const Mesh& mesh, const FieldView& c, const FieldView& H,
                      const FieldView& Hold, const FieldView& b, double dt, double wa, double wb,
                      double D) {
  const int dim = mesh.dim();
  double ih[3] = {1, 1, 1};
  for (int d = 0; d < dim; ++d) ih[d] = 1.0 / mesh.dx(d);
  par_for(
      "ns_scalar_cn_rhs", mesh.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const double cc = c(0, k, j, i);
        double diff = 0.0;
        for (int d = 0; d < dim; ++d) {
          const int di = d == 0, dj = d == 1, dk = d == 2;
          diff += (c(0, k + dk, j + dj, i + di) - 2.0 * cc + c(0, k - dk, j - dj, i - di)) * ih[d] *
                  ih[d];
        }
        b(0, k, j, i) = dt * (wa * H(0, k, j, i) + wb * Hold(0, k, j, i) + D * diff);
      });
}

// c += x over the interior.
void add_increment(const Mesh& mesh, const FieldView& c, const FieldView& x) {
  par_for(
      "ns_scalar_cn_update", mesh.interior(),
      KOKKOS_LAMBDA(const int k, const int j, const int i) { c(0, k, j, i) += x(0, k, j, i); });
}

}  // namespace

AdvectedScalar::AdvectedScalar(ScalarParams p) : p_(std::move(p)) {}

void AdvectedScalar::declare(const Mesh& mesh, Fields& f) {
  mesh_ = &mesh;
  fields_ = &f;
  bcs_ = Boundaries(1);
  for (int i = 0; i < 6; ++i) {
    const Face face = static_cast<Face>(i);
    BoundaryCondition bc;
    if (i < 2 * mesh.dim() && mesh.periodic(face_dir(face))) {
      bc.type = BoundaryType::periodic;
    } else if (p_.wall[i] == ScalarWall::fixed) {
      bc.type = BoundaryType::dirichlet;
      bc.value = p_.value[i];
    } else {
      bc.type = BoundaryType::neumann;
    }
    bcs_.set(face, 0, bc);
  }
  f.field(c_, p_.name, {p_.name}, kHalo | kEvolved);
  f.scratch(H_, "ns_" + p_.name + "_rhs", 1);
  f.field(Hold_, "ns_" + p_.name + "_rhs_old", {"ns_history_" + p_.name}, kRestart);
  if (implicit()) {
    // Nothing else carries over between steps: the solver is rebuilt from
    // dt, the first guess is the step's own right-hand side.
    f.scratch(b_, "ns_" + p_.name + "_cn_rhs", 1);
    f.scratch(x_, "ns_" + p_.name + "_cn_increment", 1);
    f.reserve(p_.name + " diffusion solver", 8);
    helmholtz_ = linear::EllipticProblem{};
    helmholtz_.mesh = &mesh;
    helmholtz_.bcs = bcs_;  // only the types matter: the increment's conditions are homogeneous
    helmholtz_.shift = 1.0;
    helmholtz_.k_constant = 1.0;
  }
  solver_.reset();
  solver_a_ = -1.0;
  iterations_ = 0;
}

void AdvectedScalar::setup() {
  check_boundaries(*mesh_, bcs_);
  initialize(*mesh_, p_.init, c_);
}

void AdvectedScalar::fill_ghosts() {
  fields_->exchange(c_);
  apply_boundaries(*mesh_, c_, bcs_);
}

void AdvectedScalar::rhs(const FieldView& vel) {
  fill_ghosts();
  const FieldView c = c_, H = H_;
  const int dim = mesh_->dim();
  double ih[3] = {1, 1, 1};
  for (int d = 0; d < dim; ++d) ih[d] = 1.0 / mesh_->dx(d);
  // Crank–Nicolson: the diffusion is the solve's, H holds the advection only.
  const double D = implicit() ? 0.0 : p_.diffusivity, g = p_.upwind;
  par_for(
      "ns_scalar_rhs", mesh_->interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const double cc = c(0, k, j, i);
        double adv = 0.0, diff = 0.0;
        for (int d = 0; d < dim; ++d) {
          const int di = d == 0, dj = d == 1, dk = d == 2;
          const double cp = c(0, k + dk, j + dj, i + di);
          const double cm = c(0, k - dk, j - dj, i - di);
          diff += (cp - 2.0 * cc + cm) * ih[d] * ih[d];
          const double u_lo = vel(d, k, j, i);
          const double u_hi = vel(d, k + dk, j + dj, i + di);
          const double f_lo = u_lo * ((1.0 - g) * 0.5 * (cm + cc) + g * (u_lo > 0.0 ? cm : cc));
          const double f_hi = u_hi * ((1.0 - g) * 0.5 * (cc + cp) + g * (u_hi > 0.0 ? cc : cp));
          adv += (f_hi - f_lo) * ih[d];
        }
        H(0, k, j, i) = D * diff - adv;
      });
}

void AdvectedScalar::advance(double dt, double wa, double wb) {
  if (implicit() && p_.diffusivity > 0.0) {
    implicit_increment(dt, wa, wb);
    std::swap(H_, Hold_);
    return;
  }
  const FieldView c = c_, H = H_, Ho = Hold_;
  par_for(
      "ns_scalar_advance", mesh_->interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        c(0, k, j, i) += dt * (wa * H(0, k, j, i) + wb * Ho(0, k, j, i));
      });
  std::swap(H_, Hold_);
}

// (I - a lap_0) dc = dt (wa H + wb Hold + D lap c^n), a = D dt / 2; c += dc.
void AdvectedScalar::implicit_increment(double dt, double wa, double wb) {
  const double a = 0.5 * p_.diffusivity * dt;
  if (!solver_ || a != solver_a_) {
    // The operator depends on dt: rebuild (the multigrid setup) when it changes.
    helmholtz_.scale = a;
    solver_ = linear::make_solver(helmholtz_, p_.diffusion.solver);
    solver_a_ = a;
  }
  cn_increment_rhs(*mesh_, c_, H_, Hold_, b_, dt, wa, wb, p_.diffusivity);
  linear::copy(mesh_->interior(), x_, b_);  // the explicit increment: a close first guess
  linear::SolveStats st;
  if (Timers* timers = fields_->timers()) {
    ScopedTimer t(*timers, "scalar_diffusion_solve");
    st = solver_->solve(b_, x_);
  } else {
    st = solver_->solve(b_, x_);
  }
  iterations_ = st.iterations;
  add_increment(*mesh_, c_, x_);
}

double AdvectedScalar::mean_wall_flux(Face f) const {
  const int d = face_dir(f);
  const int fi = static_cast<int>(f);
  long long face_cells = 1;
  for (int e = 0; e < mesh_->dim(); ++e) {
    if (e != d) face_cells *= mesh_->global_cells(e);
  }
  double local = 0.0;
  if (p_.wall[fi] == ScalarWall::fixed && !mesh_->periodic(d) && mesh_->is_physical_boundary(f)) {
    // The layer of interior cells touching the face.
    Box b = mesh_->interior();
    int* lo[3] = {&b.i0, &b.j0, &b.k0};
    int* hi[3] = {&b.i1, &b.j1, &b.k1};
    const bool upper = face_is_upper(f);
    if (upper) {
      *lo[d] = *hi[d] - 1;
    } else {
      *hi[d] = *lo[d] + 1;
    }
    const FieldView c = c_;
    const double cw = p_.value[fi];
    // -D dc/dx_d with dc/dx_d = (c_in - c_w)/(h/2) at a lower face and (c_w - c_in)/(h/2) at an
    // upper one.
    const double factor = (upper ? 1.0 : -1.0) * p_.diffusivity * 2.0 / mesh_->dx(d);
    par_reduce(
        "ns_scalar_wall_flux", b,
        KOKKOS_LAMBDA(const int k, const int j, const int i, double& acc) {
          acc += factor * (c(0, k, j, i) - cw);
        },
        Kokkos::Sum<double>(local));
  }
  return mesh_->context().sum(local) / static_cast<double>(face_cells);
}

}  // namespace boreas::ns
