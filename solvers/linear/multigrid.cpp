#include "solvers/linear/multigrid.hpp"

#include <algorithm>
#include <sstream>

#include "solvers/linear/vector_ops.hpp"

namespace boreas::linear {

struct Multigrid::Level {
  std::unique_ptr<Mesh> own_mesh;  // coarse levels own their mesh and operator
  std::unique_ptr<StencilOperator> own_op;
  const Mesh* mesh = nullptr;
  StencilOperator* op = nullptr;
  FieldView x, b;          // level 0: the caller's fields, set per cycle
  FieldView work1, work2;  // smoother scratch (only what the smoother needs)
  FieldView k;             // cell coefficient of a variable-k operator
  std::unique_ptr<Smoother> smoother;
  Ratio ratio{1, 1, 1};  // to the next coarser level
};

namespace {

// Cells may be at most this much longer than the shortest ones to be halved.
constexpr double kAnisotropyLimit = 1.5;

std::string cells_of(const Mesh& m) {
  std::ostringstream s;
  for (int d = 0; d < m.dim(); ++d) s << (d ? "x" : "") << m.global_cells(d);
  return s.str();
}

}  // namespace

Ratio coarsening_ratio(const Mesh& mesh) {
  Ratio r{1, 1, 1};
  double hmin = mesh.dx(0);
  for (int d = 1; d < mesh.dim(); ++d) hmin = std::min(hmin, mesh.dx(d));
  for (int d = 0; d < mesh.dim(); ++d) {
    // rank_cells(d) is the same list on every rank, so every rank takes the
    // same decision without communicating.
    bool even = true;
    for (int c : mesh.rank_cells(d)) even = even && c >= 2 && c % 2 == 0;
    if (even && mesh.dx(d) <= kAnisotropyLimit * hmin) r[d] = 2;
  }
  return r;
}

Multigrid::Multigrid(StencilOperator& fine, const MultigridOptions& o) : o_(o) {
  auto L = std::make_unique<Level>();
  L->mesh = &fine.mesh();
  L->op = &fine;
  L->k = fine.spec().coefficient;
  levels_.push_back(std::move(L));
  add_coarser_levels();
  const bool cheby = o_.smoother == SmootherType::chebyshev;
  const bool jacobi = o_.smoother == SmootherType::jacobi;
  for (size_t l = 0; l + 1 < levels_.size(); ++l) {
    Level& lv = *levels_[l];
    if (cheby || jacobi) lv.work1 = lv.mesh->make_field("mg_work1", 1);
    if (cheby) lv.work2 = lv.mesh->make_field("mg_work2", 1);
    lv.smoother = std::make_unique<Smoother>(*lv.op, o_.smoother, lv.work1, lv.work2);
  }
  Level& c = *levels_.back();
  coarse_pc_ = std::make_unique<JacobiPreconditioner>(*c.op);
  coarse_cg_ = std::make_unique<ConjugateGradient>(*c.op, coarse_pc_.get(), false);
  coarse_options_.name = "multigrid coarse CG";
  coarse_options_.rtol = o_.coarse_rtol;
  coarse_options_.max_iterations =
      static_cast<int>(std::min<long long>(1000, 2 * c.mesh->global_cell_count() + 20));
  coarse_options_.singular = c.op->singular();
  coarse_options_.throw_on_failure = false;  // an inexact coarse solve only slows the cycle
}

Multigrid::~Multigrid() = default;

void Multigrid::add_coarser_levels() {
  while (true) {
    Level& f = *levels_.back();
    const Mesh& fm = *f.mesh;
    if (fm.global_cell_count() <= o_.coarsest_cells) return;
    const Ratio r = coarsening_ratio(fm);
    if (r[0] == 1 && r[1] == 1 && r[2] == 1) return;
    MeshSpec cs = fm.spec();
    cs.ghost = 1;
    for (int d = 0; d < 3; ++d) {
      cs.ranks[d] = fm.rank_dims(d);
      cs.cells[d] = fm.global_cells(d) / r[d];
      cs.rank_cells[d].clear();
      if (d >= fm.dim()) continue;
      for (int n : fm.rank_cells(d)) cs.rank_cells[d].push_back(n / r[d]);
    }
    auto c = std::make_unique<Level>();
    c->own_mesh = std::make_unique<Mesh>(fm.context(), cs);
    c->mesh = c->own_mesh.get();
    StencilSpec ss = f.op->spec();
    ss.coefficient = FieldView();
    if (f.op->variable()) {
      c->k = c->mesh->make_field("mg_k", 1);
      restrict_average(fm, f.k, *c->mesh, c->k, r);
      ss.coefficient = c->k;
    }
    c->own_op = std::make_unique<StencilOperator>(*c->mesh, ss);
    c->op = c->own_op.get();
    c->x = c->mesh->make_field("mg_x", 1);
    c->b = c->mesh->make_field("mg_b", 1);
    f.ratio = r;
    levels_.push_back(std::move(c));
  }
}

const Mesh& Multigrid::level_mesh(int l) const {
  return *levels_.at(static_cast<size_t>(l))->mesh;
}

std::string Multigrid::describe() const {
  std::ostringstream s;
  for (size_t l = 0; l < levels_.size(); ++l) s << (l ? " -> " : "") << cells_of(*levels_[l]->mesh);
  static const char* const names[] = {"jacobi", "rbgs", "chebyshev"};
  s << " (" << levels_.size() << " levels, " << names[static_cast<int>(o_.smoother)] << " "
    << (o_.f_cycle ? "F" : "V") << "(" << o_.pre_smooth << "," << o_.post_smooth << "), coarse CG)";
  return s.str();
}

void Multigrid::apply(const FieldView& r, const FieldView& z) {
  Level& L = *levels_.front();
  L.b = r;
  L.x = z;
  visit(0, o_.f_cycle, true);
}

void Multigrid::cycle(const FieldView& b, const FieldView& x) {
  Level& L = *levels_.front();
  L.b = b;
  L.x = x;
  visit(0, o_.f_cycle, false);
}

void Multigrid::visit(int l, bool f_cycle, bool zero_guess) {
  Level& L = *levels_[static_cast<size_t>(l)];
  if (static_cast<size_t>(l) + 1 == levels_.size()) return coarse_solve(L, zero_guess);
  Level& C = *levels_[static_cast<size_t>(l) + 1];
  L.smoother->smooth(L.x, L.b, o_.pre_smooth, zero_guess, false);
  L.op->exchange(L.x);
  restrict_residual(*L.op, L.b, L.x, *C.mesh, C.b, L.ratio);
  visit(l + 1, f_cycle, true);
  // F-cycle: after the coarse F-cycle, one more V-cycle there.
  if (f_cycle) visit(l + 1, false, false);
  C.op->fill_ghosts(C.x);
  prolong_add(*C.mesh, C.x, *L.mesh, L.x, L.ratio);
  L.smoother->smooth(L.x, L.b, o_.post_smooth, false, true);
}

void Multigrid::coarse_solve(Level& L, bool zero_guess) {
  if (zero_guess) fill(L.mesh->interior(), L.x, 0.0);
  coarse_cg_->solve(L.b, L.x, coarse_options_);
}

}  // namespace boreas::linear
