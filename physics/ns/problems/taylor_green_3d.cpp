// The 3D Taylor–Green vortex and the kinetic-energy budget diagnostics it is
// judged by:
//   u =  U sin(a x) cos(b y) cos(c z)
//   v = -U (a/b) cos(a x) sin(b y) cos(c z)
//   w =  0
//   p =  U^2/16 (cos 2ax + cos 2by)(cos 2cz + 2)
// with x, y, z measured from the domain's lower corner and a, b, c = 2 pi / L
// per direction. On the cube [0, 2 pi]^3 (a = b = c = 1) this is the
// benchmark of Brachet et al. (1983) and of the International Workshops on
// High-Order CFD Methods (Re = U / (a nu) = 1600); there the pressure is the
// exact one of the initial velocity. The flow has no closed-form solution for
// t > 0: it transitions to turbulence, its dissipation peaking near t = 9.
#include "core/exec.hpp"
#include "core/math.hpp"
#include "io/deck/keys.hpp"
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

struct TaylorGreen3D {
  double U = 1.0;
  double a[3] = {1, 1, 1};
  double lower[3] = {0, 0, 0};
  double h[3] = {1, 1, 1};
  int off[3] = {0, 0, 0};  // global index of local index 0

  // Component c at its (lower) face of local cell (k, j, i); c = 3: the
  // pressure at the cell centre.
  KOKKOS_INLINE_FUNCTION double value(int c, int k, int j, int i) const {
    const int idx[3] = {i, j, k};
    double x[3];
    for (int d = 0; d < 3; ++d) x[d] = lower[d] + (off[d] + idx[d] + (d == c ? 0.0 : 0.5)) * h[d];
    if (c == 0) return U * math::sin(a[0] * x[0]) * math::cos(a[1] * x[1]) * math::cos(a[2] * x[2]);
    if (c == 1) {
      return -U * (a[0] / a[1]) * math::cos(a[0] * x[0]) * math::sin(a[1] * x[1]) *
             math::cos(a[2] * x[2]);
    }
    if (c == 2) return 0.0;
    return U * U / 16.0 * (math::cos(2 * a[0] * x[0]) + math::cos(2 * a[1] * x[1])) *
           (math::cos(2 * a[2] * x[2]) + 2.0);
  }
};

// Samples the vortex on the MAC faces (and p at cell centres) of the interior.
void set_taylor_green_3d(const Mesh& mesh, const FieldView& vel, const FieldView& p,
                         double amplitude) {
  TaylorGreen3D tg;
  tg.U = amplitude;
  for (int d = 0; d < 3; ++d) {
    tg.a[d] = kTwoPi / (mesh.upper(d) - mesh.lower(d));
    tg.lower[d] = mesh.lower(d);
    tg.h[d] = mesh.dx(d);
    tg.off[d] = mesh.offset(d) - mesh.ghost(d);
  }
  par_for(
      "ns_taylor_green_3d", mesh.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        for (int c = 0; c < 3; ++c) vel(c, k, j, i) = tg.value(c, k, j, i);
        p(0, k, j, i) = tg.value(3, k, j, i);
      });
}

// Volume-averaged kinetic energy <|u|^2> / 2 (global; ghosts not used).
double mean_kinetic_energy(const Mesh& mesh, const FieldView& vel) {
  const int dim = mesh.dim();
  double s = 0.0;
  par_reduce(
      "ns_mean_ke", mesh.interior(),
      KOKKOS_LAMBDA(const int k, const int j, const int i, double& acc) {
        for (int c = 0; c < dim; ++c) acc += vel(c, k, j, i) * vel(c, k, j, i);
      },
      Kokkos::Sum<double>(s));
  return 0.5 * mesh.context().sum(s) / static_cast<double>(mesh.global_cell_count());
}

// nu <|grad_h u|^2>: the volume-averaged viscous dissipation of the
// discrete Laplacian. In a periodic box it equals -d<|u|^2/2>/dt of the
// semi-discrete equations, since the central advection conserves energy and
// sum(u lap_h u) = -sum |D+ u|^2 exactly. vel's upper ghosts must be filled.
double mean_viscous_dissipation(const Mesh& mesh, const FieldView& vel, double nu) {
  const int dim = mesh.dim();
  double inv_h2[3] = {1, 1, 1};
  for (int d = 0; d < dim; ++d) inv_h2[d] = 1.0 / (mesh.dx(d) * mesh.dx(d));
  const double w0 = inv_h2[0], w1 = inv_h2[1], w2 = inv_h2[2];
  double s = 0.0;
  // Each forward difference of each component once: on a periodic mesh the
  // interior cells' upper neighbours (ghosts included) cover every pair.
  par_reduce(
      "ns_mean_dissipation", mesh.interior(),
      KOKKOS_LAMBDA(const int k, const int j, const int i, double& acc) {
        for (int c = 0; c < dim; ++c) {
          const double u = vel(c, k, j, i);
          const double dx = vel(c, k, j, i + 1) - u;
          const double dy = vel(c, k, j + 1, i) - u;
          acc += dx * dx * w0 + dy * dy * w1;
          if (dim == 3) {
            const double dz = vel(c, k + 1, j, i) - u;
            acc += dz * dz * w2;
          }
        }
      },
      Kokkos::Sum<double>(s));
  return nu * mesh.context().sum(s) / static_cast<double>(mesh.global_cell_count());
}

class TaylorGreen3DProblem final : public Problem {
 public:
  explicit TaylorGreen3DProblem(Params p) : p_(p) {}
  void check(const Equation&, const Mesh& mesh, io::DeckProblems& problems) const override {
    if (mesh.dim() != 3) {
      problems.add({"problem.name", "mesh.cells"},
                   "ns: problem 'taylor_green_3d' needs a 3D mesh (mesh.cells with 3 entries)");
    }
  }
  void initial_flow(const Mesh& mesh, const FieldView& vel, const FieldView& p) const override {
    set_taylor_green_3d(mesh, vel, p, p_.amplitude);
  }
  void declare_diagnostics(Fields& f, const Mesh& mesh, const Equation& eq,
                           const FieldView& velocity) override {
    const Mesh* m = &mesh;
    const FieldView* vel = &velocity;
    const double nu = eq.nu;
    f.diagnostic("kinetic_energy_mean", [m, vel](double) { return mean_kinetic_energy(*m, *vel); });
    f.diagnostic("dissipation_rate",
                 [m, vel, nu](double) { return mean_viscous_dissipation(*m, *vel, nu); });
  }

 private:
  Params p_;
};

}  // namespace

ProblemInfo taylor_green_3d_info() {
  return {"taylor_green_3d",
          "the 3D Taylor-Green vortex u = U sin x cos y cos z, v = -U cos x sin y cos z (x scaled "
          "by 2 pi/L; 3D mesh): kinetic_energy_mean and dissipation_rate reported",
          [](io::Schema& s) { keys(io::Keys<Params>(s)); }};
}

std::unique_ptr<Problem> make_taylor_green_3d(const io::Deck& deck) {
  Params p;
  keys(io::Keys<Params>(deck, p));
  return std::make_unique<TaylorGreen3DProblem>(p);
}

}  // namespace boreas::ns
