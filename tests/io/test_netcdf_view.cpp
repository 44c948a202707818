// The netCDF-4 view of a state file written on any rank count: coordinate
// variables as dimension scales, attached in storage order (the face scale
// along a staggered variable's axis, /component last for a vector), CF
// attributes, root links; and the Boreas schema read back as before.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <hdf5_hl.h>

#include <string>
#include <vector>

#include "io/fields.hpp"
#include "io/output/h5.hpp"
#include "tests/io/io_test_util.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

const Context& ctx() {
  return testing::context();
}

// Closes an HDF5 object on scope exit (the test's serial reads on rank 0).
struct Id {
  hid_t id;
  herr_t (*close)(hid_t);
  ~Id() {
    if (id >= 0) close(id);
  }
  operator hid_t() const { return id; }  // NOLINT: reads like the C API
};

std::vector<double> read_all(hid_t loc, const std::string& name) {
  Id d{H5Dopen2(loc, name.c_str(), H5P_DEFAULT), H5Dclose};
  EXPECT_GE(d.id, 0) << name;
  Id s{H5Dget_space(d), H5Sclose};
  std::vector<double> out(static_cast<std::size_t>(H5Sget_simple_extent_npoints(s)));
  EXPECT_GE(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), 0) << name;
  return out;
}

bool attached(hid_t file, const std::string& dataset, const std::string& scale, unsigned idx) {
  Id d{H5Dopen2(file, dataset.c_str(), H5P_DEFAULT), H5Dclose};
  Id s{H5Dopen2(file, scale.c_str(), H5P_DEFAULT), H5Dclose};
  return d.id >= 0 && s.id >= 0 && H5DSis_attached(d, s, idx) > 0;
}

bool is_scale(hid_t file, const std::string& name) {
  Id d{H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose};
  return d.id >= 0 && H5DSis_scale(d) > 0;
}

std::string text(hid_t file, const std::string& object, const std::string& attr) {
  Id o{H5Oopen(file, object.c_str(), H5P_DEFAULT), H5Oclose};
  return io::h5::read_string_attribute(o, attr, object);
}

class NetcdfView : public ::testing::TestWithParam<int> {};

TEST_P(NetcdfView, ScalesAttributesAndRootLinks) {
  const int dim = GetParam();
  testing::SharedTempDir tmp(ctx(), "netcdf" + std::to_string(dim));
  const std::string path = tmp.file("state.h5");
  const MeshSpec spec = testing::spec_for_dim(dim);
  Mesh mesh(ctx(), spec);
  FieldView f = mesh.make_field("f", 3);
  testing::fill_known(mesh, f, 0, 0.0);
  io::StateHeader h;
  h.app = "test";
  h.time = 0.1 + 0.2;
  h.step = 7;
  h.title = "a test state";
  h.info["T"] = {"temperature", "K", ""};
  h.info["vel"] = {"velocity at the cell centres", "m s-1", ""};
  h.info["u"] = {"", "m s-1", "x_velocity_made_up"};
  // "u" on the x-faces; "x" clashes with the x coordinate in the root group.
  const std::vector<NamedVariable> vars = {{"T", f, 0}, {"u", f, 1, 0}, {"x", f, 2}};
  io::write_state_file(mesh, path, h, vars, ExitCode::runtime_failure, {{"vel", {"T", "x"}}});

  // The Boreas schema is unchanged.
  EXPECT_EQ(io::verify_state_file(ctx(), path), "");
  const io::StateHeader r = io::read_state_header(ctx(), path);
  EXPECT_EQ(r.fields, (std::vector<std::string>{"T", "u", "x"}));
  EXPECT_EQ(r.vectors, (std::vector<std::string>{"vel"}));
  EXPECT_EQ(r.time, h.time);

  if (ctx().is_root()) {
    Id file{H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
    ASSERT_GE(file.id, 0);
    const char* axis[3] = {"x", "y", "z"};
    for (int d = 0; d < dim; ++d) {
      const std::string a = axis[d];
      ASSERT_TRUE(is_scale(file, a)) << a;
      const std::vector<double> c = read_all(file, a);
      ASSERT_EQ(static_cast<long long>(c.size()), mesh.global_cells(d));
      const double dx = (spec.upper[d] - spec.lower[d]) / spec.cells[d];
      for (std::size_t i = 0; i < c.size(); ++i) {
        EXPECT_EQ(c[i], spec.lower[d] + (static_cast<double>(i) + 0.5) * dx) << a << i;
      }
      EXPECT_EQ(text(file, a, "units"), "m");
      EXPECT_EQ(text(file, a, "axis"), std::string(1, static_cast<char>('X' + d)));
      // Storage order (z, y, x): dataset dimension dim-1-d is axis d.
      const unsigned k = static_cast<unsigned>(dim - 1 - d);
      EXPECT_TRUE(attached(file, "/fields/T", a, k)) << a;
      EXPECT_TRUE(attached(file, "/fields/x", a, k)) << a;
      EXPECT_TRUE(attached(file, "/vectors/vel", a, k)) << a;
      EXPECT_TRUE(attached(file, "/fields/u", d == 0 ? "x_face" : a, k)) << a;
    }
    // Only the staggered axis in use gets a face coordinate: x_face = lower + i h.
    EXPECT_TRUE(is_scale(file, "x_face"));
    EXPECT_FALSE(H5Lexists(file, "y_face", H5P_DEFAULT) > 0);
    const std::vector<double> xf = read_all(file, "x_face");
    for (std::size_t i = 0; i < xf.size(); ++i) {
      EXPECT_EQ(xf[i], spec.lower[0] + static_cast<double>(i) *
                                           ((spec.upper[0] - spec.lower[0]) / spec.cells[0]));
    }
    EXPECT_TRUE(attached(file, "/vectors/vel", "component", static_cast<unsigned>(dim)));
    EXPECT_EQ(read_all(file, "time"), std::vector<double>{h.time});
    EXPECT_EQ(text(file, "time", "units"), "s");
    EXPECT_TRUE(attached(file, "/mesh/lower", "/mesh/axis", 0));
    EXPECT_TRUE(attached(file, "/mesh/cells", "/mesh/axis", 0));

    // CF attributes: what the header describes, nothing for the rest.
    EXPECT_EQ(text(file, "/", "Conventions"), "CF-1.8");
    EXPECT_EQ(text(file, "/", "title"), "a test state");
    EXPECT_EQ(text(file, "/fields/T", "units"), "K");
    EXPECT_EQ(text(file, "/fields/T", "long_name"), "temperature");
    EXPECT_EQ(text(file, "/fields/u", "standard_name"), "x_velocity_made_up");
    EXPECT_FALSE(H5Aexists_by_name(file, "/fields/u", "long_name", H5P_DEFAULT) > 0);
    EXPECT_FALSE(H5Aexists_by_name(file, "/fields/x", "units", H5P_DEFAULT) > 0);
    EXPECT_EQ(text(file, "/vectors/vel", "units"), "m s-1");

    // Root links to the same data; /x stays the coordinate.
    EXPECT_EQ(read_all(file, "T"), read_all(file, "/fields/T"));
    EXPECT_EQ(read_all(file, "u"), read_all(file, "/fields/u"));
    EXPECT_EQ(read_all(file, "vel"), read_all(file, "/vectors/vel"));
    EXPECT_TRUE(is_scale(file, "x"));
    EXPECT_FALSE(is_scale(file, "/fields/x"));
  }
  ctx().barrier();
}

INSTANTIATE_TEST_SUITE_P(Dims, NetcdfView, ::testing::Values(1, 2, 3));

}  // namespace
}  // namespace boreas
