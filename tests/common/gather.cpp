#include "tests/common/gather.hpp"

#include <mpi.h>

namespace boreas::testing {

std::vector<double> gather_global(const Mesh& mesh, const FieldView& f, int var) {
  const Context& ctx = mesh.context();
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), f);
  // Each rank sends its box (offsets, sizes) and values.
  int box[6] = {mesh.offset(0),      mesh.offset(1),      mesh.offset(2),
                mesh.local_cells(0), mesh.local_cells(1), mesh.local_cells(2)};
  std::vector<double> mine;
  const Box in = mesh.interior();
  for (int k = in.k0; k < in.k1; ++k)
    for (int j = in.j0; j < in.j1; ++j)
      for (int i = in.i0; i < in.i1; ++i) mine.push_back(h(var, k, j, i));
  const int n = ctx.size();
  std::vector<int> boxes(ctx.is_root() ? 6 * n : 0);
  MPI_Gather(box, 6, MPI_INT, boxes.data(), 6, MPI_INT, 0, ctx.comm());
  int count = static_cast<int>(mine.size());
  std::vector<int> counts(ctx.is_root() ? n : 0), displs(ctx.is_root() ? n : 0);
  MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, ctx.comm());
  std::vector<double> all;
  if (ctx.is_root()) {
    int total = 0;
    for (int r = 0; r < n; ++r) {
      displs[r] = total;
      total += counts[r];
    }
    all.resize(static_cast<size_t>(total));
  }
  MPI_Gatherv(mine.data(), count, MPI_DOUBLE, all.data(), counts.data(), displs.data(), MPI_DOUBLE,
              0, ctx.comm());
  if (!ctx.is_root()) return {};
  const long nx = mesh.global_cells(0), ny = mesh.global_cells(1);
  std::vector<double> global(static_cast<size_t>(mesh.global_cell_count()));
  for (int r = 0; r < n; ++r) {
    const int* b = &boxes[6 * r];
    size_t p = static_cast<size_t>(displs[r]);
    for (int k = 0; k < b[5]; ++k)
      for (int j = 0; j < b[4]; ++j)
        for (int i = 0; i < b[3]; ++i)
          global[static_cast<size_t>(((b[2] + k) * ny + (b[1] + j)) * nx + (b[0] + i))] = all[p++];
  }
  return global;
}

}  // namespace boreas::testing
