#pragma once
// HDF5 state files: checkpoints and snapshots share one schema
// (docs/architecture.md, "HDF5 state files"). One shared file written collectively with hyperslabs:
//   root attributes  time (double), step (int64), deck (string),
//                    boreas_version (string), app (string)
//   /fields/<var>    global interior, shape (nz, ny, nx) / (ny, nx) / (nx),
//                    attribute `checksum` (uint64, see below)
//   /mesh/lower, /mesh/upper (double[dim]), /mesh/cells (int64[dim])
//   /scalars/<name>  app scalars needed to resume exactly (double)
//   /vectors/<name>  (snapshots) a declared vector at the cell centres,
//                    shape (..., 3), x y z components; attributes
//                    `components` and `centering`; not read back
// and, for netCDF-4 readers (not read back, not in header_checksum): the
// coordinate variables /x, /y, /z, /<axis>_face, /component, /time and
// /mesh/axis as HDF5 dimension scales attached to the datasets, CF
// attributes, and each /fields and /vectors dataset linked into the root
// group under its own name (io/output/netcdf_view.hpp).
//
// The checksum of a dataset is the wrapping uint64 sum over its elements of
// mix(bit pattern, global linear index): independent of the decomposition,
// so any rank count can verify any file.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/context.hpp"
#include "core/error.hpp"
#include "io/output/block.hpp"

namespace boreas::io {

struct StateHeader {
  double time = 0.0;
  long long step = 0;
  std::string deck;  // resolved deck text
  std::string app;
  std::string boreas_version;
  int dim = 0;
  std::array<long long, 3> cells{1, 1, 1};
  std::array<double, 3> lower{0, 0, 0};
  std::array<double, 3> upper{1, 1, 1};
  std::vector<std::pair<std::string, double>> scalars;
  // Parameters the app derived from the deck: attributes of the group
  // /derived, for the reader's information (a restart derives them again).
  std::vector<std::pair<std::string, double>> derived;
  // For the netCDF view (written, not read back): the global attribute
  // `title` ("" writes a generic one), and what each variable or vector is
  // (its units, long_name, standard_name), by name.
  std::string title;
  std::map<std::string, VariableInfo> info;
  std::vector<std::string> fields;   // dataset names under /fields (reading only)
  std::vector<std::string> vectors;  // dataset names under /vectors (reading only)
};

// A state file that cannot be used: missing, truncated, corrupt, checksum
// mismatch. what() names the file and the reason. Exit code 1 (runtime) by
// default; restart logic decides whether to fall back or refuse.
class StateFileError : public RuntimeError {
 public:
  using RuntimeError::RuntimeError;
};

// Collectively writes the variables of `fields` (interior only) and the
// header to `path` (overwriting). Throws StateFileError on any failure, on
// every rank, and leaves no file at `path` behind. The space is reserved
// first, so a full disk or a file-size limit fails before HDF5 starts. After
// an I/O error inside HDF5 the process must leave without MPI_Finalize
// (Context::finalize_abandoned()); if the ranks get stuck in HDF5 after an
// I/O error, the run is aborted with `stuck_code` (io/output/write_guard.hpp).
// `vectors` (snapshots): each is also written as /vectors/<name>, from its
// components among the variables of `fields` (every one must be there).
void write_state_file(const Context& ctx, const BlockGeometry& block, const std::string& path,
                      const StateHeader& header, const FieldAccess& fields,
                      ExitCode stuck_code = ExitCode::runtime_failure,
                      const std::vector<VectorVariable>& vectors = {});

// An upper bound of the size of the file write_state_file writes.
std::uint64_t state_file_size_bound(const BlockGeometry& block, const StateHeader& header,
                                    std::size_t n_fields);

// Collectively reads the header (attributes, mesh, scalars, field names).
StateHeader read_state_header(const Context& ctx, const std::string& path);

// Collectively reads each variable's dataset into the interior of its field,
// verifying the checksum. Throws StateFileError naming the file and dataset
// on a missing dataset, a shape different from the mesh, or a bad checksum.
void read_state_fields(const Context& ctx, const BlockGeometry& block, const std::string& path,
                       const FieldAccess& fields);

// A box of a state file's global cell grid, x first: indices [start[d],
// start[d] + count[d]) along each of the file's dim axes (entries past dim:
// start 0, count 1). Indices outside [0, cells) are taken modulo the cells
// (a periodic axis).
struct GridBox {
  std::array<long long, 3> start{0, 0, 0};
  std::array<long long, 3> count{1, 1, 1};
};

// Collectively reads this rank's `box` of each named dataset into out[v]
// (count[0] * count[1] * count[2] values, x fastest); every rank may ask for
// another box, and boxes may overlap. First verifies the header checksum and
// every named dataset's checksum (each rank checks a slab, as
// verify_state_file does: nothing is gathered). Throws StateFileError naming
// the file (missing, damaged, a missing dataset, a checksum mismatch).
std::vector<std::vector<double>> read_state_boxes(const Context& ctx, const std::string& path,
                                                  const std::vector<std::string>& names,
                                                  const GridBox& box);

// Full verification without a mesh: opens, reads every /fields dataset
// (split over the ranks of ctx) and checks checksums. Returns "" if good,
// otherwise the reason.
std::string verify_state_file(const Context& ctx, const std::string& path);

// Makes a completed file durable: fsync the file, rename tmp -> final, fsync
// the folder (rank 0 does the file system calls; collective).
void commit_file(const Context& ctx, const std::string& tmp_path, const std::string& final_path);

}  // namespace boreas::io
