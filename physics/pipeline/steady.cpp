#include "physics/pipeline/steady.hpp"

#include <algorithm>
#include <cmath>

#include "mesh/field_ops.hpp"

namespace boreas::pipeline {

void SteadyMonitor::declare(Fields& fields) {
  fields.diagnostic("steady_residual", [this](double) { return residual_; });
}

void SteadyMonitor::arm(const Fields& fields) {
  before_.save(fields.variables(kPrognostic));
  armed_ = true;
}

void SteadyMonitor::measure(const Mesh& mesh, const Fields& fields, double dt) {
  if (!armed_) return;
  armed_ = false;
  const Context& ctx = mesh.context();
  const auto now = fields.variables(kPrognostic);
  const auto& old = before_.vars();
  // Per variable: the sums of (q^{n+1} - q^n)^2 and of (q^{n+1})^2.
  const size_t n = now.size();
  std::vector<double> sums(2 * n, 0.0);
  for (size_t v = 0; v < n; ++v) {
    sums[v] = local_squared_difference(mesh, now[v].view, now[v].var, old[v].view, old[v].var);
    sums[n + v] =
        local_squared_difference(mesh, now[v].view, now[v].var, old[v].view, old[v].var, 0.0);
  }
  ctx.sum(sums);
  double r = 0.0;
  for (size_t v = 0; v < n; ++v) {
    if (sums[v] == 0.0) continue;
    // Relative to the new state; if that is zero, the change is the old
    // state itself, and R = 1 / dt.
    const double size = std::sqrt(sums[n + v] > 0.0 ? sums[n + v] : sums[v]);
    r = std::max(r, std::sqrt(sums[v]) / (dt * size));
  }
  residual_ = r;
}

}  // namespace boreas::pipeline
