// Damaged, foreign and mismatched state files are refused on every rank with
// a message naming the file and the problem; verify_state_file reports
// instead of throwing.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <filesystem>
#include <fstream>

#include "io/fields.hpp"
#include "tests/io/io_test_util.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

using io::StateFileError;

::testing::AssertionResult Contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << text << "' does not contain '" << part << "'";
}

const Context& ctx() {
  return testing::context();
}

// A 3D file with fields T and S (values known) at `path`.
void write_file(const std::string& path, const MeshSpec& spec = testing::spec_for_dim(3)) {
  Mesh mesh(ctx(), spec);
  FieldView f = mesh.make_field("f", 2);
  testing::fill_known(mesh, f, 0, 0.0);
  io::StateHeader h;
  h.app = "test";
  h.deck = "[run]\napp = \"test\"\n";
  io::write_state_file(mesh, path, h, {{"T", f, 0}, {"S", f, 1}});
}

// The message of the StateFileError that f throws ("" if none).
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const StateFileError& e) {
    return e.what();
  }
  return "";
}

void read_fields(const std::string& path, const MeshSpec& spec, const std::string& name = "T") {
  Mesh mesh(ctx(), spec);
  FieldView f = mesh.make_field("f", 1);
  io::read_state_fields(mesh, path, {{name, f, 0}});
}

TEST(StateFileErrors, MissingFile) {
  testing::SharedTempDir tmp(ctx(), "missing");
  const std::string path = tmp.file("nope.h5");
  EXPECT_EQ(error_of([&] { io::read_state_header(ctx(), path); }), path + ": no such file");
  EXPECT_EQ(io::verify_state_file(ctx(), path), path + ": no such file");
}

TEST(StateFileErrors, NotHdf5) {
  testing::SharedTempDir tmp(ctx(), "nothdf5");
  const std::string path = tmp.file("deck.h5");
  if (ctx().is_root()) std::ofstream(path) << "[run]\napp = \"heat\"\n";
  ctx().barrier();
  const std::string msg = error_of([&] { io::read_state_header(ctx(), path); });
  EXPECT_TRUE(Contains(msg, path + ": not a readable HDF5 file (truncated or corrupt?)"));
  EXPECT_TRUE(Contains(io::verify_state_file(ctx(), path), "not a readable HDF5 file"));
}

TEST(StateFileErrors, TruncatedFileIsRefused) {
  testing::SharedTempDir tmp(ctx(), "truncated");
  const std::string path = tmp.file("t.h5");
  write_file(path);
  EXPECT_EQ(io::verify_state_file(ctx(), path), "");
  if (ctx().is_root()) {
    std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
  }
  ctx().barrier();
  const std::string header_msg = error_of([&] { io::read_state_header(ctx(), path); });
  const std::string fields_msg = error_of([&] { read_fields(path, testing::spec_for_dim(3)); });
  EXPECT_TRUE(Contains(header_msg, path + ": not a readable HDF5 file (truncated or corrupt?)"));
  EXPECT_TRUE(Contains(fields_msg, path + ": "));
  EXPECT_NE(io::verify_state_file(ctx(), path), "");
}

TEST(StateFileErrors, FlippedByteIsACheckumMismatch) {
  testing::SharedTempDir tmp(ctx(), "flipped");
  const std::string path = tmp.file("f.h5");
  write_file(path);
  if (ctx().is_root()) {
    // A byte inside element 37 of /fields/S, so T still reads fine.
    testing::flip_byte(path, testing::dataset_offset(path, "/fields/S") + 37 * 8 + 5);
  }
  ctx().barrier();
  EXPECT_NO_THROW(read_fields(path, testing::spec_for_dim(3), "T"));
  EXPECT_EQ(error_of([&] { read_fields(path, testing::spec_for_dim(3), "S"); }),
            path + ": checksum mismatch in /fields/S (file is corrupt)");
  EXPECT_EQ(io::verify_state_file(ctx(), path),
            path + ": checksum mismatch in /fields/S (file is corrupt)");
  // The header is intact: damage to field data alone does not hide it.
  EXPECT_EQ(io::read_state_header(ctx(), path).app, "test");
}

TEST(StateFileErrors, MissingDatasetIsNamed) {
  testing::SharedTempDir tmp(ctx(), "missingds");
  const std::string path = tmp.file("m.h5");
  write_file(path);
  EXPECT_EQ(error_of([&] { read_fields(path, testing::spec_for_dim(3), "rho"); }),
            path + ": missing dataset /fields/rho");
}

TEST(StateFileErrors, WrongShapeNamesDatasetAndBothShapes) {
  testing::SharedTempDir tmp(ctx(), "shape");
  const std::string path = tmp.file("s.h5");
  write_file(path);
  MeshSpec other = testing::spec_for_dim(3);
  other.cells[2] = 9;
  EXPECT_EQ(error_of([&] { read_fields(path, other); }),
            path + ": dataset /fields/T has shape (8, 10, 12) but the mesh is (9, 10, 12)");
  EXPECT_EQ(error_of([&] { read_fields(path, testing::spec_for_dim(2)); }),
            path + ": dataset /fields/T has shape (8, 10, 12) but the mesh is (9, 13)");
}

TEST(StateFileErrors, MissingAttributeIsNamed) {
  testing::SharedTempDir tmp(ctx(), "attr");
  const std::string path = tmp.file("a.h5");
  write_file(path);
  if (ctx().is_root()) {
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    EXPECT_GE(H5Adelete(file, "step"), 0);
    const hid_t dset = H5Dopen2(file, "/fields/S", H5P_DEFAULT);
    EXPECT_GE(H5Adelete(dset, "checksum"), 0);
    H5Dclose(dset);
    H5Fclose(file);
  }
  ctx().barrier();
  EXPECT_EQ(error_of([&] { io::read_state_header(ctx(), path); }),
            path + ": missing attribute 'step'");
  EXPECT_EQ(io::verify_state_file(ctx(), path), path + ": missing attribute 'step'");
  EXPECT_EQ(error_of([&] { read_fields(path, testing::spec_for_dim(3), "S"); }),
            path + ": dataset /fields/S has no checksum attribute");
}

// Replaces /mesh/lower of the file at `path` (on rank 0) by a dataset of
// `type` and extent `n` (chunked, never written: a claim, no data).
void replace_mesh_lower(const std::string& path, hid_t type, hsize_t n) {
  if (!ctx().is_root()) return;
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  ASSERT_GE(H5Ldelete(file, "/mesh/lower", H5P_DEFAULT), 0);
  const hid_t space = H5Screate_simple(1, &n, nullptr);
  const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
  const hsize_t chunk = 1;
  H5Pset_chunk(dcpl, 1, &chunk);
  const hid_t dset = H5Dcreate2(file, "/mesh/lower", type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
  ASSERT_GE(dset, 0);
  H5Dclose(dset);
  H5Pclose(dcpl);
  H5Sclose(space);
  H5Fclose(file);
}

// A damaged file may claim any extent or element size for a small dataset;
// the reader checks both before it allocates anything.
TEST(StateFileErrors, SmallDatasetClaimsAreCheckedBeforeAllocating) {
  testing::SharedTempDir tmp(ctx(), "claims");
  const std::string huge = tmp.file("huge.h5");
  write_file(huge);
  replace_mesh_lower(huge, H5T_IEEE_F64LE, hsize_t(1) << 49);
  ctx().barrier();
  EXPECT_TRUE(Contains(error_of([&] { io::read_state_header(ctx(), huge); }),
                       huge + ": dataset /mesh/lower has unexpected shape"));

  const std::string wide = tmp.file("wide.h5");
  write_file(wide);
  const hid_t big = H5Tcopy(H5T_STD_I64LE);
  ASSERT_GE(H5Tset_size(big, 4096), 0);  // 4 KiB integers
  replace_mesh_lower(wide, big, 3);
  H5Tclose(big);
  ctx().barrier();
  EXPECT_TRUE(Contains(error_of([&] { io::read_state_header(ctx(), wide); }),
                       wide + ": dataset /mesh/lower does not hold 8-byte numbers"));

  const std::string array = tmp.file("array.h5");
  write_file(array);
  const hsize_t many = hsize_t(1) << 20;
  const hid_t arr = H5Tarray_create2(H5T_IEEE_F64LE, 1, &many);  // 8 MiB per element
  replace_mesh_lower(array, arr, 3);
  H5Tclose(arr);
  ctx().barrier();
  EXPECT_TRUE(Contains(error_of([&] { io::read_state_header(ctx(), array); }),
                       array + ": dataset /mesh/lower is not numeric"));
}

TEST(StateFileErrors, UnwritablePathFailsOnEveryRank) {
  testing::SharedTempDir tmp(ctx(), "unwritable");
  const std::string path = tmp.file("no/such/folder/x.h5");
  const std::string msg = error_of([&] { write_file(path); });
  EXPECT_TRUE(Contains(msg, path + ": cannot create (No such file or directory)")) << msg;
}

}  // namespace
}  // namespace boreas
