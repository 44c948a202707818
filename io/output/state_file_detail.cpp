#include "io/output/state_file_detail.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
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

FieldSlab interior_slab(const BlockGeometry& block) {
  FieldSlab s;
  for (int d = block.dim - 1; d >= 0; --d) {
    s.global.push_back(static_cast<hsize_t>(block.global[d]));
    s.start.push_back(static_cast<hsize_t>(block.offset[d]));
    s.count.push_back(static_cast<hsize_t>(block.local[d]));
  }
  s.layout = padded_layout(s.global, s.start, s.count);
  return s;
}

namespace {

// The padded (k, j, i) axis that the slab's slowest dimension maps to.
int chunk_axis(const FieldSlab& slab) {
  return 3 - static_cast<int>(slab.global.size());
}

}  // namespace

Staging::Staging(const Context& ctx, const FieldSlab& slab) : slab_(slab) {
  const int axis = chunk_axis(slab);
  long long row = 1;
  for (int a = axis + 1; a < 3; ++a) row *= slab.layout.count[a];
  const long long rows = slab.layout.count[axis];
  rows_per_chunk_ = std::min(rows, std::max(1LL, staging_limit_elements / row));
  const long long local_chunks = (rows + rows_per_chunk_ - 1) / rows_per_chunk_;
  chunks_ = static_cast<int>(ctx.max(local_chunks));
  // Not zero-filled: every chunk is written before it is read.
  host_.reset(new double[static_cast<std::size_t>(rows_per_chunk_ * row)]);
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
// The chunk's planes within this rank's interior: [first, first + count).
long long first_plane(const FieldSlab& slab, const FieldSlab& chunk) {
  return static_cast<long long>(chunk.start[0] - slab.start[0]);
}
}  // namespace

void Staging::copy_from_interior(const FieldAccess& fields, std::size_t v, const FieldSlab& chunk) {
  if (chunk.count[0] == 0) return;
  const long long p0 = first_plane(slab_, chunk);
  fields.read(v, p0, p0 + static_cast<long long>(chunk.count[0]), host_.get());
}

void Staging::copy_to_interior(const FieldAccess& fields, std::size_t v,
                               const FieldSlab& chunk) const {
  if (chunk.count[0] == 0) return;
  const long long p0 = first_plane(slab_, chunk);
  fields.write(v, p0, p0 + static_cast<long long>(chunk.count[0]), host_.get());
}

void check_variables(const std::string& path, const std::vector<std::string>& names) {
  std::set<std::string> seen;
  for (const std::string& name : names) {
    if (name.empty() || name.find('/') != std::string::npos || name == ".") {
      throw std::runtime_error(path + ": variable name '" + name + "' cannot name an HDF5 dataset");
    }
    if (!seen.insert(name).second) {
      throw std::runtime_error(path + ": variable '" + name + "' is listed twice");
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
