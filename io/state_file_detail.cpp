#include "io/state_file_detail.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
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

Staging::Staging(const FieldSlab& slab)
    : device_(Kokkos::view_alloc(Kokkos::WithoutInitializing, "io_staging"),
              slab.layout.count[0], slab.layout.count[1], slab.layout.count[2]),
      host_(Kokkos::create_mirror_view(device_)) {}

namespace {
auto interior_of(const Mesh& mesh, const NamedVariable& v) {
  const Box b = mesh.interior();
  return Kokkos::subview(v.view, v.var, std::make_pair(b.k0, b.k1), std::make_pair(b.j0, b.j1),
                         std::make_pair(b.i0, b.i1));
}
}  // namespace

// HDF5 wants one contiguous host buffer; the view has ghosts and may live
// on a device. On host backends host_ is device_, so this is one copy.
void Staging::copy_from_interior(const Mesh& mesh, const NamedVariable& v) {
  Kokkos::deep_copy(device_, interior_of(mesh, v));
  Kokkos::deep_copy(host_, device_);
}

void Staging::copy_to_interior(const Mesh& mesh, const NamedVariable& v) const {
  Kokkos::deep_copy(device_, host_);
  Kokkos::deep_copy(interior_of(mesh, v), device_);
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
