#pragma once
// Values of variables at arbitrary points of the domain, the same on every
// rank count (docs/io.md, "Sampling").
//
// Each variable is interpolated multilinearly (bilinear in 2D, linear in 1D)
// from its own grid: cell centres, or for a staggered variable the lower
// d-faces of the cells along its axis d (NamedVariable::face) and the
// centres along the others. The 2^dim values around the point come from
// one rank, the one whose interior holds the cell that contains the point
// (ties go to the upper cell; a point on the upper domain boundary belongs
// to the last cell), and may include its ghost cells: between the last
// cell centre and a boundary the ghost value the app set (for a Dirichlet
// wall, the one that puts the wall value on the face) closes the stencil.
// The caller makes the ghosts current first (halo exchange). The weights
// and the order of the sum depend only on the point and the global grid,
// so any decomposition gives the same bits.
#include <array>
#include <string>
#include <vector>

#include "mesh/field_ops.hpp"
#include "mesh/mesh.hpp"

namespace boreas {

using Point = std::array<double, 3>;

// Why `p` cannot be sampled on `mesh` (outside the domain, beyond a small
// relative tolerance, in its first mesh.dim() coordinates), or "".
std::string sample_point_problem(const Mesh& mesh, const Point& p);

// values[i * vars.size() + v]: variable v at point i, on every rank
// (collective). Points must pass sample_point_problem (else InputError).
std::vector<double> sample(const Mesh& mesh, const std::vector<NamedVariable>& vars,
                           const std::vector<Point>& points);

// `n` points evenly from `a` to `b`, both included (n >= 2; n = 1: `a`).
std::vector<Point> line_points(const Point& a, const Point& b, int n);

}  // namespace boreas
