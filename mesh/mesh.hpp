#pragma once
// Uniform Cartesian mesh, 1D/2D/3D, decomposed over an MPI Cartesian
// communicator (docs/architecture.md, "Mesh, halos, boundaries"). Direction d = 0, 1, 2 is x, y, z;
// a field is indexed (var, k, j, i) with i along x. Local indices include ghosts: interior cells of
// direction d are [ghost(d), ghost(d) + local_cells(d)).
#include <mpi.h>

#include <array>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "core/exec.hpp"

namespace boreas {

enum Face : int { x_lower = 0, x_upper = 1, y_lower = 2, y_upper = 3, z_lower = 4, z_upper = 5 };
inline int face_dir(Face f) {
  return static_cast<int>(f) / 2;
}
inline bool face_is_upper(Face f) {
  return static_cast<int>(f) % 2 == 1;
}
std::string face_name(Face f);  // "x_lower", ...

struct MeshSpec {
  int dim = 3;
  std::array<int, 3> cells{1, 1, 1};  // global interior cells per direction
  std::array<double, 3> lower{0.0, 0.0, 0.0};
  std::array<double, 3> upper{1.0, 1.0, 1.0};
  std::array<bool, 3> periodic{false, false, false};
  std::array<int, 3> ranks{0, 0, 0};  // rank layout; 0 = MPI_Dims_create chooses
  int ghost = 1;                      // ghost width, chosen by the app
  // Optional explicit interior cells per rank coordinate along each direction
  // (rank_cells[d][c] for c < ranks[d], summing to cells[d]); empty = split_cells.
  // Multigrid builds its coarse levels with it so that every rank keeps
  // exactly half its fine cells on the same rank layout (ranks must then be
  // given explicitly).
  std::array<std::vector<int>, 3> rank_cells{};
};

class Mesh {
 public:
  // Throws InputError for impossible layouts (a rank with fewer interior
  // cells than the ghost width, ranks product != communicator size, ...).
  Mesh(const Context& ctx, const MeshSpec& spec);
  ~Mesh();
  Mesh(const Mesh&) = delete;
  Mesh& operator=(const Mesh&) = delete;

  const Context& context() const { return ctx_; }
  const MeshSpec& spec() const { return spec_; }
  // MPI sees the directions as (z, y, x), so rank = (cz * Py + cy) * Px + cx
  // (x fastest, like i in memory). Prefer rank_coord(d) to MPI_Cart_coords.
  MPI_Comm cart_comm() const { return cart_; }
  int dim() const { return spec_.dim; }
  int ghost() const { return spec_.ghost; }
  int ghost(int d) const { return d < spec_.dim ? spec_.ghost : 0; }
  bool periodic(int d) const { return d < spec_.dim && spec_.periodic[d]; }

  int global_cells(int d) const { return spec_.cells[d]; }
  int local_cells(int d) const { return local_[d]; }
  int offset(int d) const { return offset_[d]; }  // global index of first local interior cell
  int rank_dims(int d) const { return dims_[d]; }
  int rank_coord(int d) const { return coords_[d]; }
  // Interior cells of every rank coordinate along d (the same on all ranks).
  std::vector<int> rank_cells(int d) const;
  int extent(int d) const { return local_[d] + 2 * ghost(d); }  // with ghosts

  double lower(int d) const { return spec_.lower[d]; }
  double upper(int d) const { return spec_.upper[d]; }
  double dx(int d) const { return (spec_.upper[d] - spec_.lower[d]) / spec_.cells[d]; }
  double cell_volume() const;  // product of dx over the active directions
  // Coordinate of the centre of local cell `idx` (ghost-inclusive index) along d.
  double center(int d, int idx) const {
    return spec_.lower[d] + (offset_[d] + idx - ghost(d) + 0.5) * dx(d);
  }

  // True if this rank's face f lies on a non-periodic domain boundary.
  bool is_physical_boundary(Face f) const;
  // Rank of the neighbour across an offset (each component -1, 0, +1),
  // MPI_PROC_NULL beyond a non-periodic boundary.
  int neighbour(int ox, int oy, int oz) const;

  Box interior() const;  // local interior cells, ghost-inclusive indices
  Box all() const;       // every local cell including ghosts
  long long global_cell_count() const;
  long long local_cell_count() const { return interior().size(); }

  // Allocates a zero-initialized field (nvar, nz+2gz, ny+2gy, nx+2gx).
  FieldView make_field(const std::string& label, int nvar) const;

  // "64 x 64 cells on 2 x 1 ranks, ghost 1"
  std::string describe() const;

 private:
  const Context& ctx_;
  MeshSpec spec_;
  MPI_Comm cart_ = MPI_COMM_NULL;
  std::array<int, 3> dims_{1, 1, 1};
  std::array<int, 3> coords_{0, 0, 0};
  std::array<int, 3> local_{1, 1, 1};
  std::array<int, 3> offset_{0, 0, 0};
};

// Splits n cells over p ranks, the remainder going to the first ranks.
// Returns {count, offset} for rank coordinate c.
std::array<int, 2> split_cells(int n, int p, int c);

}  // namespace boreas
