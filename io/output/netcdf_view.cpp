#include "io/output/netcdf_view.hpp"

#include <hdf5_hl.h>

#include <cstdint>

#include "core/version.hpp"

namespace boreas::io::detail {
namespace {

using h5::Handle;
using h5::must;

constexpr const char* kAxisName[3] = {"x", "y", "z"};
constexpr const char* kAxisLetter[3] = {"X", "Y", "Z"};

void write_text(hid_t loc, const char* name, const std::string& value, const std::string& path) {
  if (!value.empty()) h5::write_attribute(loc, name, value, path);
}

// Marks a 1D dataset as the dimension scale (coordinate variable) `name`.
void make_scale(hid_t dset, const std::string& name, const std::string& path) {
  must(H5DSset_scale(dset, name.c_str()), path, "cannot make /" + name + " a dimension scale");
}

}  // namespace

Handle write_small_dataset(const Context& ctx, hid_t loc, const std::string& name, hid_t file_type,
                           hid_t mem_type, hsize_t n, const void* data, const std::string& path) {
  const std::string what = "cannot write dataset " + name;
  Handle space(must(n > 0 ? H5Screate_simple(1, &n, nullptr) : H5Screate(H5S_SCALAR), path, what),
               H5Sclose);
  Handle dset(
      must(H5Dcreate2(loc, name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
           path, what),
      H5Dclose);
  Handle mem(must(H5Scopy(space), path, what), H5Sclose);
  if (!ctx.is_root()) {
    must(H5Sselect_none(mem), path, what);
    must(H5Sselect_none(space), path, what);
  }
  Handle dxpl = h5::collective_transfer();
  must(H5Dwrite(dset, mem_type, mem, space, dxpl, data), path, what);
  return dset;
}

void NetcdfView::write_globals(hid_t file, const StateHeader& header, const std::string& path) {
  const std::string version = BOREAS_VERSION_STRING;
  h5::write_attribute(file, "Conventions", std::string("CF-1.8"), path);
  h5::write_attribute(file, "title",
                      header.title.empty()
                          ? "Boreas " + header.app + " state at step " + std::to_string(header.step)
                          : header.title,
                      path);
  h5::write_attribute(file, "source", "Boreas " + version + ", app " + header.app, path);
  // No clock time: every rank must write the same value, and the same run
  // writes the same metadata.
  h5::write_attribute(file, "history",
                      "written by Boreas " + version + " (app " + header.app + ") at step " +
                          std::to_string(header.step),
                      path);
}

void NetcdfView::create(const Context& ctx, hid_t file, const BlockGeometry& block,
                        const StateHeader& header, const std::vector<std::string>& centerings,
                        bool vectors, const std::string& path) {
  dim_ = block.dim;
  info_ = header.info;
  root_names_ = {"mesh", "scalars", "fields", "vectors", "derived"};
  for (int d = 0; d < dim_; ++d) {
    const long long n = block.global[d];
    const double lower = block.lower[d];
    const double dx = block.dx(d);
    const std::string axis = kAxisName[d];
    std::vector<double> v(static_cast<std::size_t>(n));
    // As Mesh::center: lower + (i + 0.5) h.
    for (long long i = 0; i < n; ++i) v[i] = lower + (static_cast<double>(i) + 0.5) * dx;
    centres_[d] = write_small_dataset(ctx, file, axis, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                                      static_cast<hsize_t>(n), v.data(), path);
    make_scale(centres_[d], axis, path);
    h5::write_attribute(centres_[d], "long_name", axis + " coordinate of the cell centres", path);
    h5::write_attribute(centres_[d], "units", std::string("m"), path);
    h5::write_attribute(centres_[d], "axis", std::string(kAxisLetter[d]), path);
    root_names_.insert(axis);
  }
  for (int d = 0; d < dim_; ++d) {
    const std::string face = std::string(kAxisName[d]) + "_face";
    bool used = false;
    for (const auto& c : centerings) used = used || c == face;
    if (!used) continue;
    const long long n = block.global[d];
    std::vector<double> v(static_cast<std::size_t>(n));
    for (long long i = 0; i < n; ++i) v[i] = block.lower[d] + static_cast<double>(i) * block.dx(d);
    faces_[d] = write_small_dataset(ctx, file, face, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                                    static_cast<hsize_t>(n), v.data(), path);
    make_scale(faces_[d], face, path);
    h5::write_attribute(
        faces_[d], "long_name",
        std::string(kAxisName[d]) + " coordinate of the cells' lower " + kAxisName[d] + "-faces",
        path);
    h5::write_attribute(faces_[d], "units", std::string("m"), path);
    h5::write_attribute(faces_[d], "axis", std::string(kAxisLetter[d]), path);
    // The staggered-grid convention of xgcm: half a cell below the centres.
    h5::write_attribute(faces_[d], "c_grid_axis_shift", -0.5, path);
    root_names_.insert(face);
  }
  if (vectors) {
    const std::int32_t xyz[3] = {0, 1, 2};
    component_ =
        write_small_dataset(ctx, file, "component", H5T_STD_I32LE, H5T_NATIVE_INT32, 3, xyz, path);
    make_scale(component_, "component", path);
    h5::write_attribute(component_, "long_name", std::string("vector component (0: x, 1: y, 2: z)"),
                        path);
    root_names_.insert("component");
  }
  // Simulated seconds, not a date: no reference time, so CF readers
  // (xarray's decode_times) leave it a number.
  time_ = write_small_dataset(ctx, file, "time", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 1, &header.time,
                              path);
  make_scale(time_, "time", path);
  h5::write_attribute(time_, "long_name", std::string("simulated time"), path);
  h5::write_attribute(time_, "units", std::string("s"), path);
  h5::write_attribute(time_, "axis", std::string("T"), path);
  root_names_.insert("time");

  // /mesh/lower, /mesh/upper, /mesh/cells: (axis).
  Handle mesh(must(H5Gopen2(file, "mesh", H5P_DEFAULT), path, "cannot open group /mesh"), H5Gclose);
  std::vector<std::int32_t> index(static_cast<std::size_t>(dim_));
  for (int d = 0; d < dim_; ++d) index[d] = d;
  Handle axis = write_small_dataset(ctx, mesh, "axis", H5T_STD_I32LE, H5T_NATIVE_INT32,
                                    static_cast<hsize_t>(dim_), index.data(), path);
  make_scale(axis, "axis", path);
  h5::write_attribute(axis, "long_name", std::string("mesh axis (0: x, 1: y, 2: z)"), path);
  for (const char* name : {"lower", "upper", "cells"}) {
    const std::string full = std::string("/mesh/") + name;
    Handle d(must(H5Dopen2(mesh, name, H5P_DEFAULT), path, "cannot open " + full), H5Dclose);
    must(H5DSattach_scale(d, axis, 0), path, "cannot attach /mesh/axis to " + full);
  }
}

void NetcdfView::attach(hid_t dset, const std::array<hid_t, 3>& axes, const std::string& name,
                        const std::string& path) const {
  // Dataset dimension k is mesh axis dim - 1 - k: (z, y, x), x fastest.
  for (int k = 0; k < dim_; ++k) {
    must(H5DSattach_scale(dset, axes[dim_ - 1 - k], static_cast<unsigned>(k)), path,
         "cannot attach the coordinates to " + name);
  }
}

void NetcdfView::describe(hid_t dset, const std::string& name, const std::string& path) const {
  const auto it = info_.find(name);
  if (it == info_.end()) return;
  write_text(dset, "long_name", it->second.long_name, path);
  write_text(dset, "units", it->second.units, path);
  write_text(dset, "standard_name", it->second.standard_name, path);
}

void NetcdfView::link_into_root(hid_t file, hid_t dset, const std::string& name,
                                const std::string& path) {
  if (!root_names_.insert(name).second) return;
  must(H5Olink(dset, file, name.c_str(), H5P_DEFAULT, H5P_DEFAULT), path,
       "cannot link /" + name + " into the root group");
}

void NetcdfView::add_field(hid_t file, hid_t dset, const std::string& name,
                           const std::string& centering, const std::string& path) {
  std::array<hid_t, 3> axes{};
  for (int d = 0; d < dim_; ++d) {
    const bool staggered = centering == std::string(kAxisName[d]) + "_face";
    axes[d] = staggered && faces_[d].get() >= 0 ? faces_[d].get() : centres_[d].get();
  }
  attach(dset, axes, "/fields/" + name, path);
  describe(dset, name, path);
  link_into_root(file, dset, name, path);
}

void NetcdfView::add_vector(hid_t file, hid_t dset, const std::string& name,
                            const std::string& path) {
  const std::string full = "/vectors/" + name;
  attach(dset, {centres_[0].get(), centres_[1].get(), centres_[2].get()}, full, path);
  must(H5DSattach_scale(dset, component_, static_cast<unsigned>(dim_)), path,
       "cannot attach /component to " + full);
  describe(dset, name, path);
  link_into_root(file, dset, name, path);
}

void NetcdfView::close() {
  for (auto& h : centres_) h.reset();
  for (auto& h : faces_) h.reset();
  component_.reset();
  time_.reset();
}

}  // namespace boreas::io::detail
