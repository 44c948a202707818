#include "mesh/mesh.hpp"

#include <sstream>

#include "core/error.hpp"

namespace boreas {
namespace {

const char* const kDirName[3] = {"x", "y", "z"};

std::string join_dims(const std::array<int, 3>& v, int dim) {
  std::ostringstream s;
  for (int d = 0; d < dim; ++d) s << (d ? " x " : "") << v[d];
  return s.str();
}

std::string list_ranks(const std::array<int, 3>& v) {
  std::ostringstream s;
  s << "[" << v[0] << ", " << v[1] << ", " << v[2] << "]";
  return s.str();
}

// Unused directions become one cell, one rank, no wrap, so every later loop
// can treat the mesh as 3D without special cases.
void validate(MeshSpec& s) {
  if (s.dim < 1 || s.dim > 3) {
    throw InputError("mesh.dim must be 1, 2 or 3 (got " + std::to_string(s.dim) + ")");
  }
  if (s.ghost < 0) {
    throw InputError("mesh ghost width must be >= 0 (got " + std::to_string(s.ghost) + ")");
  }
  for (int d = 0; d < 3; ++d) {
    if (d >= s.dim) {
      s.cells[d] = 1;
      s.periodic[d] = false;
      s.ranks[d] = 1;
      s.rank_cells[d].clear();
      continue;
    }
    if (s.cells[d] < 1) {
      throw InputError("mesh.cells: " + std::string(kDirName[d]) + " needs at least 1 cell (got " +
                       std::to_string(s.cells[d]) + ")");
    }
    if (!(s.upper[d] > s.lower[d])) {
      std::ostringstream m;
      m << "mesh.upper must exceed mesh.lower in " << kDirName[d] << " (lower " << s.lower[d]
        << ", upper " << s.upper[d] << ")";
      throw InputError(m.str());
    }
    if (s.ranks[d] < 0) {
      throw InputError("mesh.ranks " + list_ranks(s.ranks) + " has a negative entry");
    }
  }
}

// Rank counts per direction, index 0 = x. MPI_Dims_create hands out
// non-increasing counts; we give them slowest direction first, so z (2D: y)
// gets the most ranks when the deck leaves the choice to MPI. Each rank then
// owns long contiguous runs of memory: its part of an HDF5 dataset is a few
// large pieces instead of many short rows, and halo faces of the split
// direction are contiguous.
std::array<int, 3> choose_layout(const MeshSpec& s, int nranks) {
  int fixed = 1;
  bool any_free = false;
  for (int d = 0; d < s.dim; ++d) {
    if (s.ranks[d] == 0) {
      any_free = true;
    } else {
      fixed *= s.ranks[d];
    }
  }
  if (!any_free && fixed != nranks) {
    throw InputError("mesh.ranks " + list_ranks(s.ranks) + " describes " + std::to_string(fixed) +
                     " ranks but the run has " + std::to_string(nranks) + " MPI ranks");
  }
  if (any_free && nranks % fixed != 0) {
    throw InputError("mesh.ranks " + list_ranks(s.ranks) + " fixes " + std::to_string(fixed) +
                     " ranks, which does not divide the " + std::to_string(nranks) +
                     " MPI ranks of the run");
  }
  int slow_first[3] = {1, 1, 1};
  for (int d = 0; d < s.dim; ++d) slow_first[d] = s.ranks[s.dim - 1 - d];
  MPI_Dims_create(nranks, s.dim, slow_first);
  std::array<int, 3> dims{1, 1, 1};
  for (int d = 0; d < s.dim; ++d) dims[d] = slow_first[s.dim - 1 - d];
  return dims;
}

// The halo exchange sends ghost-width slabs of interior cells and the
// boundary formulas mirror ghost-width layers, so every rank needs at least
// that many interior cells in each active direction.
void check_cells_fit(const MeshSpec& s, const std::array<int, 3>& dims) {
  for (int d = 0; d < s.dim; ++d) {
    int fewest = s.cells[d] / dims[d];
    for (int c : s.rank_cells[d]) fewest = c < fewest ? c : fewest;
    const int need = s.ghost > 1 ? s.ghost : 1;
    if (fewest >= need) continue;
    std::ostringstream m;
    m << "mesh.cells: " << s.cells[d] << " cells in " << kDirName[d] << " over " << dims[d]
      << " rank" << (dims[d] > 1 ? "s" : "") << " (mesh.ranks layout " << join_dims(dims, s.dim)
      << ") leaves " << fewest << " cell" << (fewest == 1 ? "" : "s")
      << " on some ranks, but each rank needs at least " << need << " (the ghost width is "
      << s.ghost << "); use at least " << static_cast<long long>(need) * dims[d] << " cells in "
      << kDirName[d] << " or fewer ranks in " << kDirName[d];
    throw InputError(m.str());
  }
}

// Explicit per-rank counts must match the layout and add up to the cells.
void check_rank_cells(const MeshSpec& s, const std::array<int, 3>& dims) {
  for (int d = 0; d < s.dim; ++d) {
    const std::vector<int>& rc = s.rank_cells[d];
    if (rc.empty()) continue;
    long long total = 0;
    for (int c : rc) total += c;
    if (static_cast<int>(rc.size()) == dims[d] && total == s.cells[d]) continue;
    std::ostringstream m;
    m << "mesh rank_cells in " << kDirName[d] << " lists " << rc.size() << " ranks with " << total
      << " cells, but the layout has " << dims[d] << " ranks and " << s.cells[d] << " cells";
    throw InputError(m.str());
  }
}

}  // namespace

std::string face_name(Face f) {
  static const char* const names[6] = {"x_lower", "x_upper", "y_lower",
                                       "y_upper", "z_lower", "z_upper"};
  const int i = static_cast<int>(f);
  return i >= 0 && i < 6 ? names[i] : "unknown_face";
}

std::array<int, 2> split_cells(int n, int p, int c) {
  const int base = n / p;
  const int rem = n % p;
  const int count = base + (c < rem ? 1 : 0);
  const int offset = c * base + (c < rem ? c : rem);
  return {count, offset};
}

// MPI orders Cartesian ranks row-major (MPI dim 0 slowest). We hand MPI the
// directions reversed, (z, y, x), so rank = (cz * Py + cy) * Px + cx: x
// varies fastest in rank order just as i does in memory and in global cell
// ids. Anyone calling MPI_Cart_coords on cart_comm() gets (z, y, x) order;
// use rank_coord(d) instead.
Mesh::Mesh(const Context& ctx, const MeshSpec& spec) : ctx_(ctx), spec_(spec) {
  validate(spec_);
  dims_ = choose_layout(spec_, ctx.size());
  check_rank_cells(spec_, dims_);
  check_cells_fit(spec_, dims_);

  int mpi_dims[3] = {dims_[2], dims_[1], dims_[0]};
  int mpi_periods[3] = {periodic(2) ? 1 : 0, periodic(1) ? 1 : 0, periodic(0) ? 1 : 0};
  MPI_Cart_create(ctx.comm(), 3, mpi_dims, mpi_periods, /*reorder=*/0, &cart_);
  int rank = 0;
  MPI_Comm_rank(cart_, &rank);
  int c[3] = {0, 0, 0};
  MPI_Cart_coords(cart_, rank, 3, c);
  coords_ = {c[2], c[1], c[0]};
  for (int d = 0; d < 3; ++d) {
    const std::vector<int> counts = rank_cells(d);
    local_[d] = counts[static_cast<size_t>(coords_[d])];
    offset_[d] = 0;
    for (int c = 0; c < coords_[d]; ++c) offset_[d] += counts[static_cast<size_t>(c)];
  }
}

std::vector<int> Mesh::rank_cells(int d) const {
  if (!spec_.rank_cells[d].empty()) return spec_.rank_cells[d];
  std::vector<int> counts(static_cast<size_t>(dims_[d]));
  for (int c = 0; c < dims_[d]; ++c)
    counts[static_cast<size_t>(c)] = split_cells(spec_.cells[d], dims_[d], c)[0];
  return counts;
}

Mesh::~Mesh() {
  if (cart_ != MPI_COMM_NULL) MPI_Comm_free(&cart_);
}

double Mesh::cell_volume() const {
  double v = 1.0;
  for (int d = 0; d < dim(); ++d) v *= dx(d);
  return v;
}

bool Mesh::is_physical_boundary(Face f) const {
  const int d = face_dir(f);
  if (d >= dim() || periodic(d)) return false;
  return face_is_upper(f) ? coords_[d] == dims_[d] - 1 : coords_[d] == 0;
}

int Mesh::neighbour(int ox, int oy, int oz) const {
  const int o[3] = {ox, oy, oz};
  int c[3];
  for (int d = 0; d < 3; ++d) {
    c[d] = coords_[d] + o[d];
    if (c[d] >= 0 && c[d] < dims_[d]) continue;
    // Unused directions are never periodic, so any offset there lands here.
    if (!periodic(d)) return MPI_PROC_NULL;
    c[d] = ((c[d] % dims_[d]) + dims_[d]) % dims_[d];
  }
  int mpi_c[3] = {c[2], c[1], c[0]};
  int r = MPI_PROC_NULL;
  MPI_Cart_rank(cart_, mpi_c, &r);
  return r;
}

Box Mesh::interior() const {
  Box b;
  b.i0 = ghost(0);
  b.i1 = ghost(0) + local_[0];
  b.j0 = ghost(1);
  b.j1 = ghost(1) + local_[1];
  b.k0 = ghost(2);
  b.k1 = ghost(2) + local_[2];
  return b;
}

Box Mesh::all() const {
  Box b;
  b.i0 = 0;
  b.i1 = extent(0);
  b.j0 = 0;
  b.j1 = extent(1);
  b.k0 = 0;
  b.k1 = extent(2);
  return b;
}

long long Mesh::global_cell_count() const {
  long long n = 1;
  for (int d = 0; d < 3; ++d) n *= spec_.cells[d];
  return n;
}

FieldView Mesh::make_field(const std::string& label, int nvar) const {
  // Kokkos views are zero-initialized unless WithoutInitializing is asked for.
  return FieldView(label, nvar, extent(2), extent(1), extent(0));
}

std::string Mesh::describe() const {
  std::ostringstream s;
  s << join_dims(spec_.cells, dim()) << " cells on " << join_dims(dims_, dim()) << " ranks, ghost "
    << spec_.ghost;
  return s.str();
}

}  // namespace boreas
