#include "io/state_file_detail.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <algorithm>
#include <set>
#include <stdexcept>

namespace boreas::io::detail {

BlockLayout padded_layout(const std::vector<hsize_t>& global, const std::vector<hsize_t>& start,
                          const std::vector<hsize_t>& count) {
  BlockLayout b;
  const size_t pad = 3 - global.size();
  for (size_t d = 0; d < global.size(); ++d) {
    b.global[pad + d] = static_cast<long long>(global[d]);
    b.start[pad + d] = static_cast<long long>(start[d]);
    b.count[pad + d] = static_cast<long long>(count[d]);
  }
  return b;
}

FieldSlab interior_slab(const Mesh& mesh) {
  FieldSlab s;
  for (int d = mesh.dim() - 1; d >= 0; --d) {
    s.global.push_back(static_cast<hsize_t>(mesh.global_cells(d)));
    s.start.push_back(static_cast<hsize_t>(mesh.offset(d)));
    s.count.push_back(static_cast<hsize_t>(mesh.local_cells(d)));
  }
  s.layout = padded_layout(s.global, s.start, s.count);
  return s;
}

namespace {

// The padded (k, j, i) axis that the slab's slowest dimension maps to.
int chunk_axis(const FieldSlab& slab) { return 3 - static_cast<int>(slab.global.size()); }

}  // namespace

Staging::Staging(const Context& ctx, const FieldSlab& slab) : slab_(slab) {
  const int axis = chunk_axis(slab);
  long long row = 1;
  for (int a = axis + 1; a < 3; ++a) row *= slab.layout.count[a];
  const long long rows = slab.layout.count[axis];
  rows_per_chunk_ = std::min(rows, std::max(1LL, staging_limit_elements / row));
  const long long local_chunks = (rows + rows_per_chunk_ - 1) / rows_per_chunk_;
  chunks_ = static_cast<int>(ctx.max(local_chunks));
  std::array<long long, 3> extent = slab.layout.count;
  extent[axis] = rows_per_chunk_;
  device_ = DeviceBlock(Kokkos::view_alloc(Kokkos::WithoutInitializing, "io_staging"), extent[0],
                        extent[1], extent[2]);
  host_ = Kokkos::create_mirror_view(device_);
}

FieldSlab Staging::chunk(int c) const {
  FieldSlab out = slab_;
  const long long rows = static_cast<long long>(slab_.count[0]);
  const long long first = std::min(rows, c * rows_per_chunk_);
  out.start[0] += static_cast<hsize_t>(first);
  out.count[0] = static_cast<hsize_t>(std::min(rows_per_chunk_, rows - first));
  out.layout = padded_layout(out.global, out.start, out.count);
  return out;
}

namespace {

using Range = std::pair<long long, long long>;

// The chunk's cells within a field view (ghost-inclusive local indices).
auto view_part(const Mesh& mesh, const NamedVariable& v, const FieldSlab& slab,
               const FieldSlab& chunk) {
  const Box b = mesh.interior();
  std::array<Range, 3> r{Range{b.k0, b.k1}, Range{b.j0, b.j1}, Range{b.i0, b.i1}};
  const int axis = chunk_axis(chunk);
  r[axis].first += static_cast<long long>(chunk.start[0] - slab.start[0]);
  r[axis].second = r[axis].first + static_cast<long long>(chunk.count[0]);
  return Kokkos::subview(v.view, v.var, r[0], r[1], r[2]);
}

// The chunk's cells at the front of the staging buffer (contiguous: only
// the slowest non-trivial axis is cut).
template <class Block>
auto buffer_part(const Block& block, const FieldSlab& chunk) {
  std::array<Range, 3> r{Range{0, static_cast<long long>(block.extent(0))},
                         Range{0, static_cast<long long>(block.extent(1))},
                         Range{0, static_cast<long long>(block.extent(2))}};
  r[chunk_axis(chunk)].second = static_cast<long long>(chunk.count[0]);
  return Kokkos::subview(block, r[0], r[1], r[2]);
}

}  // namespace

void Staging::copy_from_interior(const Mesh& mesh, const NamedVariable& v,
                                 const FieldSlab& chunk) {
  if (chunk.count[0] == 0) return;
  const auto dev = buffer_part(device_, chunk);
  Kokkos::deep_copy(dev, view_part(mesh, v, slab_, chunk));
  Kokkos::deep_copy(buffer_part(host_, chunk), dev);
}

void Staging::copy_to_interior(const Mesh& mesh, const NamedVariable& v,
                               const FieldSlab& chunk) const {
  if (chunk.count[0] == 0) return;
  const auto dev = buffer_part(device_, chunk);
  Kokkos::deep_copy(dev, buffer_part(host_, chunk));
  Kokkos::deep_copy(view_part(mesh, v, slab_, chunk), dev);
}

void check_variables(const Mesh& mesh, const std::string& path,
                     const std::vector<NamedVariable>& vars) {
  std::set<std::string> seen;
  for (const NamedVariable& v : vars) {
    if (v.name.empty() || v.name.find('/') != std::string::npos || v.name == ".") {
      throw std::runtime_error(path + ": variable name '" + v.name +
                               "' cannot name an HDF5 dataset");
    }
    if (!seen.insert(v.name).second) {
      throw std::runtime_error(path + ": variable '" + v.name + "' is listed twice");
    }
    const FieldView& f = v.view;
    const bool shaped = f.extent(1) == static_cast<size_t>(mesh.extent(2)) &&
                        f.extent(2) == static_cast<size_t>(mesh.extent(1)) &&
                        f.extent(3) == static_cast<size_t>(mesh.extent(0));
    if (v.var < 0 || static_cast<size_t>(v.var) >= f.extent(0) || !shaped) {
      throw std::runtime_error(path + ": variable '" + v.name + "' (index " +
                               std::to_string(v.var) + " of '" + f.label() +
                               "') does not match the mesh's field shape");
    }
  }
}

namespace {

// "" on success; fsync on a folder is refused by some file systems, which
// then have nothing to flush.
std::string fsync_path(const std::string& p, bool folder) {
  const int fd = ::open(p.c_str(), folder ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
  if (fd < 0) return p + ": cannot open for fsync (" + std::strerror(errno) + ")";
  std::string error;
  if (::fsync(fd) != 0 && !(folder && (errno == EINVAL || errno == ENOTSUP))) {
    error = p + ": fsync failed (" + std::strerror(errno) + ")";
  }
  ::close(fd);
  return error;
}

}  // namespace

std::string sync_and_rename(const std::string& tmp_path, const std::string& final_path) {
  std::string error = fsync_path(tmp_path, false);
  if (!error.empty()) return error;
  if (std::rename(tmp_path.c_str(), final_path.c_str()) != 0) {
    return "cannot rename " + tmp_path + " to " + final_path + " (" + std::strerror(errno) + ")";
  }
  std::string folder = std::filesystem::path(final_path).parent_path().string();
  return fsync_path(folder.empty() ? "." : folder, true);
}

}  // namespace boreas::io::detail
