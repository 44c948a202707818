#pragma once
// Internal to io/output: the netCDF-4 view of a state file
// (docs/architecture.md, "HDF5 state files"). netCDF-4 is HDF5 with
// conventions: a 1D dataset marked as an HDF5 dimension scale is a
// coordinate variable, and a dataset with scales attached to its axes has
// named dimensions. So the writer adds, next to the datasets Boreas reads:
//
//   /x, /y, /z            cell centres (one per mesh axis), float64
//   /x_face, ...          the lower faces, for the staggered variables
//   /component            0, 1, 2 for the (..., 3) datasets of /vectors
//   /time                 the file's time, one value
//   /mesh/axis            0 .. dim-1 for /mesh/lower, /mesh/upper, /mesh/cells
//
// attaches them to every /fields and /vectors dataset (T(y, x), u(y,
// x_face), velocity(y, x, component)), writes CF attributes (units,
// long_name, standard_name, axis; global Conventions, title, source,
// history), and links each of those datasets into the root group under its
// own name, where netCDF readers that open one group (xarray, ncview) look.
// A variable whose name is already taken in the root group (a coordinate's
// or a group's) stays in its group only.
//
// Parallel HDF5: the dimension-scale calls create and rewrite attributes,
// which is collective: every rank makes the same calls with the same
// values, in the same order (the callers run them inside
// h5::collectively()).
#include <hdf5.h>

#include <array>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "io/output/block.hpp"
#include "io/output/h5.hpp"
#include "io/output/state_file.hpp"

namespace boreas::io::detail {

class NetcdfView {
 public:
  // The CF global attributes: Conventions, title, source, history.
  static void write_globals(hid_t file, const StateHeader& header, const std::string& path);
  // Writes the coordinate variables the file needs
  // (x, y, z per mesh axis; <axis>_face for each staggered centering among
  // `centerings`; component if `vectors`; time) and /mesh/axis, attached to
  // /mesh/lower, /mesh/upper and /mesh/cells (which must exist). Rank 0
  // supplies the coordinate values; the others join with empty selections.
  void create(const Context& ctx, hid_t file, const BlockGeometry& block, const StateHeader& header,
              const std::vector<std::string>& centerings, bool vectors, const std::string& path);
  // A /fields dataset: its coordinates (the face ones along the axis of a
  // staggered `centering`), CF attributes and root link.
  void add_field(hid_t file, hid_t dset, const std::string& name, const std::string& centering,
                 const std::string& path);
  // A /vectors dataset: (..., component).
  void add_vector(hid_t file, hid_t dset, const std::string& name, const std::string& path);
  // Closes the coordinate datasets.
  void close();

 private:
  void describe(hid_t dset, const std::string& name, const std::string& path) const;
  void link_into_root(hid_t file, hid_t dset, const std::string& name, const std::string& path);
  void attach(hid_t dset, const std::array<hid_t, 3>& axes, const std::string& name,
              const std::string& path) const;

  int dim_ = 0;
  std::array<h5::Handle, 3> centres_, faces_;
  h5::Handle component_, time_;
  std::map<std::string, VariableInfo> info_;
  std::set<std::string> root_names_;  // names taken in the root group
};

// A small 1D (n > 0) or scalar (n == 0) dataset, returned open. Rank 0
// supplies the values; the others take part in the collective calls with
// empty selections.
h5::Handle write_small_dataset(const Context& ctx, hid_t loc, const std::string& name,
                               hid_t file_type, hid_t mem_type, hsize_t n, const void* data,
                               const std::string& path);

}  // namespace boreas::io::detail
