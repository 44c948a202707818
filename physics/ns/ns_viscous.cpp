#include "physics/ns/ns_viscous.hpp"

#include "mesh/halo.hpp"
#include "solvers/linear/vector_ops.hpp"

namespace boreas::ns {
namespace {

// Neighbour beyond a wall (s = -1 mirror, 0 fixed face, +1 zero gradient).
double tangential_sign(BoundaryType t) {
  return (t == BoundaryType::wall || t == BoundaryType::inflow) ? -1.0 : 1.0;
}
double normal_sign(BoundaryType t) {
  return t == BoundaryType::outflow ? 1.0 : 0.0;
}

}  // namespace

void viscous_keys(io::Keys<ViscousSettings> k) {
  k.choice("physics.viscous", &ViscousSettings::crank_nicolson,
           {{"explicit", false}, {"crank-nicolson", true}})
      .def("\"explicit\"")
      .describe(
          "viscous term: explicit AB2 (dt limited by 1/(4 nu sum 1/h^2)), or Crank-Nicolson with a "
          "Jacobi-CG Helmholtz solve per velocity component (advective dt limit only)");
  k.real("physics.viscous_rtol", &ViscousSettings::rtol)
      .def("1e-10")
      .above(0)
      .describe(
          "relative residual tolerance of the Crank-Nicolson velocity solves (max iterations: "
          "solver.max_iterations)");
}

FaceHelmholtz::FaceHelmholtz(const Mesh& mesh, int c, const VelocityBoundaries& faces)
    : mesh_(mesh), halo_(std::make_unique<HaloExchange>(mesh, 1)) {
  st_.dim = mesh.dim();
  st_.c = c;
  for (int d = 0; d < mesh.dim(); ++d) {
    const double h = mesh.dx(d);
    st_.inv_h2[d] = 1.0 / (h * h);
    const int g = mesh.ghost(d), n = mesh.local_cells(d);
    const Face lo = static_cast<Face>(2 * d), hi = static_cast<Face>(2 * d + 1);
    if (mesh.is_physical_boundary(lo)) {
      const BoundaryType t = faces[lo].type;
      if (d == c) {
        st_.mask_row = g;
        st_.lo_row[d] = g + 1;
        st_.lo_s[d] = normal_sign(t);
      } else {
        st_.lo_row[d] = g;
        st_.lo_s[d] = tangential_sign(t);
      }
    }
    if (mesh.is_physical_boundary(hi)) {
      const BoundaryType t = faces[hi].type;
      st_.hi_row[d] = g + n - 1;
      st_.hi_s[d] = d == c ? normal_sign(t) : tangential_sign(t);
    }
  }
}

FaceHelmholtz::~FaceHelmholtz() = default;

void FaceHelmholtz::apply(const FieldView& x, const FieldView& y) {
  halo_->exchange(x);  // rank and periodic neighbours; physical sides never read ghosts
  const FaceStencil s = st_;
  par_for(
      "ns_face_helmholtz", mesh_.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const int idx[3] = {i, j, k};
        const double xc = x(0, k, j, i);
        if (idx[s.c] == s.mask_row) {
          y(0, k, j, i) = xc;
          return;
        }
        double lap = 0.0;
        for (int d = 0; d < s.dim; ++d) {
          const int di = d == 0, dj = d == 1, dk = d == 2;
          const double xm = idx[d] == s.lo_row[d] ? s.lo_s[d] * xc : x(0, k - dk, j - dj, i - di);
          const double xp = idx[d] == s.hi_row[d] ? s.hi_s[d] * xc : x(0, k + dk, j + dj, i + di);
          lap += (xp - 2.0 * xc + xm) * s.inv_h2[d];
        }
        y(0, k, j, i) = xc - s.a * lap;
      });
}

void FaceHelmholtz::diagonal(const FieldView& dg) {
  const FaceStencil s = st_;
  par_for(
      "ns_face_helmholtz_diag", mesh_.interior(),
      KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const int idx[3] = {i, j, k};
        if (idx[s.c] == s.mask_row) {
          dg(0, k, j, i) = 1.0;
          return;
        }
        double diag = 0.0;
        for (int d = 0; d < s.dim; ++d) {
          double w = 2.0;
          if (idx[d] == s.lo_row[d]) w -= s.lo_s[d];
          if (idx[d] == s.hi_row[d]) w -= s.hi_s[d];
          diag += w * s.inv_h2[d];
        }
        dg(0, k, j, i) = 1.0 + s.a * diag;
      });
}

RefreshedJacobi::RefreshedJacobi(linear::Operator& op)
    : op_(op), dinv_(op.mesh().make_field("ns_cn_dinv", 1)) {}

void RefreshedJacobi::refresh() {
  op_.diagonal(dinv_);
  const FieldView d = dinv_;
  par_for(
      "ns_cn_jacobi_invert", op_.mesh().interior(),
      KOKKOS_LAMBDA(const int k, const int j, const int i) {
        d(0, k, j, i) = 1.0 / d(0, k, j, i);
      });
}

void RefreshedJacobi::apply(const FieldView& r, const FieldView& z) {
  linear::multiply(op_.mesh().interior(), z, r, dinv_);
}

struct CrankNicolsonViscosity::Component {
  Component(const Mesh& mesh, int c, const VelocityBoundaries& faces)
      : op(mesh, c, faces), pc(op), cg(op, &pc, false) {}
  FaceHelmholtz op;
  RefreshedJacobi pc;
  linear::ConjugateGradient cg;
  double a = -1.0;  // coefficient the preconditioner was built for
};

CrankNicolsonViscosity::CrankNicolsonViscosity(const Mesh& mesh, const VelocityBoundaries& faces,
                                               double nu, double rtol, int max_iterations)
    : mesh_(mesh), nu_(nu), b_(mesh.make_field("ns_cn_rhs", 1)), x_(mesh.make_field("ns_cn_x", 1)) {
  options_.name = "ns crank-nicolson viscosity (jacobi cg)";
  options_.rtol = rtol;
  options_.max_iterations = max_iterations;
  for (int c = 0; c < mesh.dim(); ++c) comp_[c] = std::make_unique<Component>(mesh, c, faces);
}

CrankNicolsonViscosity::~CrankNicolsonViscosity() = default;

void CrankNicolsonViscosity::predict(const Box& box, int c, double dt, double wa, double wb,
                                     const FieldView& vel, const FieldView& H,
                                     const FieldView& Hold, const FieldView& p) {
  Component& cp = *comp_[c];
  const double a = 0.5 * nu_ * dt;
  if (a != cp.a) {
    cp.op.set_coefficient(a);
    cp.pc.refresh();
    cp.a = a;
  }
  const int dim = mesh_.dim();
  double inv_h[3] = {1, 1, 1};
  for (int d = 0; d < dim; ++d) inv_h[d] = 1.0 / mesh_.dx(d);
  const double ihx = inv_h[0], ihy = inv_h[1], ihz = inv_h[2];
  const double nu = nu_;
  const int ci = c == 0, cj = c == 1, ck = c == 2;
  const FieldView b = b_, x = x_;
  linear::fill(mesh_.interior(), b, 0.0);
  par_for(
      "ns_cn_rhs", box, KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const double ih[3] = {ihx, ihy, ihz};
        const double uc = vel(c, k, j, i);
        double lap = 0.0;
        for (int d = 0; d < dim; ++d) {
          const int di = d == 0, dj = d == 1, dk = d == 2;
          lap += (vel(c, k + dk, j + dj, i + di) - 2.0 * uc + vel(c, k - dk, j - dj, i - di)) *
                 ih[d] * ih[d];
        }
        const double ih_c = ci ? ihx : cj ? ihy : ihz;
        const double gp = (p(0, k, j, i) - p(0, k - ck, j - cj, i - ci)) * ih_c;
        b(0, k, j, i) = dt * (wa * H(c, k, j, i) + wb * Hold(c, k, j, i) - gp + nu * lap);
      });
  linear::copy(mesh_.interior(), x, b);  // the explicit increment is a close first guess
  const linear::SolveStats st = cp.cg.solve(b, x, options_);
  iterations_ += st.iterations;
  par_for(
      "ns_cn_update", box,
      KOKKOS_LAMBDA(const int k, const int j, const int i) { vel(c, k, j, i) += x(0, k, j, i); });
}

}  // namespace boreas::ns
