#pragma once
// A fused explicit diffusion stage
//     out = a u0 + b (u + dt (kappa lap(u) + s(x) g(t)))
// with the 2nd-order 3-/5-/7-point Laplacian, streaming the fewest arrays
// each case needs. The heat app's stage, and what `boreas bench stencil`
// measures against the memory bandwidth.
#include "core/exec.hpp"

namespace boreas {

struct DiffusionStageCoefficients {
  double a = 0.0;  // weight of u0 (0: u0 not read)
  double b = 1.0;  // weight of the Euler update of u
  double dt = 0.0;
  double cx = 0.0;      // kappa / dx^2
  double cy = 0.0;      // kappa / dy^2 (0 in 1D)
  double cz = 0.0;      // kappa / dz^2 (0 in 1D, 2D)
  double source = 0.0;  // g(t): multiplies the source profile
};

// Interior box `b`; `dim` decides which neighbour offsets exist. `profile`
// (variable 0) is read only when with_source is true.
void diffusion_stage(const Box& box, int dim, const FieldView& out, const FieldView& u0,
                     const FieldView& u, const FieldView& profile, bool with_source,
                     const DiffusionStageCoefficients& c);

}  // namespace boreas
