// Ghost fills of the ns velocity boundaries, the pressure conditions they
// imply, the outflow extrapolation and the faces the projection corrects.
// (Deck keys and checks: ns_boundary_keys.cpp; the outflow checkpoint store
// and the flux diagnostics: ns_outflow.cpp.)
#include "physics/ns/ns_boundaries.hpp"

#include <algorithm>
#include <cmath>

#include "physics/ns/ns_kernels.hpp"

namespace boreas::ns {
namespace {

// The inflow normal velocity at the face of local cell (k, j, i): the signed
// speed times, for the parabolic profile, the cell average of
// 6 s (L - s) / L^2 over the face cell in each tangential direction (so the
// discrete volume flux is exactly the mean speed times the face area).
// Zero beyond the domain's extent along the face (ghost corners).
struct ProfileFunctor {
  int d = 0, dim = 2;
  bool parabolic = false;
  double speed = 0.0;
  double h[3] = {1, 1, 1};
  double len[3] = {1, 1, 1};
  int off[3] = {0, 0, 0};
  int cells[3] = {1, 1, 1};

  KOKKOS_INLINE_FUNCTION double operator()(int k, int j, int i) const {
    const int idx[3] = {i, j, k};
    double r = speed;
    for (int t = 0; t < dim; ++t) {
      if (t == d) continue;
      const int gi = off[t] + idx[t];
      if (gi < 0 || gi >= cells[t]) return 0.0;
      if (parabolic) {
        const double a = gi * h[t], b = a + h[t], L = len[t];
        // Antiderivative of 6 s (L - s) / L^2.
        const double Fa = 6.0 / (L * L) * (0.5 * L * a * a - a * a * a / 3.0);
        const double Fb = 6.0 / (L * L) * (0.5 * L * b * b - b * b * b / 3.0);
        r *= (Fb - Fa) / h[t];
      }
    }
    return r;
  }
};

ProfileFunctor profile_of(const Mesh& mesh, Face f, const VelocityBoundary& b) {
  ProfileFunctor p;
  p.d = face_dir(f);
  p.dim = mesh.dim();
  p.parabolic = b.profile == InflowProfile::parabolic;
  p.speed = face_is_upper(f) ? -b.value : b.value;  // value is the inward speed
  for (int t = 0; t < 3; ++t) {
    p.h[t] = mesh.dx(t);
    p.len[t] = mesh.upper(t) - mesh.lower(t);
    p.off[t] = mesh.offset(t) - mesh.ghost(t);
    p.cells[t] = mesh.global_cells(t);
  }
  return p;
}

// The slab of cells with index `idx` along d, full ghost-inclusive extent
// in the other directions.
Box slab_at(const Mesh& mesh, int d, int idx) {
  Box s = mesh.all();
  int* lo[3] = {&s.i0, &s.j0, &s.k0};
  int* hi[3] = {&s.i1, &s.j1, &s.k1};
  *lo[d] = idx;
  *hi[d] = idx + 1;
  return s;
}

void fill_inflow_normal(const Mesh& mesh, const FieldView& vel, Face f, const VelocityBoundary& b) {
  const int d = face_dir(f), g = mesh.ghost(d), n = mesh.local_cells(d);
  const ProfileFunctor prof = profile_of(mesh, f, b);
  const bool upper = face_is_upper(f);
  const int di = d == 0, dj = d == 1, dk = d == 2;
  // Upper: the face is the first ghost. Lower: the face is the first
  // interior index, and the ghost below gets the same value.
  par_for(
      "ns_inflow_normal", slab_at(mesh, d, upper ? g + n : g - 1),
      KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const double v = prof(k, j, i);
        vel(d, k, j, i) = v;
        if (!upper) vel(d, k + dk, j + dj, i + di) = v;
      });
}

void fill_outflow_lower_ghost(const Mesh& mesh, const FieldView& vel, int d) {
  const int g = mesh.ghost(d);
  const int di = d == 0, dj = d == 1, dk = d == 2;
  par_for(
      "ns_outflow_ghost", slab_at(mesh, d, g - 1),
      KOKKOS_LAMBDA(const int k, const int j, const int i) {
        vel(d, k, j, i) = vel(d, k + dk, j + dj, i + di);
      });
}

// The upper outflow face value in the rows beyond this rank's interior (edges
// and corners next to a neighbour rank or another boundary): no halo message
// reaches them, so take the zero-gradient value of that row's last face,
// which the exchange has just refreshed. Inside the interior rows the face
// value is state and stays.
void fill_outflow_upper_edges(const Mesh& mesh, const FieldView& vel, int d) {
  const int g = mesh.ghost(d), n = mesh.local_cells(d);
  const int di = d == 0, dj = d == 1, dk = d == 2;
  const Box in = mesh.interior();
  par_for(
      "ns_outflow_edges", slab_at(mesh, d, g + n),
      KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const bool row_inside = (d == 0 || (i >= in.i0 && i < in.i1)) &&
                                (d == 1 || (j >= in.j0 && j < in.j1)) &&
                                (d == 2 || (k >= in.k0 && k < in.k1));
        if (!row_inside) vel(d, k, j, i) = vel(d, k - dk, j - dj, i - di);
      });
}

}  // namespace

BoundaryCondition pressure_condition(const VelocityBoundary& b) {
  BoundaryCondition pc;
  pc.value = 0.0;
  if (b.type == BoundaryType::periodic) {
    pc.type = BoundaryType::periodic;
  } else if (b.type == BoundaryType::outflow) {
    pc.type = BoundaryType::dirichlet;
  } else {
    pc.type = BoundaryType::neumann;
  }
  return pc;
}

double max_boundary_speed(const Mesh& mesh, const VelocityBoundaries& faces) {
  double s = 0.0;
  for (int f = 0; f < 2 * mesh.dim(); ++f) {
    const VelocityBoundary& b = faces[f];
    if (b.type == BoundaryType::wall) s = std::max(s, std::fabs(b.value));
    if (b.type == BoundaryType::inflow) {
      // The parabola's peak is 1.5 times its mean in each tangential direction.
      const double peak =
          b.profile == InflowProfile::parabolic ? std::pow(1.5, mesh.dim() - 1) : 1.0;
      s = std::max({s, peak * std::fabs(b.value), std::fabs(b.tangential)});
    }
  }
  return s;
}

void fill_velocity_boundaries(const Mesh& mesh, const FieldView& vel,
                              const VelocityBoundaries& faces) {
  for (int f = 0; f < 2 * mesh.dim(); ++f) {
    const Face face = static_cast<Face>(f);
    if (!mesh.is_physical_boundary(face)) continue;
    const VelocityBoundary& b = faces[f];
    const int d = face_dir(face);
    const int lid = lid_direction(d);
    for (int c = 0; c < mesh.dim(); ++c) {
      if (c == d) {
        if (b.type == BoundaryType::inflow) {
          fill_inflow_normal(mesh, vel, face, b);
        } else if (b.type == BoundaryType::outflow) {
          // The face value itself is state; only the lower ghost below it,
          // or the upper face's edge rows.
          if (face_is_upper(face)) {
            fill_outflow_upper_edges(mesh, vel, d);
          } else {
            fill_outflow_lower_ghost(mesh, vel, d);
          }
        } else {
          fill_velocity_face(mesh, vel, face, c, WallKind::no_slip, 0.0);
        }
        continue;
      }
      switch (b.type) {
        case BoundaryType::wall:
          fill_velocity_face(mesh, vel, face, c, WallKind::no_slip, c == lid ? b.value : 0.0);
          break;
        case BoundaryType::inflow:
          fill_velocity_face(mesh, vel, face, c, WallKind::no_slip, c == lid ? b.tangential : 0.0);
          break;
        default:  // reflecting, outflow: zero normal gradient
          fill_velocity_face(mesh, vel, face, c, WallKind::free_slip, 0.0);
      }
    }
  }
}

void extrapolate_outflow(const Mesh& mesh, const FieldView& vel, const VelocityBoundaries& faces) {
  for (int f = 0; f < 2 * mesh.dim(); ++f) {
    const Face face = static_cast<Face>(f);
    if (faces[f].type != BoundaryType::outflow || !mesh.is_physical_boundary(face)) continue;
    const int d = face_dir(face), g = mesh.ghost(d), n = mesh.local_cells(d);
    const bool upper = face_is_upper(face);
    const int s = upper ? -1 : 1;  // towards the interior
    const int di = s * (d == 0), dj = s * (d == 1), dk = s * (d == 2);
    par_for(
        "ns_outflow_extrapolate", slab_at(mesh, d, upper ? g + n : g),
        KOKKOS_LAMBDA(const int k, const int j, const int i) {
          vel(d, k, j, i) = vel(d, k + dk, j + dj, i + di);
        });
  }
}

Box correction_box(const Mesh& mesh, int c, const VelocityBoundaries& faces) {
  Box b = mesh.interior();
  int* lo[3] = {&b.i0, &b.j0, &b.k0};
  int* hi[3] = {&b.i1, &b.j1, &b.k1};
  const Face lower = static_cast<Face>(2 * c), upper = static_cast<Face>(2 * c + 1);
  if (mesh.is_physical_boundary(lower) && faces[lower].type != BoundaryType::outflow) *lo[c] += 1;
  if (mesh.is_physical_boundary(upper) && faces[upper].type == BoundaryType::outflow) *hi[c] += 1;
  return b;
}

}  // namespace boreas::ns
