#pragma once
// Internal to the state-file sources: how a rank's interior maps onto a
// dataset, staging between device views and HDF5, and the read-side steps.
// Functions here throw std::runtime_error on this rank only; the callers in
// state_file.cpp run them inside h5::collectively().
#include <hdf5.h>

#include <string>
#include <vector>

#include "core/exec.hpp"
#include "io/checksum.hpp"
#include "io/h5.hpp"
#include "io/state_file.hpp"

namespace boreas::io::detail {

// This rank's interior as a hyperslab of the global dataset, slowest
// dimension first, `dim` entries; `layout` is the same padded to 3D.
struct FieldSlab {
  std::vector<hsize_t> global, start, count;
  BlockLayout layout;
};
FieldSlab interior_slab(const Mesh& mesh);
BlockLayout padded_layout(const std::vector<hsize_t>& global, const std::vector<hsize_t>& start,
                          const std::vector<hsize_t>& count);

// A contiguous copy of one variable's interior, on the device and on the
// host (the same memory on host backends).
class Staging {
 public:
  using DeviceBlock = Kokkos::View<double***, Kokkos::LayoutRight, MemSpace>;
  Staging() = default;
  explicit Staging(const FieldSlab& slab);
  double* data() const { return host_.data(); }
  void copy_from_interior(const Mesh& mesh, const NamedVariable& v);
  void copy_to_interior(const Mesh& mesh, const NamedVariable& v) const;

 private:
  DeviceBlock device_;
  DeviceBlock::HostMirror host_;
};

// Names unique and usable as dataset names; views shaped like the mesh.
void check_variables(const Mesh& mesh, const std::string& path,
                     const std::vector<NamedVariable>& vars);

StateHeader read_header(hid_t file, const std::string& path);
h5::Handle open_fields_group(hid_t file, const std::string& path);
h5::Handle open_field(hid_t fields, const std::string& name, const std::string& path);
// The checksum attribute a dataset was written with.
std::uint64_t stored_checksum(hid_t dset, const std::string& path, const std::string& name);
// Collective read of the slab into `data` (slab.layout.size() doubles).
void read_block(hid_t dset, const FieldSlab& slab, double* data, const std::string& path,
                const std::string& name);
// Reads /fields/<name> in slabs along its slowest axis over ctx's ranks and
// compares the checksum. Throws StateFileError on every rank.
void verify_field(const Context& ctx, hid_t fields, const std::string& name,
                  const StateHeader& header, const std::string& path);

// fsync(tmp), rename(tmp, final), fsync(folder). Returns "" or the failure.
std::string sync_and_rename(const std::string& tmp_path, const std::string& final_path);

}  // namespace boreas::io::detail
