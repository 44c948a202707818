// The decay app: the equation, its keys and its declarations. Nothing else:
// the framework derives halos, checkpoints, output, the NaN guard and
// diagnostics.csv from declare().
#include "physics/decay/decay.hpp"

#include <cmath>

#include "io/deck/keys.hpp"
#include "mesh/field_ops.hpp"
#include "mesh/mesh_keys.hpp"
#include "physics/decay/problems/problems.hpp"

namespace boreas::decay {
namespace {

struct Params {
  Rates rates;
};

// Every deck key of the app, declared once and bound to Params.
void keys(io::Keys<Params> k) {
  auto r = k.sub(&Params::rates);
  r.real("physics.kappa", &Rates::kappa).def("1.0").above(0).units("m^2/s").describe("diffusivity");
  r.real("physics.tau", &Rates::tau).def("1.0").above(0).units("s").describe("decay time");
}

// out = q + dt (kappa lap q - q / tau) over the interior (q's ghosts filled).
// Kernels live in free functions (nvcc: no device lambdas in private members).
void euler_step(const Mesh& mesh, const Rates& r, double dt, const FieldView& q,
                const FieldView& out) {
  const int dim = mesh.dim();
  double c[3] = {0, 0, 0};
  for (int d = 0; d < dim; ++d) c[d] = r.kappa / (mesh.dx(d) * mesh.dx(d));
  const double decay = 1.0 / r.tau;
  par_for(
      "decay_step", mesh.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const double qc = q(0, k, j, i);
        double lap = c[0] * (q(0, k, j, i - 1) - 2.0 * qc + q(0, k, j, i + 1));
        if (dim >= 2) lap += c[1] * (q(0, k, j - 1, i) - 2.0 * qc + q(0, k, j + 1, i));
        if (dim >= 3) lap += c[2] * (q(0, k - 1, j, i) - 2.0 * qc + q(0, k + 1, j, i));
        out(0, k, j, i) = qc + dt * (lap - decay * qc);
      });
}

class DecayApp final : public App {
 public:
  DecayApp(Params p, std::unique_ptr<Problem> problem) : p_(p), problem_(std::move(problem)) {}

  int ghost_width() const override { return 1; }

  void declare(const Mesh& mesh, const FaceConditions& faces, Fields& f,
               io::DeckProblems& problems) override {
    mesh_ = &mesh;
    fields_ = &f;
    bcs_ = Boundaries(1);
    // The faces this app can fill; the others are reported with their keys.
    accept_face_types("decay", mesh.dim(), faces,
                      {BoundaryType::periodic, BoundaryType::dirichlet, BoundaryType::neumann},
                      problems);
    for (int i = 0; i < 6; ++i) bcs_.set(static_cast<Face>(i), 0, faces[i]);
    problem_->check(mesh, problems);
    // The state: exchanged, checkpointed, written, NaN-checked.
    f.field(q_, "q", {"q"}, kHalo | kEvolved);
    f.describe("q", {"diffusing and decaying quantity q", ""});  // units: the user's
    // The step's target (swapped with q every step).
    f.scratch(next_, "decay_next", 1);
    if (problem_->has_exact()) f.scratch(exact_, "decay_exact", 1);
    f.diagnostic("total", [this](double) {
      return mesh_->context().sum(local_stats(*mesh_, q_, 0).sum) * mesh_->cell_volume();
    });
    f.diagnostic("q_max", [this](double) { return global_stats(*mesh_, q_, 0).max; });
    if (problem_->has_exact()) {
      f.diagnostic("l2_error", [this](double t) {
        const double factor = problem_->exact_factor(t, p_.rates, *mesh_);
        const double sum =
            mesh_->context().sum(local_squared_difference(*mesh_, q_, 0, exact_, 0, factor));
        return std::sqrt(sum / static_cast<double>(mesh_->global_cell_count()));
      });
    }
  }

  void setup() override {
    problem_->initial_state(*mesh_, q_);
    if (problem_->has_exact()) problem_->exact_profile(*mesh_, exact_);
  }

  // Forward Euler: kappa dt sum_d 2/h_d^2 + dt/tau <= 1.
  double max_stable_dt() const override {
    double s = 0.0;
    for (int d = 0; d < mesh_->dim(); ++d)
      s += 2.0 * p_.rates.kappa / (mesh_->dx(d) * mesh_->dx(d));
    return 1.0 / (s + 1.0 / p_.rates.tau);
  }

  // The framework has exchanged the halos; the boundary ghosts are ours.
  void refresh_ghosts() override { apply_boundaries(*mesh_, q_, bcs_); }

  void step(double, double dt) override {
    fields_->exchange(q_);
    apply_boundaries(*mesh_, q_, bcs_);
    euler_step(*mesh_, p_.rates, dt, q_, next_);
    std::swap(q_, next_);
  }

 private:
  Params p_;
  std::unique_ptr<Problem> problem_;
  const Mesh* mesh_ = nullptr;
  Fields* fields_ = nullptr;
  Boundaries bcs_{1};
  FieldView q_, next_, exact_;
};

std::unique_ptr<App> create(const io::Deck& deck, io::DeckProblems&) {
  Params p;
  keys(io::Keys<Params>(deck, p));
  return std::make_unique<DecayApp>(p, make_problem(deck));
}

}  // namespace

AppInfo app_info() {
  return AppInfo{"decay",
                 "a diffusing, decaying scalar: the minimal app of the developer guide",
                 [](io::Schema& s) { keys(io::Keys<Params>(s)); },
                 problems(),
                 &create,
                 {{"dirichlet", "the value of q on the face"},
                  {"neumann", "the outward normal gradient of q on the face (q/m)"}}};
}

}  // namespace boreas::decay
