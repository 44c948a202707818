#include "tests/io/io_test_util.hpp"

#include <hdf5.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace boreas::testing {

long long global_id(const Mesh& m, int k, int j, int i) {
  const long long gx = m.offset(0) + i - m.ghost(0);
  const long long gy = m.offset(1) + j - m.ghost(1);
  const long long gz = m.offset(2) + k - m.ghost(2);
  return (gz * m.global_cells(1) + gy) * m.global_cells(0) + gx;
}

double value_of(int var, long long gid) {
  return std::sin(0.37 * static_cast<double>(gid) + var) * 1e3 + 1e-7 * static_cast<double>(gid) +
         0.125 * var;
}

void fill_known(const Mesh& m, const FieldView& f, int first_var, double ghost_value) {
  auto h = Kokkos::create_mirror_view(f);
  Kokkos::deep_copy(h, ghost_value);
  const Box b = m.interior();
  for (int v = 0; v < static_cast<int>(f.extent(0)); ++v)
    for (int k = b.k0; k < b.k1; ++k)
      for (int j = b.j0; j < b.j1; ++j)
        for (int i = b.i0; i < b.i1; ++i)
          h(v, k, j, i) = value_of(first_var + v, global_id(m, k, j, i));
  Kokkos::deep_copy(f, h);
}

long long count_mismatches(const Mesh& m, const FieldView& f, int first_var, double ghost_value) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), f);
  const Box b = m.interior();
  long long bad = 0;
  for (int v = 0; v < static_cast<int>(f.extent(0)); ++v)
    for (int k = 0; k < static_cast<int>(f.extent(1)); ++k)
      for (int j = 0; j < static_cast<int>(f.extent(2)); ++j)
        for (int i = 0; i < static_cast<int>(f.extent(3)); ++i) {
          const bool inside =
              k >= b.k0 && k < b.k1 && j >= b.j0 && j < b.j1 && i >= b.i0 && i < b.i1;
          const double want = inside ? value_of(first_var + v, global_id(m, k, j, i)) : ghost_value;
          const double got = h(v, k, j, i);
          if (std::memcmp(&want, &got, sizeof got) != 0) ++bad;
        }
  return bad;
}

void on_ranks(const Context& ctx, bool member, int key,
              const std::function<void(const Context&)>& f) {
  MPI_Comm comm = MPI_COMM_NULL;
  MPI_Comm_split(ctx.comm(), member ? 0 : MPI_UNDEFINED, key, &comm);
  if (member) {
    {
      Context sub(comm);
      f(sub);
    }
    MPI_Comm_free(&comm);
  }
  ctx.barrier();
}

MeshSpec spec_for_dim(int dim) {
  MeshSpec s;
  s.dim = dim;
  s.ghost = 2;
  s.cells = dim == 3   ? std::array<int, 3>{12, 10, 8}
            : dim == 2 ? std::array<int, 3>{13, 9, 1}
                       : std::array<int, 3>{23, 1, 1};
  s.lower = {-1.0, 0.0, 2.0};
  s.upper = {1.0, 3.0, 2.5};
  s.periodic = {true, false, true};
  return s;
}

long long dataset_offset(const std::string& path, const std::string& dataset) {
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file < 0) throw std::runtime_error("cannot open " + path);
  const hid_t dset = H5Dopen2(file, dataset.c_str(), H5P_DEFAULT);
  const haddr_t offset = dset >= 0 ? H5Dget_offset(dset) : HADDR_UNDEF;
  if (dset >= 0) H5Dclose(dset);
  H5Fclose(file);
  if (offset == HADDR_UNDEF) throw std::runtime_error("no contiguous data for " + dataset);
  return static_cast<long long>(offset);
}

void flip_byte(const std::string& path, long long offset) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(offset);
  char c = 0;
  f.get(c);
  f.seekp(offset);
  f.put(static_cast<char>(~c));
  if (!f) throw std::runtime_error("cannot flip a byte of " + path);
}

}  // namespace boreas::testing
