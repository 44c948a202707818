#pragma once
// Crank–Nicolson viscosity of the ns app: each velocity component solves
//
//     (I - a lap_0) D = b,   a = nu dt / 2,
//     b = dt (wa H^n + wb H^{n-1} - d p / d x_c + nu lap u_c^n),   u* = u^n + D
//
// (H the advective terms only, AB2-extrapolated; lap with the boundary
// values of the velocity field). The boundary data are constant in time, so
// the increment D satisfies the homogeneous conditions (lap_0).
//
// The unknowns of component c live on its faces (ns_kernels.hpp), which the
// cell-centred EllipticProblem cannot express in the normal direction (a
// wall face is a grid point, not a cell face), so FaceHelmholtz is a
// matrix-free linear::Operator of its own on one-variable fields indexed like
// the cells. Per direction d and boundary side the neighbour beyond the last
// unknown is s x(self):
//   d != c: s = -1 (wall, inflow: zero at the face), +1 (reflecting, outflow:
//           zero gradient);
//   d == c: s = 0 (wall, inflow, reflecting: the boundary face is fixed),
//           +1 (outflow: zero gradient).
// A lower physical face in direction c is not an unknown: its row is the
// identity and its neighbour reads s x(self) instead, which keeps the
// operator symmetric positive definite, so Jacobi-preconditioned CG
// (solvers/linear/krylov.hpp) solves it in a few iterations.
#include <memory>

#include "io/deck/keys.hpp"
#include "physics/ns/ns_boundaries.hpp"
#include "solvers/linear/krylov.hpp"

namespace boreas::ns {

// physics.viscous and physics.viscous_rtol.
struct ViscousSettings {
  bool crank_nicolson = false;
  double rtol = 1e-10;
};
void viscous_keys(io::Keys<ViscousSettings> k);

struct FaceStencil {
  int dim = 2;
  int c = 0;
  double a = 0.0;  // nu dt / 2
  double inv_h2[3] = {1, 1, 1};
  int lo_row[3] = {-1, -1, -1};  // row index whose lower neighbour is a boundary (-1: none)
  int hi_row[3] = {-1, -1, -1};  // row index whose upper neighbour is a boundary
  double lo_s[3] = {0, 0, 0}, hi_s[3] = {0, 0, 0};
  int mask_row = -1;  // index along c of the identity row (-1: none)
};

class FaceHelmholtz final : public linear::Operator {
 public:
  FaceHelmholtz(const Mesh& mesh, int c, const VelocityBoundaries& faces);
  ~FaceHelmholtz() override;
  void set_coefficient(double a) { st_.a = a; }
  const Mesh& mesh() const override { return mesh_; }
  void apply(const FieldView& x, const FieldView& y) override;
  void diagonal(const FieldView& d) override;

 private:
  const Mesh& mesh_;
  FaceStencil st_;
  std::unique_ptr<HaloExchange> halo_;
};

// Jacobi preconditioner whose diagonal is recomputed when dt changes.
class RefreshedJacobi final : public linear::Preconditioner {
 public:
  explicit RefreshedJacobi(linear::Operator& op);
  void refresh();
  void apply(const FieldView& r, const FieldView& z) override;

 private:
  linear::Operator& op_;
  FieldView dinv_;
};

class CrankNicolsonViscosity {
 public:
  CrankNicolsonViscosity(const Mesh& mesh, const VelocityBoundaries& faces, double nu, double rtol,
                         int max_iterations);
  ~CrankNicolsonViscosity();
  // u*_c over `box` (the updated c-faces) from u^n in vel (ghosts filled);
  // vel(c) is overwritten. H, Hold hold the advective terms only.
  void predict(const Box& box, int c, double dt, double wa, double wb, const FieldView& vel,
               const FieldView& H, const FieldView& Hold, const FieldView& p);
  // CG iterations of the last predict() of each component, summed.
  int iterations() const { return iterations_; }
  void reset_iterations() { iterations_ = 0; }

 private:
  struct Component;
  const Mesh& mesh_;
  double nu_;
  linear::KrylovOptions options_;
  std::unique_ptr<Component> comp_[3];
  FieldView b_, x_;
  int iterations_ = 0;
};

}  // namespace boreas::ns
