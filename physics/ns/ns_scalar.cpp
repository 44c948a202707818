#include "physics/ns/ns_scalar.hpp"

#include <cmath>
#include <utility>

#include "core/math.hpp"

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
  const double D = p_.diffusivity, g = p_.upwind;
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
  const FieldView c = c_, H = H_, Ho = Hold_;
  par_for(
      "ns_scalar_advance", mesh_->interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        c(0, k, j, i) += dt * (wa * H(0, k, j, i) + wb * Ho(0, k, j, i));
      });
  std::swap(H_, Hold_);
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
