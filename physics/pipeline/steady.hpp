#pragma once
// The steady-state residual of a run, the same for every app: over the
// variables an app declares prognostic (kPrognostic: what its equations
// advance; not a pressure or another constraint variable),
//
//   R = max_q  ||q^{n+1} - q^n|| / (dt ||q^{n+1}||),   ||q|| = sqrt(sum q^2)
//
// sums over every interior cell (or face unknown) of all ranks. R has
// units 1/time: the relative change of the state per unit time, measured
// over one step. It falls to zero when the state approaches a steady state
// that is not zero; a state decaying like exp(-lambda t) towards zero keeps
// R = lambda. It is relative to the size of q, so a temperature in kelvin
// changes relatively less than one in degrees from a reference. A variable
// that is zero and stays zero contributes 0. diagnostics.csv carries R as
// `steady_residual`, measured over the step that ends at each row (empty
// at step 0 and at a row after a step that was not measured);
// run.stop_when_steady ends a run when R falls below it.
#include <limits>

#include "mesh/mesh.hpp"
#include "physics/fields.hpp"
#include "physics/pipeline/state_copy.hpp"

namespace boreas::pipeline {

class SteadyMonitor {
 public:
  // Whether the app declares any prognostic variable.
  static bool applies(const Fields& fields) { return !fields.variables(kPrognostic).empty(); }
  // Declares the `steady_residual` diagnostic (reads residual()).
  void declare(Fields& fields);
  // Before a step whose residual is wanted: keeps q^n.
  void arm(const Fields& fields);
  // After that step (collective): measures R over it. No effect unless armed.
  void measure(const Mesh& mesh, const Fields& fields, double dt);
  // The last R, or NaN before the first measurement.
  double residual() const { return residual_; }
  // Forget the last R (it describes an earlier step than the next row).
  void clear() { residual_ = std::numeric_limits<double>::quiet_NaN(); }

 private:
  StateCopy before_;
  bool armed_ = false;
  double residual_ = std::numeric_limits<double>::quiet_NaN();
};

}  // namespace boreas::pipeline
