#pragma once
// Physical boundary conditions, per face and per variable, filling the ghost
// cells of non-periodic domain faces after a halo exchange. Faces are filled
// in x, y, z order over the full ghost-inclusive extent of the other
// directions, so edges and corners are defined too.
//
// Cell-centred formulas for ghost layer g = 1..ng, with m_g the interior cell
// mirrored across the face (m_1 is the cell touching the face):
//   dirichlet(value)   ghost_g = 2 value - m_g           (second order)
//   neumann(value)     ghost_g = m_g + value (2g-1) dx   (value = outward du/dn)
//   wall(value)        as dirichlet; the app maps "wall" to per-variable
//                      conditions (no-slip velocity = wall speed, p neumann)
//   reflecting(sign)   ghost_g = sign m_g  (sign -1 for the normal velocity)
//   outflow            ghost_g = m_1 (zero gradient)
//   inflow(value)      ghost_g = value
//   periodic           nothing here: the halo exchange filled them
#include <string>
#include <vector>

#include "mesh/mesh.hpp"

namespace boreas {

enum class BoundaryType { periodic, dirichlet, neumann, wall, reflecting, outflow, inflow };
std::string boundary_type_name(BoundaryType t);
// Parses "dirichlet", ...; throws InputError naming the allowed values.
BoundaryType parse_boundary_type(const std::string& s);
std::vector<std::string> boundary_type_names();

struct BoundaryCondition {
  BoundaryType type = BoundaryType::neumann;
  double value = 0.0;
  double sign = 1.0;  // reflecting only
};

class Boundaries {
 public:
  explicit Boundaries(int nvar);
  int nvar() const { return nvar_; }
  void set(Face f, int var, const BoundaryCondition& bc);
  void set_all_vars(Face f, const BoundaryCondition& bc);
  const BoundaryCondition& get(Face f, int var) const;

 private:
  int nvar_;
  std::vector<BoundaryCondition> bcs_;  // [face * nvar + var]
};

// Throws InputError if a face is periodic in the conditions but not in the
// mesh or the other way round.
void check_boundaries(const Mesh& mesh, const Boundaries& bcs);

// Fills the ghost cells on this rank's physical faces.
void apply_boundaries(const Mesh& mesh, const FieldView& field, const Boundaries& bcs);

// Fills the ghost cells on this rank's physical faces, every variable, by
// linear extrapolation from the two cells nearest the face:
// ghost_g = m_1 + g (m_1 - m_2) (m_1 touches the face, m_2 is next to it;
// a direction of one cell copies m_1). Faces in x, y, z order over the full
// ghost-inclusive extent of the other directions, like apply_boundaries.
// Call it after the halo exchange: m_2 may be a halo cell. For fields
// without boundary conditions of their own (derived output variables), so
// that interpolation up to a wall is second-order for smooth data.
void extrapolate_boundaries(const Mesh& mesh, const FieldView& field);

}  // namespace boreas
