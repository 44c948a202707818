#include "io/output/h5.hpp"

#include <fcntl.h>
#include <mpi.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "io/output/state_file.hpp"
#include "io/output/write_guard.hpp"

namespace boreas::io::h5 {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw std::runtime_error(path + ": " + what);
}

Handle scalar_space(const std::string& path) {
  return Handle(must(H5Screate(H5S_SCALAR), path, "cannot create a dataspace"), H5Sclose);
}

Handle string_type(H5T_cset_t cset, const std::string& path) {
  Handle t(must(H5Tcopy(H5T_C_S1), path, "cannot create a string type"), H5Tclose);
  must(H5Tset_size(t, H5T_VARIABLE), path, "cannot create a string type");
  must(H5Tset_cset(t, cset), path, "cannot create a string type");
  return t;
}

void write_scalar(hid_t loc, const std::string& name, hid_t file_type, hid_t mem_type,
                  const void* data, const std::string& path) {
  Handle space = scalar_space(path);
  Handle attr(must(H5Acreate2(loc, name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT), path,
                   "cannot create attribute '" + name + "'"),
              H5Aclose);
  must(H5Awrite(attr, mem_type, data), path, "cannot write attribute '" + name + "'");
}

// Opens a one-value attribute of the expected type class.
Handle open_attribute(hid_t loc, const std::string& name, H5T_class_t want,
                      const std::string& path) {
  if (!has_attribute(loc, name)) fail(path, "missing attribute '" + name + "'");
  Handle attr(
      must(H5Aopen(loc, name.c_str(), H5P_DEFAULT), path, "cannot open attribute '" + name + "'"),
      H5Aclose);
  Handle type(must(H5Aget_type(attr), path, "cannot read attribute '" + name + "'"), H5Tclose);
  Handle space(must(H5Aget_space(attr), path, "cannot read attribute '" + name + "'"), H5Sclose);
  const bool numeric_ok =
      want == H5T_FLOAT ? (H5Tget_class(type) == H5T_FLOAT || H5Tget_class(type) == H5T_INTEGER)
                        : H5Tget_class(type) == want;
  if (!numeric_ok || H5Sget_simple_extent_npoints(space) != 1) {
    fail(path, "attribute '" + name + "' has an unexpected type or size");
  }
  return attr;
}

template <class T>
T read_number(hid_t loc, const std::string& name, H5T_class_t want, hid_t mem_type,
              const std::string& path) {
  Handle attr = open_attribute(loc, name, want, path);
  T v{};
  must(H5Aread(attr, mem_type, &v), path, "cannot read attribute '" + name + "'");
  return v;
}

#if H5_VERSION_GE(1, 12, 0)
using LinkInfo = H5L_info2_t;
#define BOREAS_H5LITERATE H5Literate2
#else
using LinkInfo = H5L_info_t;
#define BOREAS_H5LITERATE H5Literate
#endif

herr_t collect_name(hid_t, const char* name, const LinkInfo*, void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}

herr_t keep_innermost(unsigned, const H5E_error2_t* e, void* out) {
  if (e && e->desc && *e->desc) *static_cast<std::string*>(out) = e->desc;
  return 0;
}

herr_t record_failure(hid_t stack, void*) {
  std::string desc;
  H5Ewalk2(stack, H5E_WALK_DOWNWARD, keep_innermost, &desc);
  detail::note_io_error("HDF5: " + (desc.empty() ? std::string("call failed") : desc));
  return 0;
}

}  // namespace

void silence_errors() {
  H5Eset_auto2(H5E_DEFAULT, record_failure, nullptr);
}

std::string innermost_error() {
  std::string desc;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, keep_innermost, &desc);
  return desc;
}

hid_t must(hid_t id, const std::string& path, const std::string& what) {
  if (id >= 0) return id;
  const std::string detail = innermost_error();
  fail(path, what + (detail.empty() ? "" : " [HDF5: " + detail + "]"));
}

void agree(const Context& ctx, const std::string& local_error) {
  const int first = ctx.first_rank_with(!local_error.empty());
  if (first < 0) return;
  long long n = static_cast<long long>(local_error.size());
  MPI_Bcast(&n, 1, MPI_LONG_LONG, first, ctx.comm());
  std::string msg = ctx.rank() == first ? local_error : std::string(static_cast<size_t>(n), '\0');
  MPI_Bcast(msg.data(), static_cast<int>(n), MPI_CHAR, first, ctx.comm());
  throw StateFileError(msg);
}

std::string mpiio_name(const std::string& path) {
  // Paths this short never reach the limit; they go through unchanged.
  constexpr std::size_t kShort = 160;
  if (path.size() < kShort) return path;
  static std::map<std::string, int> folders;  // folder -> descriptor (O_PATH)
  const std::filesystem::path p(path);
  const std::string folder = p.has_parent_path() ? p.parent_path().string() : ".";
  auto it = folders.find(folder);
  if (it != folders.end()) {
    // A folder removed and made again since: the descriptor is stale.
    struct stat held {
    }, now{};
    if (::fstat(it->second, &held) != 0 || ::stat(folder.c_str(), &now) != 0 ||
        held.st_dev != now.st_dev || held.st_ino != now.st_ino) {
      ::close(it->second);
      folders.erase(it);
      it = folders.end();
    }
  }
  if (it == folders.end()) {
    const int fd = ::open(folder.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return path;  // HDF5 then reports the folder's problem
    it = folders.emplace(folder, fd).first;
  }
  return "/proc/self/fd/" + std::to_string(it->second) + "/" + p.filename().string();
}

Handle mpio_access(const Context& ctx) {
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  bool ok = fapl.get() >= 0 && H5Pset_fapl_mpio(fapl, ctx.comm(), MPI_INFO_NULL) >= 0;
  // Collective metadata: rank 0 reads and broadcasts instead of every rank
  // hitting the file system, and all ranks see the same result (so the same
  // error) for a damaged file.
  ok = ok && H5Pset_all_coll_metadata_ops(fapl, true) >= 0;
  ok = ok && H5Pset_coll_metadata_write(fapl, true) >= 0;
  // Large datasets start on 1 MiB boundaries, which parallel file systems
  // stripe on.
  ok = ok && H5Pset_alignment(fapl, 1 << 20, 1 << 20) >= 0;
  if (!ok) throw std::runtime_error("HDF5: cannot set up MPI-IO file access");
  return fapl;
}

Handle collective_transfer() {
  Handle dxpl(H5Pcreate(H5P_DATASET_XFER), H5Pclose);
  if (dxpl.get() < 0 || H5Pset_dxpl_mpio(dxpl, H5FD_MPIO_COLLECTIVE) < 0) {
    throw std::runtime_error("HDF5: cannot set up collective transfers");
  }
  return dxpl;
}

Handle open_for_reading(const Context& ctx, const std::string& path) {
  std::string problem;
  if (ctx.is_root()) {
    std::error_code ec;
    const auto st = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(st)) {
      problem = path + ": no such file";
    } else if (!std::filesystem::is_regular_file(st)) {
      problem = path + ": not a regular file";
    } else {
      const int fd = ::open(path.c_str(), O_RDONLY);
      if (fd < 0) {
        problem = path + ": cannot open (" + std::strerror(errno) + ")";
      } else {
        ::close(fd);
      }
    }
  }
  agree(ctx, problem);
  Handle file;
  collectively(ctx, [&] {
    Handle fapl = mpio_access(ctx);
    file = Handle(must(H5Fopen(mpiio_name(path).c_str(), H5F_ACC_RDONLY, fapl), path,
                       "not a readable HDF5 file (truncated or corrupt?)"),
                  H5Fclose);
  });
  return file;
}

bool has_link(hid_t loc, const std::string& name) {
  return H5Lexists(loc, name.c_str(), H5P_DEFAULT) > 0;
}

bool has_attribute(hid_t loc, const std::string& name) {
  return H5Aexists(loc, name.c_str()) > 0;
}

void write_attribute(hid_t loc, const std::string& name, double v, const std::string& path) {
  write_scalar(loc, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &v, path);
}

void write_attribute(hid_t loc, const std::string& name, long long v, const std::string& path) {
  const std::int64_t w = v;
  write_scalar(loc, name, H5T_STD_I64LE, H5T_NATIVE_INT64, &w, path);
}

void write_attribute(hid_t loc, const std::string& name, std::uint64_t v, const std::string& path) {
  write_scalar(loc, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, &v, path);
}

// Variable-length UTF-8, which h5py hands back as str (fixed-length strings
// come back as bytes).
void write_attribute(hid_t loc, const std::string& name, const std::string& v,
                     const std::string& path) {
  Handle type = string_type(H5T_CSET_UTF8, path);
  const char* text = v.c_str();
  write_scalar(loc, name, type, type, &text, path);
}

double read_double_attribute(hid_t loc, const std::string& name, const std::string& path) {
  return read_number<double>(loc, name, H5T_FLOAT, H5T_NATIVE_DOUBLE, path);
}

long long read_int_attribute(hid_t loc, const std::string& name, const std::string& path) {
  return read_number<std::int64_t>(loc, name, H5T_INTEGER, H5T_NATIVE_INT64, path);
}

std::uint64_t read_u64_attribute(hid_t loc, const std::string& name, const std::string& path) {
  return read_number<std::uint64_t>(loc, name, H5T_INTEGER, H5T_NATIVE_UINT64, path);
}

std::string read_string_attribute(hid_t loc, const std::string& name, const std::string& path) {
  Handle attr = open_attribute(loc, name, H5T_STRING, path);
  Handle ftype(must(H5Aget_type(attr), path, "cannot read attribute '" + name + "'"), H5Tclose);
  const std::string what = "cannot read attribute '" + name + "'";
  if (H5Tis_variable_str(ftype) > 0) {
    Handle mtype = string_type(H5Tget_cset(ftype), path);
    char* text = nullptr;
    must(H5Aread(attr, mtype, &text), path, what);
    std::string out = text ? text : "";
    H5free_memory(text);
    return out;
  }
  const size_t n = H5Tget_size(ftype);
  // A damaged file may claim any size; decks are limited to 1 MiB.
  if (n == 0 || n > (64u << 20)) fail(path, "attribute '" + name + "' has an unexpected size");
  std::vector<char> buf(n + 1, '\0');
  must(H5Aread(attr, ftype, buf.data()), path, what);
  return std::string(buf.data(), strnlen(buf.data(), n));
}

Handle create_ordered_group(hid_t loc, const std::string& name, const std::string& path) {
  Handle gcpl(must(H5Pcreate(H5P_GROUP_CREATE), path, "cannot create group /" + name), H5Pclose);
  must(H5Pset_link_creation_order(gcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), path,
       "cannot create group /" + name);
  return Handle(must(H5Gcreate2(loc, name.c_str(), H5P_DEFAULT, gcpl, H5P_DEFAULT), path,
                     "cannot create group /" + name),
                H5Gclose);
}

std::vector<std::string> list_links(hid_t group, const std::string& path,
                                    const std::string& group_name) {
  const std::string what = "cannot list group " + group_name;
  Handle gcpl(must(H5Gget_create_plist(group), path, what), H5Pclose);
  unsigned order = 0;
  must(H5Pget_link_creation_order(gcpl, &order), path, what);
  const H5_index_t index = (order & H5P_CRT_ORDER_INDEXED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
  std::vector<std::string> names;
  hsize_t next = 0;
  must(BOREAS_H5LITERATE(group, index, H5_ITER_INC, &next, collect_name, &names), path, what);
  return names;
}

std::vector<hsize_t> dataset_shape(hid_t dset, const std::string& path, const std::string& name) {
  Handle space(must(H5Dget_space(dset), path, "cannot read the shape of " + name), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space);
  must(rank, path, "cannot read the shape of " + name);
  std::vector<hsize_t> dims(static_cast<size_t>(rank));
  if (rank > 0)
    must(H5Sget_simple_extent_dims(space, dims.data(), nullptr), path,
         "cannot read the shape of " + name);
  return dims;
}

std::string shape_text(const std::vector<hsize_t>& dims) {
  std::string s = "(";
  for (size_t d = 0; d < dims.size(); ++d) {
    s += (d ? ", " : "") + std::to_string(dims[d]);
  }
  return s + (dims.size() == 1 ? ",)" : ")");
}

}  // namespace boreas::io::h5
