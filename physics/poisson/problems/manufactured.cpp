// The manufactured solution (manufactured_solution.hpp) with its f, its k
// (constant 1 or variable) and its boundary data on every dirichlet or
// neumann face; l2_error against it.
#include "io/deck/keys.hpp"
#include "physics/poisson/problems/manufactured_solution.hpp"
#include "physics/poisson/problems/problem.hpp"

namespace boreas::poisson {
namespace {

struct Params {
  std::vector<long long> mode{1, 1, 1};
  double phase = 0.3;
  bool variable_k = false;
};

void keys(io::Keys<Params> k) {
  k.integers("problem.mode", &Params::mode)
      .def("[1, 1, 1]")
      .length(1, 3)
      .at_least(1)
      .describe("wave numbers m_d of u = prod sin(2 pi m_d (x_d - lower_d)/L_d + phase)");
  k.real("problem.phase", &Params::phase)
      .def("0.3")
      .describe("phase of the solution (non-zero: inhomogeneous boundary data)");
  k.choice("problem.coefficient", &Params::variable_k, {{"constant", false}, {"variable", true}})
      .def("\"constant\"")
      .describe("k = 1, or k = 1 + 0.25 sum_d cos(2 pi (x_d - lower_d)/L_d)");
}

enum class Quantity { coefficient, solution, source };

// out(0, cell) = k, u or f of the manufactured solution at the cell centre, over box.
void fill(const Mesh& mesh, const Manufactured& m, Quantity q, const FieldView& out,
          const Box& box) {
  double lo[3], dx[3];
  int off[3];
  for (int d = 0; d < 3; ++d) {
    lo[d] = mesh.lower(d);
    dx[d] = mesh.dx(d);
    off[d] = mesh.offset(d) - mesh.ghost(d);
  }
  par_for(
      "poisson_fill", box, KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const int idx[3] = {i, j, k};
        double x[3];
        for (int d = 0; d < 3; ++d) x[d] = lo[d] + (off[d] + idx[d] + 0.5) * dx[d];
        out(0, k, j, i) = q == Quantity::coefficient ? m.k(x)
                          : q == Quantity::solution  ? m.u(x)
                                                     : m.f(x);
      });
}

// Boundary data of the manufactured solution at the face centre of a
// boundary cell: u there (dirichlet) or du/dn outward (neumann).
struct FaceValues {
  Manufactured m;
  int ghost[3] = {0, 0, 0};
  int offset[3] = {0, 0, 0};
  double dx[3] = {1, 1, 1};
  bool neumann[6] = {false, false, false, false, false, false};

  KOKKOS_INLINE_FUNCTION double operator()(Face f, int k, int j, int i) const {
    const int idx[3] = {i, j, k};
    const int d = f / 2;
    const bool upper = f % 2 == 1;
    double x[3];
    for (int e = 0; e < 3; ++e) x[e] = m.lower[e] + (offset[e] + idx[e] - ghost[e] + 0.5) * dx[e];
    x[d] += upper ? 0.5 * dx[d] : -0.5 * dx[d];
    if (!neumann[f]) return m.u(x);
    return upper ? m.du(d, x) : -m.du(d, x);
  }
};

class ManufacturedProblem final : public Problem {
 public:
  explicit ManufacturedProblem(Params p) : p_(std::move(p)) {}
  void check(const Mesh& mesh, io::DeckProblems& problems) const override {
    if (static_cast<int>(p_.mode.size()) < mesh.dim()) {
      problems.add({"problem.mode", "mesh.cells"},
                   "problem.mode needs one entry per mesh dimension");
    }
  }
  double k_constant() const override { return 1.0; }
  bool variable_k() const override { return p_.variable_k; }
  void coefficient(const Mesh& mesh, const FieldView& k) const override {
    fill(mesh, solution(mesh), Quantity::coefficient, k, mesh.all());
  }
  void source(const Mesh& mesh, const FieldView& f) const override {
    fill(mesh, solution(mesh), Quantity::source, f, mesh.interior());
  }
  void add_boundary_terms(const linear::EllipticProblem& p, const FieldView& rhs) const override {
    const Mesh& mesh = *p.mesh;
    FaceValues v;
    v.m = solution(mesh);
    for (int d = 0; d < 3; ++d) {
      v.ghost[d] = mesh.ghost(d);
      v.offset[d] = mesh.offset(d);
      v.dx[d] = mesh.dx(d);
    }
    for (int f = 0; f < 6; ++f) {
      v.neumann[f] = p.bcs.get(static_cast<Face>(f), 0).type == BoundaryType::neumann;
    }
    linear::add_boundary_terms_with(p, rhs, v);
  }
  bool has_exact() const override { return true; }
  void exact(const Mesh& mesh, const FieldView& u) const override {
    fill(mesh, solution(mesh), Quantity::solution, u, mesh.interior());
  }

 private:
  Manufactured solution(const Mesh& mesh) const {
    Manufactured m;
    m.dim = mesh.dim();
    m.phase = p_.phase;
    m.variable_k = p_.variable_k;
    for (int d = 0; d < m.dim; ++d) {
      m.lower[d] = mesh.lower(d);
      m.length[d] = mesh.upper(d) - mesh.lower(d);
      m.a[d] = Manufactured::kTwoPi * static_cast<double>(p_.mode[d]) / m.length[d];
    }
    return m;
  }

  Params p_;
};

}  // namespace

ProblemInfo manufactured_info() {
  return {"manufactured",
          "exact solution prod sin(2 pi mode_d (x_d - lower_d)/L_d + phase) with its f, k and "
          "boundary data (l2_error)",
          [](io::Schema& s) { keys(io::Keys<Params>(s)); }};
}

std::unique_ptr<Problem> make_manufactured(const io::Deck& deck) {
  Params p;
  keys(io::Keys<Params>(deck, p));
  return std::make_unique<ManufacturedProblem>(p);
}

}  // namespace boreas::poisson
