#pragma once
// Internal to the state-file sources: how a rank's interior maps onto a
// dataset, staging between the fields and HDF5, and the read-side steps.
// Functions here throw std::runtime_error on this rank only; the callers in
// state_file.cpp run them inside h5::collectively().
#include <hdf5.h>

#include <memory>
#include <string>
#include <vector>

#include "io/output/block.hpp"
#include "io/output/checksum.hpp"
#include "io/output/h5.hpp"
#include "io/output/state_file.hpp"

namespace boreas::io::detail {

// This rank's interior as a hyperslab of the global dataset, slowest
// dimension first, `dim` entries; `layout` is the same padded to 3D.
struct FieldSlab {
  std::vector<hsize_t> global, start, count;
  BlockLayout layout;
};
FieldSlab interior_slab(const BlockGeometry& block);
BlockLayout padded_layout(const std::vector<hsize_t>& global, const std::vector<hsize_t>& start,
                          const std::vector<hsize_t>& count);

// A bounded contiguous host buffer through which a rank's interior travels
// to and from HDF5 in chunks of whole planes along the slowest axis. Bounded
// so a checkpoint costs a few MiB per rank instead of a copy of each
// variable, and reused across variables so its pages are faulted in once
// per call.
// Elements per staging buffer: 32 MiB of doubles. Tests lower it to make
// ranks take different numbers of chunks.
inline long long staging_limit_elements = 1LL << 24;

class Staging {
 public:
  Staging() = default;
  Staging(const Context& ctx, const FieldSlab& slab);
  // Collective calls each rank must make per variable: the most chunks any
  // rank needs (ranks past their last chunk take part with empty ones).
  int chunks() const { return chunks_; }
  // Chunk c of this rank's interior, as a hyperslab (count 0 if c is past
  // this rank's last chunk).
  FieldSlab chunk(int c) const;
  double* data() { return host_.get(); }
  const double* data() const { return host_.get(); }
  // Variable v's part of the chunk from the fields into data(), and back.
  void copy_from_interior(const FieldAccess& fields, std::size_t v, const FieldSlab& chunk);
  void copy_to_interior(const FieldAccess& fields, std::size_t v, const FieldSlab& chunk) const;

 private:
  FieldSlab slab_;
  long long rows_per_chunk_ = 1;
  int chunks_ = 0;
  std::unique_ptr<double[]> host_;
};

// Names unique and usable as dataset names.
void check_variables(const std::string& path, const std::vector<std::string>& names);

// The text the header checksum (root attribute `header_checksum`) is taken
// over: every header value a restart uses, in a fixed order, numbers as the
// hex of their bits (docs/architecture.md, "HDF5 state files").
std::string header_text(const StateHeader& h, const std::vector<std::string>& fields);
// Reads the header and verifies `header_checksum`.
StateHeader read_header(hid_t file, const std::string& path);
h5::Handle open_fields_group(hid_t file, const std::string& path);
h5::Handle open_field(hid_t fields, const std::string& name, const std::string& path);
// The checksum attribute a dataset was written with.
std::uint64_t stored_checksum(hid_t dset, const std::string& path, const std::string& name);
// Memory and file selections for a slab of a dataset; an empty slab
// selects nothing (the rank still joins the collective transfer).
struct BlockSelection {
  h5::Handle memory, file;
  bool empty = false;
};
BlockSelection select_block(hid_t dset, const FieldSlab& slab, const std::string& path,
                            const std::string& what);
// Collective transfers of the slab to/from `data` (slab.layout.size() doubles).
void read_block(hid_t dset, const FieldSlab& slab, double* data, const std::string& path,
                const std::string& name);
void write_block(hid_t dset, const FieldSlab& slab, const double* data, const std::string& path,
                 const std::string& name);
// Reads /fields/<name> in slabs along its slowest axis over ctx's ranks and
// compares the checksum. Throws StateFileError on every rank.
void verify_field(const Context& ctx, hid_t fields, const std::string& name,
                  const StateHeader& header, const std::string& path);

// fsync(tmp), rename(tmp, final), fsync(folder). Returns "" or the failure.
std::string sync_and_rename(const std::string& tmp_path, const std::string& final_path);

}  // namespace boreas::io::detail
