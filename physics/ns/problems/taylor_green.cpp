// The 2D Taylor–Green vortex u = U sin(a x) cos(b y), v = -U (a/b) cos(a x) sin(b y)
// (x, y measured from the domain's lower corner, a = 2 pi / Lx, b = 2 pi / Ly),
// an exact solution decaying as exp(-nu (a^2 + b^2) t); its pressure
// p = U^2/4 (cos 2ax + (a/b)^2 cos 2by) decays twice as fast. On a 3D mesh
// it is extruded along z (w = 0). Diagnostic velocity_error: the RMS
// difference from the exact solution.
#include <cmath>

#include "core/math.hpp"
#include "io/deck/keys.hpp"
#include "mesh/mesh_keys.hpp"
#include "physics/ns/problems/problems.hpp"

namespace boreas::ns {
namespace {

constexpr double kTwoPi = 6.28318530717958647692;

struct Params {
  double amplitude = 1.0;
};

void keys(io::Keys<Params> k) {
  k.real("problem.amplitude", &Params::amplitude)
      .def("1.0")
      .units("m/s")
      .describe("velocity amplitude U of the vortex");
}

struct TaylorGreen {
  double U = 1.0, a = 1.0, b = 1.0;
  double lower[3] = {0, 0, 0};
  double h[3] = {1, 1, 1};
  int off[3] = {0, 0, 0};  // global index of local index 0

  // Component c at its face of local cell (k, j, i), at decay factor `decay`.
  KOKKOS_INLINE_FUNCTION double velocity(int c, int k, int j, int i, double decay) const {
    const int idx[3] = {i, j, k};
    double x[3];
    for (int d = 0; d < 3; ++d) x[d] = lower[d] + (off[d] + idx[d] + (d == c ? 0.0 : 0.5)) * h[d];
    if (c == 0) return decay * U * math::sin(a * x[0]) * math::cos(b * x[1]);
    if (c == 1) return -decay * U * (a / b) * math::cos(a * x[0]) * math::sin(b * x[1]);
    return 0.0;
  }
  KOKKOS_INLINE_FUNCTION double pressure(int j, int i) const {
    const double x = lower[0] + (off[0] + i + 0.5) * h[0];
    const double y = lower[1] + (off[1] + j + 0.5) * h[1];
    return 0.25 * U * U * (math::cos(2 * a * x) + (a / b) * (a / b) * math::cos(2 * b * y));
  }
};

TaylorGreen make_taylor_green(const Mesh& mesh, double amplitude) {
  TaylorGreen tg;
  tg.U = amplitude;
  tg.a = kTwoPi / (mesh.upper(0) - mesh.lower(0));
  tg.b = kTwoPi / (mesh.upper(1) - mesh.lower(1));
  for (int d = 0; d < 3; ++d) {
    tg.lower[d] = mesh.lower(d);
    tg.h[d] = mesh.dx(d);
    tg.off[d] = mesh.offset(d) - mesh.ghost(d);
  }
  return tg;
}

// Device kernels live in free functions: nvcc does not allow extended
// lambdas in private member functions.

void set_taylor_green(const Mesh& mesh, const TaylorGreen& tg, const FieldView& vel,
                      const FieldView& p) {
  const int dim = mesh.dim();
  par_for(
      "ns_taylor_green", mesh.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        for (int c = 0; c < dim; ++c) vel(c, k, j, i) = tg.velocity(c, k, j, i, 1.0);
        p(0, k, j, i) = tg.pressure(j, i);
      });
}

// This rank's sum over the interior of (vel_c - decay * tg_c)^2, all components.
double local_taylor_green_error(const Mesh& mesh, const TaylorGreen& tg, const FieldView& vel,
                                double decay) {
  double ss = 0.0;
  for (int c = 0; c < mesh.dim(); ++c) {
    double s = 0.0;
    par_reduce(
        "ns_tg_error", mesh.interior(),
        KOKKOS_LAMBDA(const int k, const int j, const int i, double& acc) {
          const double e = vel(c, k, j, i) - tg.velocity(c, k, j, i, decay);
          acc += e * e;
        },
        Kokkos::Sum<double>(s));
    ss += s;
  }
  return ss;
}

// RMS over all updated faces of the velocity error against the decaying vortex.
double velocity_error(const Mesh& mesh, const TaylorGreen& tg, const FieldView& vel, double nu,
                      double t) {
  const double decay = std::exp(-nu * (tg.a * tg.a + tg.b * tg.b) * t);
  const double ss = local_taylor_green_error(mesh, tg, vel, decay);
  const double n = static_cast<double>(mesh.global_cell_count()) * mesh.dim();
  return std::sqrt(mesh.context().sum(ss) / n);
}

class TaylorGreenProblem final : public Problem {
 public:
  explicit TaylorGreenProblem(Params p) : p_(p) {}
  void check(const Equation&, const Mesh& mesh, io::DeckProblems& problems) const override {
    if (!mesh.periodic(0) || !mesh.periodic(1)) {
      problems.add({"problem.name", boundary_key(Face::x_lower), boundary_key(Face::y_lower)},
                   "ns: problem 'taylor_green' needs periodic x and y (boundary.x_* and "
                   "boundary.y_* = \"periodic\")");
    }
  }
  void initial_flow(const Mesh& mesh, const FieldView& vel, const FieldView& p) const override {
    set_taylor_green(mesh, make_taylor_green(mesh, p_.amplitude), vel, p);
  }
  void declare_diagnostics(Fields& f, const Mesh& mesh, const Equation& eq,
                           const FieldView& velocity) override {
    tg_ = make_taylor_green(mesh, p_.amplitude);
    const Mesh* m = &mesh;
    const FieldView* vel = &velocity;
    const double nu = eq.nu;
    f.diagnostic("velocity_error",
                 [this, m, vel, nu](double t) { return velocity_error(*m, tg_, *vel, nu, t); });
  }

 private:
  Params p_;
  TaylorGreen tg_;
};

}  // namespace

ProblemInfo taylor_green_info() {
  return {"taylor_green",
          "the decaying 2D Taylor-Green vortex u = U sin(2 pi x/Lx) cos(2 pi y/Ly) (periodic x "
          "and y; extruded along z in 3D), an exact solution: velocity_error reported",
          [](io::Schema& s) { keys(io::Keys<Params>(s)); }};
}

std::unique_ptr<Problem> make_taylor_green(const io::Deck& deck) {
  Params p;
  keys(io::Keys<Params>(deck, p));
  return std::make_unique<TaylorGreenProblem>(p);
}

}  // namespace boreas::ns
