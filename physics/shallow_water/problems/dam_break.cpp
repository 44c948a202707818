// A dam at x = x_dam between two still or moving bodies of water over a
// flat bottom: h = h_left, u = u_left for x < x_dam, h_right, u_right
// beyond (h_right = 0: a dry bed). The exact solution is the Riemann
// problem's (exact_riemann.hpp: Stoker on a wet bed, Ritter on a dry one,
// any two states in general), along x on a 1D or 2D mesh.
#include <optional>

#include "io/deck/keys.hpp"
#include "physics/shallow_water/exact_riemann.hpp"
#include "physics/shallow_water/problems/problem.hpp"

namespace boreas::shallow_water {
namespace {

struct DamBreak {
  double h_left = 1.0;
  double h_right = 0.1;
  double u_left = 0.0;
  double u_right = 0.0;
  std::optional<double> x_dam;
};

void keys(io::Keys<DamBreak> k) {
  k.real("problem.h_left", &DamBreak::h_left)
      .def("1.0")
      .at_least(0)
      .units("m")
      .describe("depth left of the dam");
  k.real("problem.h_right", &DamBreak::h_right)
      .def("0.1")
      .at_least(0)
      .units("m")
      .describe("depth right of the dam (0: a dry bed)");
  k.real("problem.u_left", &DamBreak::u_left)
      .def("0.0")
      .units("m/s")
      .describe("x velocity left of the dam");
  k.real("problem.u_right", &DamBreak::u_right)
      .def("0.0")
      .units("m/s")
      .describe("x velocity right of the dam");
  k.real("problem.x_dam", &DamBreak::x_dam)
      .units("m")
      .describe("position of the dam; default: the middle of the domain in x");
}

class DamBreakProblem final : public Problem {
 public:
  explicit DamBreakProblem(DamBreak p) : p_(std::move(p)) {}

  void check(const Mesh& mesh, const Physics&, io::DeckProblems& problems) const override {
    if (p_.h_left <= 0.0 && p_.h_right <= 0.0) {
      problems.add({"problem.h_left", "problem.h_right"}, "dam_break: both sides are dry");
    }
    if (p_.x_dam && (*p_.x_dam <= mesh.lower(0) || *p_.x_dam >= mesh.upper(0))) {
      problems.add({"problem.x_dam", "mesh.lower", "mesh.upper"},
                   "dam_break: problem.x_dam must lie inside the domain in x");
    }
  }

  void fill(const Mesh& mesh, const Physics& phys, const FieldView&,
            const FieldView& u) const override {
    fill_means(mesh, phys, u);
  }

  double tracer_front(const Mesh& mesh) const override { return dam(mesh); }
  bool has_exact() const override { return true; }
  double depth_scale() const override { return p_.h_left > p_.h_right ? p_.h_left : p_.h_right; }

  void exact_depth(const Mesh& mesh, const Physics& phys, double t, const FieldView&,
                   const FieldView& h) const override {
    const ExactRiemann r = solved(phys);
    const double x0 = dam(mesh);
    for_each_cell(
        mesh, "shallow_water_dam_break_exact",
        KOKKOS_LAMBDA(const double* x, const double* dx, int k, int j, int i) {
          h(0, k, j, i) = r.mean_depth(x[0] - 0.5 * dx[0] - x0, x[0] + 0.5 * dx[0] - x0, t);
        });
  }

  // Cell means of the state at t = 0 (the fraction of each cell left of
  // the dam takes the left state).
  void fill_means(const Mesh& mesh, const Physics& phys, const FieldView& u) const {
    const ExactRiemann r = solved(phys);
    const double x0 = dam(mesh);
    const int dim = mesh.dim();
    for_each_cell(
        mesh, "shallow_water_dam_break",
        KOKKOS_LAMBDA(const double* x, const double* dx, int k, int j, int i) {
          double left = (x0 - (x[0] - 0.5 * dx[0])) / dx[0];
          left = left < 0.0 ? 0.0 : (left > 1.0 ? 1.0 : left);
          u(0, k, j, i) = left * r.hL + (1.0 - left) * r.hR;
          u(1, k, j, i) = left * r.hL * r.uL + (1.0 - left) * r.hR * r.uR;
          if (dim == 2) u(2, k, j, i) = 0.0;
        });
  }

 private:
  double dam(const Mesh& mesh) const {
    return p_.x_dam ? *p_.x_dam : 0.5 * (mesh.lower(0) + mesh.upper(0));
  }
  ExactRiemann solved(const Physics& phys) const {
    ExactRiemann r;
    r.g = phys.g;
    r.hL = p_.h_left;
    r.uL = p_.u_left;
    r.hR = p_.h_right;
    r.uR = p_.u_right;
    r.solve();
    return r;
  }

  DamBreak p_;
};

}  // namespace

ProblemInfo dam_break_info() {
  return {"dam_break",
          "a dam between two depths (h_right = 0: a dry bed) over a flat bottom; exact solution "
          "(Stoker, Ritter, the general Riemann problem) in h_exact",
          [](io::Schema& s) { keys(io::Keys<DamBreak>(s)); }};
}

std::unique_ptr<Problem> make_dam_break(const io::Deck& deck) {
  DamBreak p;
  keys(io::Keys<DamBreak>(deck, p));
  return std::make_unique<DamBreakProblem>(p);
}

}  // namespace boreas::shallow_water
