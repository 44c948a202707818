#pragma once
// Velocity and pressure boundary conditions of the ns app, per face, on the
// MAC grid of ns_kernels.hpp (component c on the lower c-face of each cell).
//
//   wall        normal 0; tangential no slip, = `value` along the lid
//               direction (x on y/z faces, y on x faces); phi neumann
//   reflecting  free slip: normal 0, tangential zero gradient; phi neumann
//   inflow      normal = prescribed profile (`value` = mean speed INTO the
//               domain, "uniform" or "parabolic"), tangential = `tangential`
//               along the lid direction (0 otherwise); phi neumann
//   outflow     normal and tangential zero normal gradient, p = phi = 0
//               (dirichlet at the face): the pressure problem is regular
//               and the projection makes the outflow carry out what came in
//   periodic    halo exchange
//
// On an outflow face the normal velocity is part of the state: it is
// extrapolated from the first interior face after the predictor and then
// corrected by the projection like an interior face, so every cell (the
// boundary cells too) is discretely divergence-free. Filling the ghosts
// never touches it.
#include <array>
#include <string>

#include "core/exec.hpp"
#include "io/deck/keys.hpp"
#include "io/deck/problems.hpp"
#include "mesh/boundary.hpp"
#include "mesh/mesh.hpp"
#include "physics/ns/ns_faces.hpp"

namespace boreas::ns {

enum class InflowProfile : int { uniform = 0, parabolic = 1 };

struct VelocityBoundary {
  BoundaryType type = BoundaryType::periodic;
  double value = 0.0;       // wall: lid speed; inflow: mean inward normal speed
  double tangential = 0.0;  // inflow: tangential speed along the lid direction
  InflowProfile profile = InflowProfile::uniform;
};
using VelocityBoundaries = std::array<VelocityBoundary, 6>;

// The ns-only boundary keys: boundary.<face>_profile and
// boundary.<face>_tangential_value (the type and value keys are common).
struct OpenFace {
  InflowProfile profile = InflowProfile::uniform;
  double tangential = 0.0;
};
using OpenBoundaryInput = PerFace<OpenFace>;
void open_boundary_keys(io::Keys<OpenBoundaryInput> k);

inline bool has_type(const VelocityBoundaries& faces, BoundaryType t) {
  for (const auto& f : faces) {
    if (f.type == t) return true;
  }
  return false;
}

// The direction a moving wall (or an inflow's tangential speed) points along
// on a face normal to d.
inline int lid_direction(int d) {
  return d == 0 ? 1 : 0;
}

// Reports, naming the boundary.* keys, the combinations the app does not
// support (types other than wall, reflecting, inflow, outflow, periodic; a
// profile or a tangential speed on a face that is not an inflow; inflow
// without an outflow face).
void check_velocity_boundaries(const Mesh& mesh, const VelocityBoundaries& faces,
                               io::DeckProblems& problems);

// The pressure (and pressure-correction) condition of a velocity boundary:
// periodic, dirichlet 0 on outflow, neumann 0 otherwise.
BoundaryCondition pressure_condition(const VelocityBoundary& b);

// Largest speed a boundary imposes (lids, inflow profile peaks).
double max_boundary_speed(const Mesh& mesh, const VelocityBoundaries& faces);

// Fills the velocity ghosts of this rank's physical faces (after the halo
// exchange), faces in x, y, z order over the full ghost-inclusive extent.
void fill_velocity_boundaries(const Mesh& mesh, const FieldView& vel,
                              const VelocityBoundaries& faces);

// Outflow faces: normal velocity on the face = the first interior face's.
void extrapolate_outflow(const Mesh& mesh, const FieldView& vel, const VelocityBoundaries& faces);

// An upper outflow face's normal velocity is state (the projection corrects
// it) but lives in the first upper ghost, which checkpoints do not hold.
// These copy it to / from the last interior layer of `store` (component d
// for the face normal to d), a field the checkpoint does hold
// (ns_outflow.cpp; the app saves after every step, loads on restart).
bool has_upper_outflow(const VelocityBoundaries& faces, int dim);
void save_upper_outflow(const Mesh& mesh, const FieldView& vel, const FieldView& store,
                        const VelocityBoundaries& faces);
void load_upper_outflow(const Mesh& mesh, const FieldView& vel, const FieldView& store,
                        const VelocityBoundaries& faces);

// The c-faces the projection corrects: the updated faces plus outflow faces
// (the lower face at index ghost, the upper at ghost + local cells).
Box correction_box(const Mesh& mesh, int c, const VelocityBoundaries& faces);

// Global volume flux INTO the domain through the inflow faces, and OUT of it
// through the outflow faces (normal velocity on the face times face area).
struct BoundaryFluxes {
  double in = 0.0, out = 0.0;
};
BoundaryFluxes boundary_fluxes(const Mesh& mesh, const FieldView& vel,
                               const VelocityBoundaries& faces);

}  // namespace boreas::ns
