#pragma once
// Internal to io/: small RAII and error helpers over the HDF5 C API, and the
// rule that keeps parallel HDF5 from hanging: every rank agrees on success
// before the next collective call. Not part of the public API.
#include <hdf5.h>

#include <array>
#include <cstdint>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "core/context.hpp"
#include "core/error.hpp"

namespace boreas::io::h5 {

// Owns one HDF5 identifier and closes it with the matching H5*close.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer close) : id_(id), close_(close) {}
  Handle(Handle&& o) noexcept : id_(std::exchange(o.id_, H5I_INVALID_HID)), close_(o.close_) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      reset();
      id_ = std::exchange(o.id_, H5I_INVALID_HID);
      close_ = o.close_;
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }

  hid_t get() const { return id_; }
  operator hid_t() const { return id_; }  // NOLINT: reads like the C API it wraps
  hid_t release() { return std::exchange(id_, H5I_INVALID_HID); }
  // After a failed parallel write (Context::finalize_abandoned) nothing is
  // closed again: closing a half-written file hangs or crashes HDF5.
  void reset() {
    if (id_ >= 0 && close_ && !Context::finalize_abandoned()) close_(id_);
    id_ = H5I_INVALID_HID;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer close_ = nullptr;
};

// Our messages replace HDF5's stack dump (HDF5's failures go to the write
// guard's watchdog instead); called on entry to every public function
// because other code in the process may have switched it back on.
void silence_errors();

// Throws std::runtime_error("<path>: <what> [HDF5: <innermost reason>]") if
// id < 0; returns id otherwise. Rank-local: wrap in collectively().
hid_t must(hid_t id, const std::string& path, const std::string& what);
// The innermost message of HDF5's current error stack, "" if none.
std::string innermost_error();

// Throws StateFileError(message) on every rank if any rank's local_error is
// non-empty; the lowest failing rank's message wins.
void agree(const Context& ctx, const std::string& local_error);

// Runs f on this rank, then agrees: a local exception becomes a
// StateFileError on all ranks at the same point, so none is left waiting in
// a collective HDF5 call that the others never reach.
template <class F>
void collectively(const Context& ctx, F&& f) {
  std::string error;
  try {
    f();
  } catch (const RemoteFailure&) {
    throw;  // another rank already failed; its message travels on its own
  } catch (const std::exception& e) {
    error = e.what();
    if (error.empty()) error = "unknown failure";
  }
  agree(ctx, error);
}

// The name to hand to HDF5's MPI-IO driver for `path`. Open MPI's
// shared-file-pointer components copy the name into fixed-size buffers and
// abort on long paths (about 245 characters), in every MPI_File_open and
// again at close. A long path is therefore passed as
// /proc/self/fd/<dir>/<file name> through a descriptor of its folder that
// this rank keeps open for the rest of the process (one per folder).
std::string mpiio_name(const std::string& path);

// File access over ctx's communicator (MPI-IO, collective metadata).
Handle mpio_access(const Context& ctx);
// Collective raw-data transfer.
Handle collective_transfer();

// Opens `path` read-only on all ranks. Rank 0 first checks the file exists
// so a missing file gets a plain message, then all open collectively.
Handle open_for_reading(const Context& ctx, const std::string& path);

bool has_link(hid_t loc, const std::string& name);
bool has_attribute(hid_t loc, const std::string& name);

// Attributes (scalar). Readers throw (locally) naming path and attribute.
void write_attribute(hid_t loc, const std::string& name, double v, const std::string& path);
void write_attribute(hid_t loc, const std::string& name, long long v, const std::string& path);
void write_attribute(hid_t loc, const std::string& name, std::uint64_t v, const std::string& path);
void write_attribute(hid_t loc, const std::string& name, const std::string& v,
                     const std::string& path);
double read_double_attribute(hid_t loc, const std::string& name, const std::string& path);
long long read_int_attribute(hid_t loc, const std::string& name, const std::string& path);
std::uint64_t read_u64_attribute(hid_t loc, const std::string& name, const std::string& path);
std::string read_string_attribute(hid_t loc, const std::string& name, const std::string& path);

// Groups that remember creation order, so names list back in written order.
Handle create_ordered_group(hid_t loc, const std::string& name, const std::string& path);
// Child link names of a group in creation order when recorded, else by name.
std::vector<std::string> list_links(hid_t group, const std::string& path,
                                    const std::string& group_name);

// Current extents of a dataset, slowest first.
std::vector<hsize_t> dataset_shape(hid_t dset, const std::string& path, const std::string& name);
std::string shape_text(const std::vector<hsize_t>& dims);  // "(4, 8)"

}  // namespace boreas::io::h5
