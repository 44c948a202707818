#pragma once
// How the output layer (HDF5, XDMF, VTK) sees a rank's part of the mesh and
// its fields, without Kokkos: io/output is host-only code, compiled by the
// host compiler even in a CUDA build. io/fields.hpp builds both from a Mesh
// and its device views.
#include <array>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace boreas::io {

// A rank's block of a uniform Cartesian mesh. Direction d = 0, 1, 2 is x, y,
// z; entries past `dim` are 1 (cells) and 0 (offsets).
struct BlockGeometry {
  int dim = 1;
  std::array<long long, 3> global{1, 1, 1};  // interior cells of the whole mesh
  std::array<long long, 3> offset{0, 0, 0};  // global index of this rank's first cell
  std::array<long long, 3> local{1, 1, 1};   // this rank's interior cells
  std::array<double, 3> lower{0.0, 0.0, 0.0};
  std::array<double, 3> upper{1.0, 1.0, 1.0};

  double dx(int d) const { return (upper[d] - lower[d]) / static_cast<double>(global[d]); }
  long long local_count() const { return local[0] * local[1] * local[2]; }
  // The slowest direction in use (z in 3D, y in 2D, x in 1D): its layers
  // ("planes") are how fields travel between the device and the files.
  int plane_axis() const { return dim - 1; }
  long long planes() const { return local[plane_axis()]; }
  // Cells in one plane.
  long long plane_size() const { return local_count() / planes(); }
};

// A vector the output writes as one 3-component array (VTK) or dataset
// (/vectors/<name> of a snapshot, a Vector attribute in the XDMF index):
// its components are variables of the same FieldAccess, x, y, z in order;
// the missing ones (a 2D velocity has two) are written as 0.
struct VectorVariable {
  std::string name;
  std::vector<std::string> components;
};

// What a variable (or a vector) is, for the readers of the output files:
// the CF attributes of the state files' netCDF view (docs/io.md). An
// empty entry writes no attribute.
struct VariableInfo {
  VariableInfo() = default;
  VariableInfo(std::string long_name_, std::string units_, std::string standard_name_ = "")
      : long_name(std::move(long_name_)),
        units(std::move(units_)),
        standard_name(std::move(standard_name_)) {}
  std::string long_name;      // e.g. "temperature"
  std::string units;          // UDUNITS text: "K", "m s-1", "1" for a pure number; "" unknown
  std::string standard_name;  // a CF standard name, only where one applies exactly
};

// A rank's variables as the output layer sees them: their names, and their
// interior values copied between the fields and host memory a few planes
// at a time. Host data are ordered like the fields, x fastest.
class FieldAccess {
 public:
  virtual ~FieldAccess() = default;
  virtual const std::vector<std::string>& names() const = 0;
  // Where variable v's values live: "cell", or "x_face"/"y_face"/"z_face"
  // for a staggered component (the datasets' `centering` attribute).
  virtual std::string centering(std::size_t) const { return "cell"; }
  // Planes [p0, p1) of variable v's interior into out[0 .. (p1-p0)*plane_size).
  virtual void read(std::size_t v, long long p0, long long p1, double* out) const = 0;
  // in[...] into planes [p0, p1) of variable v's interior.
  virtual void write(std::size_t v, long long p0, long long p1, const double* in) const = 0;
};

}  // namespace boreas::io
