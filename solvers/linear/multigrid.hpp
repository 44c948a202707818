#pragma once
// Geometric multigrid on the cell-centred stencil: a hierarchy of coarser
// meshes with the same rank layout, rediscretised operators (coarse k = the
// average of the children's k), device smoothers, averaging restriction
// fused with the residual, linear prolongation, V- or F-cycles. Used as the
// preconditioner of CG ("cg-mg") and as a solver ("mg").
//
// Coarsening: direction d is halved when every rank's local cell count
// along d is even (so all transfers stay rank-local) and the cells along d
// are not much longer than the shortest ones (coarsening towards isotropic
// cells keeps point smoothers effective). It stops when no direction can be
// halved or the level has at most `coarsest_cells` cells. Sizes that are not
// powers of two just stop earlier, with a larger coarsest level.
//
// Coarsest level: CG (Jacobi-preconditioned) to a relative tolerance of
// `coarse_rtol`. That makes the cycle slightly nonlinear, so the outer CG is
// the flexible (Polak-Ribiere) variant, which is also what tolerates the
// non-symmetric averaging restriction / linear prolongation pair; the
// coarse level is small, so the tight solve costs little.
#include <memory>
#include <string>
#include <vector>

#include "solvers/linear/krylov.hpp"
#include "solvers/linear/smoothers.hpp"
#include "solvers/linear/stencil_operator.hpp"
#include "solvers/linear/transfer.hpp"

namespace boreas::linear {

struct MultigridOptions {
  SmootherType smoother = SmootherType::rbgs;
  bool f_cycle = false;
  int pre_smooth = 2;
  int post_smooth = 2;
  long long coarsest_cells = 64;
  double coarse_rtol = 1e-6;
};

class Multigrid : public Preconditioner {
 public:
  // `fine` must outlive the multigrid object.
  Multigrid(StencilOperator& fine, const MultigridOptions& o);
  ~Multigrid() override;

  // z = M r: one cycle from a zero initial guess.
  void apply(const FieldView& r, const FieldView& z) override;
  // One cycle on A x = b, improving x in place.
  void cycle(const FieldView& b, const FieldView& x);

  int levels() const { return static_cast<int>(levels_.size()); }
  const Mesh& level_mesh(int l) const;
  // "128x128x128 -> 64x64x64 -> ... (5 levels, rbgs V(2,2), coarse CG)"
  std::string describe() const;

 private:
  struct Level;
  void add_coarser_levels();
  void visit(int l, bool f_cycle, bool zero_guess);
  void coarse_solve(Level& L, bool zero_guess);

  MultigridOptions o_;
  std::vector<std::unique_ptr<Level>> levels_;
  std::unique_ptr<JacobiPreconditioner> coarse_pc_;
  std::unique_ptr<ConjugateGradient> coarse_cg_;
  KrylovOptions coarse_options_;
};

// Per-direction ratios (1 or 2) for coarsening `mesh` by the rules above;
// all 1 when it cannot be coarsened.
Ratio coarsening_ratio(const Mesh& mesh);

}  // namespace boreas::linear
