#include "mesh/boundary.hpp"

#include <stdexcept>

#include "core/error.hpp"

namespace boreas {
namespace {

const char* const kTypeNames[] = {"periodic",   "dirichlet", "neumann", "wall",
                                  "reflecting", "outflow",   "inflow"};
constexpr int kTypeCount = sizeof(kTypeNames) / sizeof(kTypeNames[0]);
const char* const kDirName[3] = {"x", "y", "z"};

// How a ghost value is built in the kernel; wall shares dirichlet's formula.
enum Rule : int { rule_dirichlet, rule_neumann, rule_reflecting, rule_outflow, rule_inflow };

Rule rule_of(BoundaryType t) {
  switch (t) {
    case BoundaryType::dirichlet:
    case BoundaryType::wall:
      return rule_dirichlet;
    case BoundaryType::neumann:
      return rule_neumann;
    case BoundaryType::reflecting:
      return rule_reflecting;
    case BoundaryType::outflow:
      return rule_outflow;
    case BoundaryType::inflow:
      return rule_inflow;
    case BoundaryType::periodic:
      break;
  }
  throw std::logic_error("rule_of: periodic has no ghost formula");
}

// Fills the ghost slab of one face for one variable. `first` is the first
// ghost index along D on an upper face, or the first interior index on a
// lower face; layer 1 touches the face on both sides. The direction and the
// rule are template parameters: the kernel has no run-time branch per cell.
template <int D, int R>
void fill_face_t(const FieldView& field, int var, bool upper, int first, const Box& box,
                 double value, double sign, double dx) {
  par_for(
      "apply_boundary", box, KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const int c = D == 0 ? i : (D == 1 ? j : k);
        const int layer = upper ? c - first + 1 : first - c;
        const int mirror = upper ? first - layer : first + layer - 1;
        const int touching = upper ? first - 1 : first;
        const int src = R == rule_outflow ? touching : mirror;
        double g = value;
        if (R != rule_inflow) {
          const double m = field(var, D == 2 ? src : k, D == 1 ? src : j, D == 0 ? src : i);
          if (R == rule_dirichlet) {
            g = 2.0 * value - m;
          } else if (R == rule_neumann) {
            g = m + value * (2 * layer - 1) * dx;
          } else if (R == rule_reflecting) {
            g = sign * m;
          } else {
            g = m;
          }
        }
        field(var, k, j, i) = g;
      });
}

template <int D>
void fill_face_d(const FieldView& field, int var, bool upper, int first, const Box& box, Rule rule,
                 double value, double sign, double dx) {
  switch (rule) {
    case rule_dirichlet:
      return fill_face_t<D, rule_dirichlet>(field, var, upper, first, box, value, sign, dx);
    case rule_neumann:
      return fill_face_t<D, rule_neumann>(field, var, upper, first, box, value, sign, dx);
    case rule_reflecting:
      return fill_face_t<D, rule_reflecting>(field, var, upper, first, box, value, sign, dx);
    case rule_outflow:
      return fill_face_t<D, rule_outflow>(field, var, upper, first, box, value, sign, dx);
    case rule_inflow:
      return fill_face_t<D, rule_inflow>(field, var, upper, first, box, value, sign, dx);
  }
}

void fill_face(const FieldView& field, int var, int d, bool upper, int first, const Box& box,
               Rule rule, double value, double sign, double dx) {
  if (d == 0) return fill_face_d<0>(field, var, upper, first, box, rule, value, sign, dx);
  if (d == 1) return fill_face_d<1>(field, var, upper, first, box, rule, value, sign, dx);
  fill_face_d<2>(field, var, upper, first, box, rule, value, sign, dx);
}

// Linear extrapolation of every variable across one face (see
// extrapolate_boundaries); `first` as in fill_face_t. `two`: the direction
// has at least two cells, so m_2 exists (in the interior or the halo).
template <int D>
void extrapolate_face(const FieldView& field, bool upper, int first, const Box& box, bool two) {
  const int nvar = static_cast<int>(field.extent(0));
  par_for(
      "extrapolate_boundary", box, KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const int c = D == 0 ? i : (D == 1 ? j : k);
        const int layer = upper ? c - first + 1 : first - c;
        const int m1 = upper ? first - 1 : first;
        const int m2 = two ? (upper ? first - 2 : first + 1) : m1;
        for (int v = 0; v < nvar; ++v) {
          const double a = field(v, D == 2 ? m1 : k, D == 1 ? m1 : j, D == 0 ? m1 : i);
          const double b = field(v, D == 2 ? m2 : k, D == 1 ? m2 : j, D == 0 ? m2 : i);
          field(v, k, j, i) = a + layer * (a - b);
        }
      });
}

// fn(face, d, upper, first, box) for each physical face of this rank, in
// the order x lower, x upper, y lower, ...: `box` spans the face's ghost
// layers along d and every cell (ghosts included) along the other axes;
// `first` is the index along d that fill_face and extrapolate_face start
// from: the first ghost layer of an upper face, the first interior layer of
// a lower one.
template <class Fn>
void for_each_physical_face(const Mesh& mesh, Fn&& fn) {
  for (int d = 0; d < mesh.dim(); ++d) {
    const int g = mesh.ghost(d);
    const int n = mesh.local_cells(d);
    for (int side = 0; side < 2; ++side) {
      const Face f = static_cast<Face>(2 * d + side);
      if (!mesh.is_physical_boundary(f)) continue;
      const bool upper = side == 1;
      Box box = mesh.all();
      int* lo[3] = {&box.i0, &box.j0, &box.k0};
      int* hi[3] = {&box.i1, &box.j1, &box.k1};
      *lo[d] = upper ? g + n : 0;
      *hi[d] = upper ? 2 * g + n : g;
      fn(f, d, upper, upper ? g + n : g, box);
    }
  }
}

}  // namespace

std::string boundary_type_name(BoundaryType t) {
  const int i = static_cast<int>(t);
  return i >= 0 && i < kTypeCount ? kTypeNames[i] : "unknown";
}

std::vector<std::string> boundary_type_names() {
  return std::vector<std::string>(kTypeNames, kTypeNames + kTypeCount);
}

BoundaryType parse_boundary_type(const std::string& s) {
  for (int i = 0; i < kTypeCount; ++i) {
    if (s == kTypeNames[i]) return static_cast<BoundaryType>(i);
  }
  std::string allowed;
  for (int i = 0; i < kTypeCount; ++i) allowed += std::string(i ? ", " : "") + kTypeNames[i];
  throw InputError("unknown boundary type '" + s + "' (allowed: " + allowed + ")");
}

Boundaries::Boundaries(int nvar)
    : nvar_(nvar), bcs_(static_cast<size_t>(6 * (nvar > 0 ? nvar : 0))) {
  if (nvar < 1) throw std::invalid_argument("Boundaries needs at least one variable");
}

void Boundaries::set(Face f, int var, const BoundaryCondition& bc) {
  if (var < 0 || var >= nvar_) throw std::out_of_range("Boundaries::set: variable out of range");
  bcs_.at(static_cast<size_t>(static_cast<int>(f) * nvar_ + var)) = bc;
}

void Boundaries::set_all_vars(Face f, const BoundaryCondition& bc) {
  for (int v = 0; v < nvar_; ++v) set(f, v, bc);
}

const BoundaryCondition& Boundaries::get(Face f, int var) const {
  if (var < 0 || var >= nvar_) throw std::out_of_range("Boundaries::get: variable out of range");
  return bcs_.at(static_cast<size_t>(static_cast<int>(f) * nvar_ + var));
}

void check_boundaries(const Mesh& mesh, const Boundaries& bcs) {
  for (int d = 0; d < mesh.dim(); ++d) {
    for (int side = 0; side < 2; ++side) {
      const Face f = static_cast<Face>(2 * d + side);
      for (int v = 0; v < bcs.nvar(); ++v) {
        const BoundaryType t = bcs.get(f, v).type;
        if ((t == BoundaryType::periodic) == mesh.periodic(d)) continue;
        std::string msg = "boundary." + face_name(f) + " is '" + boundary_type_name(t) +
                          "' but the mesh is " + (mesh.periodic(d) ? "" : "not ") + "periodic in " +
                          kDirName[d];
        if (bcs.nvar() > 1) msg += " (variable " + std::to_string(v) + ")";
        throw InputError(msg);
      }
    }
  }
}

void apply_boundaries(const Mesh& mesh, const FieldView& field, const Boundaries& bcs) {
  if (static_cast<int>(field.extent(0)) != bcs.nvar() ||
      static_cast<int>(field.extent(1)) != mesh.extent(2) ||
      static_cast<int>(field.extent(2)) != mesh.extent(1) ||
      static_cast<int>(field.extent(3)) != mesh.extent(0)) {
    throw RuntimeError("apply_boundaries: field '" + field.label() +
                       "' does not match the mesh and boundary conditions (" +
                       std::to_string(bcs.nvar()) + " variables)");
  }
  // x, then y, then z, each over the full ghost-inclusive extent of the
  // other directions: later directions read the ghosts earlier ones wrote,
  // which is what defines edges and corners.
  for_each_physical_face(mesh, [&](Face f, int d, bool upper, int first, const Box& box) {
    for (int v = 0; v < bcs.nvar(); ++v) {
      const BoundaryCondition& bc = bcs.get(f, v);
      if (bc.type == BoundaryType::periodic) {
        throw RuntimeError("boundary." + face_name(f) +
                           " is 'periodic' on a non-periodic mesh face (check_boundaries "
                           "was not called)");
      }
      fill_face(field, v, d, upper, first, box, rule_of(bc.type), bc.value, bc.sign, mesh.dx(d));
    }
  });
}

void extrapolate_boundaries(const Mesh& mesh, const FieldView& field) {
  if (static_cast<int>(field.extent(1)) != mesh.extent(2) ||
      static_cast<int>(field.extent(2)) != mesh.extent(1) ||
      static_cast<int>(field.extent(3)) != mesh.extent(0)) {
    throw RuntimeError("extrapolate_boundaries: field '" + field.label() +
                       "' does not match the mesh");
  }
  for_each_physical_face(mesh, [&](Face, int d, bool upper, int first, const Box& box) {
    const bool two = mesh.global_cells(d) >= 2;
    if (d == 0) extrapolate_face<0>(field, upper, first, box, two);
    if (d == 1) extrapolate_face<1>(field, upper, first, box, two);
    if (d == 2) extrapolate_face<2>(field, upper, first, box, two);
  });
}

}  // namespace boreas
