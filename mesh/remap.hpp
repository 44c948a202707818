#pragma once
// Values of a variable on this mesh from the same variable on another
// uniform grid of the same domain (`boreas run --init`, docs/io.md,
// "Starting from another run").
//
// * Cell-centred variables (face < 0): conservative remap, second order.
//   In each source cell the value is the cell average plus a limited linear
//   slope per axis (the monotonized-central limiter: the smallest of the
//   central difference and twice the one-sided differences, 0 at an
//   extremum; at a non-periodic domain boundary the one-sided difference to
//   the inner neighbour). Each target cell gets the exact integral of that
//   reconstruction over its overlap with every source cell, divided by its
//   volume. The overlaps tile every source cell, so the total integral is
//   kept to round-off, and a linear field is reproduced wherever the limiter
//   is inactive.
// * A staggered component on the d-faces (face = d): consistent,
//   multilinear interpolation of the source values from their own grid (the
//   lower d-faces along d, the centres along the other axes) at the target's
//   points; between the last source point and a non-periodic boundary the
//   line through the two nearest source points is extended (exact for linear
//   fields). The target's lower boundary face coincides with the source's.
//
// Both grids are seen in integer units of 1/(Ns Nt) of each axis (Ns, Nt
// the source and target cells), so the overlaps, the weights and the order
// of every sum depend only on the global indices: any decomposition of the
// target gives the same bits. On a periodic axis of the target, the source
// is periodic too.
#include <array>
#include <vector>

#include "mesh/mesh.hpp"

namespace boreas {

// The source grid: `cells` cells per axis over the target's domain, with a
// variable's values known on a box of global indices [start, start + count)
// per axis (x first; on a periodic axis the indices may lie one cell outside
// [0, cells), meaning the wrapped cell).
struct RemapSource {
  int dim = 1;
  std::array<long long, 3> cells{1, 1, 1};
  std::array<long long, 3> start{0, 0, 0};
  std::array<long long, 3> count{1, 1, 1};
  std::vector<double> values;  // count[0] * count[1] * count[2], x fastest
};

// The box of source cells this rank's interior needs (every source cell
// overlapping it, plus one on each side, clamped to the domain on a
// non-periodic axis), as start/count of `src`, whose dim and cells are set.
void remap_source_box(const Mesh& target, RemapSource& src);

// This rank's interior (local_cell_count() values, x fastest) of a variable
// living at the cell centres (face < 0) or on the lower face-d faces (a
// staggered component), from `src` (see above).
std::vector<double> remap_interior(const Mesh& target, const RemapSource& src, int face);

}  // namespace boreas
