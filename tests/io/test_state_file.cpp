// State files round-trip bit for bit across decompositions and rank counts,
// and keep the header exactly.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "io/fields.hpp"
#include "io/output/state_file_detail.hpp"
#include "tests/io/io_test_util.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

using io::StateHeader;
using testing::fill_known;

constexpr double kGhost = -7.25;  // what reading must leave in ghost cells

const Context& ctx() {
  return testing::context();
}

// Writes two fields ("a", "b" in one view; "c" in another) on the default
// layout of all ranks of ctx.
void write_known(const Context& c, const MeshSpec& spec, const std::string& path) {
  Mesh mesh(c, spec);
  FieldView ab = mesh.make_field("ab", 2);
  FieldView cc = mesh.make_field("c", 1);
  fill_known(mesh, ab, 0, 0.0);
  fill_known(mesh, cc, 2, 0.0);
  StateHeader h;
  h.app = "test";
  io::write_state_file(mesh, path, h, {{"a", ab, 0}, {"b", ab, 1}, {"c", cc, 0}});
}

// Reads the three fields on ctx `c` with `spec` and checks every bit.
void expect_reads_back(const Context& c, const MeshSpec& spec, const std::string& path) {
  Mesh mesh(c, spec);
  FieldView ab = mesh.make_field("ab", 2);
  FieldView cc = mesh.make_field("c", 1);
  Kokkos::deep_copy(ab, kGhost);
  Kokkos::deep_copy(cc, kGhost);
  io::read_state_fields(mesh, path, {{"b", ab, 1}, {"a", ab, 0}, {"c", cc, 0}});
  const long long bad = c.sum(testing::count_mismatches(mesh, ab, 0, kGhost) +
                              testing::count_mismatches(mesh, cc, 2, kGhost));
  EXPECT_EQ(bad, 0) << mesh.describe() << " read " << path;
}

class RoundTrip : public ::testing::TestWithParam<int> {};

// Buffers of a few rows: many chunks per variable, and ranks with fewer rows
// join the last collective transfers with empty selections.
TEST_P(RoundTrip, SmallStagingBuffersReadTheSameBits) {
  const int dim = GetParam();
  const long long saved = io::detail::staging_limit_elements;
  io::detail::staging_limit_elements = 25;
  testing::SharedTempDir tmp(ctx(), "smallstage" + std::to_string(dim));
  const std::string path = tmp.file("state.h5");
  const MeshSpec spec = testing::spec_for_dim(dim);
  write_known(ctx(), spec, path);
  MeshSpec transposed = spec;
  transposed.ranks = {1, 1, 1};
  transposed.ranks[dim - 1] = ctx().size();
  expect_reads_back(ctx(), transposed, path);
  io::detail::staging_limit_elements = saved;
  testing::on_ranks(ctx(), ctx().rank() == 0, 0,
                    [&](const Context& sub) { expect_reads_back(sub, spec, path); });
}

TEST_P(RoundTrip, AnyDecompositionReadsTheSameBits) {
  const int dim = GetParam();
  testing::SharedTempDir tmp(ctx(), "roundtrip" + std::to_string(dim));
  const std::string path = tmp.file("state.h5");
  const MeshSpec spec = testing::spec_for_dim(dim);
  write_known(ctx(), spec, path);

  // All ranks, split along the slowest direction instead of the fastest.
  MeshSpec transposed = spec;
  transposed.ranks = {1, 1, 1};
  transposed.ranks[dim - 1] = ctx().size();
  expect_reads_back(ctx(), transposed, path);

  // One rank alone.
  testing::on_ranks(ctx(), ctx().rank() == 0, 0,
                    [&](const Context& sub) { expect_reads_back(sub, spec, path); });

  // All but rank 0, in reverse order.
  if (ctx().size() >= 3) {
    testing::on_ranks(ctx(), ctx().rank() != 0, -ctx().rank(),
                      [&](const Context& sub) { expect_reads_back(sub, spec, path); });
  }
  EXPECT_EQ(io::verify_state_file(ctx(), path), "");
}

INSTANTIATE_TEST_SUITE_P(Dims, RoundTrip, ::testing::Values(1, 2, 3));

TEST(StateFile, HeaderRoundTripsExactly) {
  testing::SharedTempDir tmp(ctx(), "header");
  const std::string path = tmp.file("header.h5");
  Mesh mesh(ctx(), testing::spec_for_dim(3));
  FieldView f = mesh.make_field("f", 2);
  StateHeader h;
  h.time = 0.1 + 0.2;  // not a short decimal: must survive bit for bit
  h.step = 1234567890123LL;
  h.deck = "# résumé\n[run]\napp = \"heat\"\nname = 'a \"quoted\" name'\n\n[physics]\nx = 1e-300\n";
  h.app = "heat";
  h.boreas_version = "0.1.0-test";
  h.scalars = {{"zeta", 1e-300}, {"alpha", -3.5}, {"dt_last", 0.1 + 0.7}};
  io::write_state_file(mesh, path, h, {{"T", f, 0}, {"S", f, 1}});

  const StateHeader r = io::read_state_header(ctx(), path);
  EXPECT_EQ(r.time, h.time);
  EXPECT_EQ(r.step, h.step);
  EXPECT_EQ(r.deck, h.deck);
  EXPECT_EQ(r.app, h.app);
  EXPECT_EQ(r.boreas_version, h.boreas_version);
  EXPECT_EQ(r.scalars, h.scalars);  // written order, not alphabetical
  EXPECT_EQ(r.fields, (std::vector<std::string>{"T", "S"}));
  EXPECT_EQ(r.dim, 3);
  for (int d = 0; d < 3; ++d) {
    EXPECT_EQ(r.cells[d], mesh.global_cells(d));
    EXPECT_EQ(r.lower[d], mesh.lower(d));
    EXPECT_EQ(r.upper[d], mesh.upper(d));
  }
}

// Strings are fixed-length: an empty one, and a deck above the 64 KiB that
// compact attribute storage holds (dense storage of the 1.8 format).
TEST(StateFile, EmptyAndLongStringsRoundTrip) {
  testing::SharedTempDir tmp(ctx(), "strings");
  const std::string path = tmp.file("strings.h5");
  Mesh mesh(ctx(), testing::spec_for_dim(2));
  FieldView f = mesh.make_field("f", 1);
  StateHeader h;
  h.app = "heat";
  h.boreas_version = "";
  for (int i = 0; h.deck.size() < 300 * 1024; ++i)
    h.deck += "# line " + std::to_string(i) + " of a long deck\n";
  io::write_state_file(mesh, path, h, {{"T", f, 0}});
  const StateHeader r = io::read_state_header(ctx(), path);
  EXPECT_EQ(r.deck, h.deck);
  EXPECT_EQ(r.boreas_version, "");
  EXPECT_EQ(r.app, "heat");
}

// A variable-length string attribute (HDF5 reads its text through the
// global heap, unchecked) is refused before it is read.
TEST(StateFile, VariableLengthStringIsRefused) {
  testing::SharedTempDir tmp(ctx(), "vlen");
  const std::string path = tmp.file("vlen.h5");
  Mesh mesh(ctx(), testing::spec_for_dim(2));
  FieldView f = mesh.make_field("f", 1);
  StateHeader h;
  h.app = "heat";
  io::write_state_file(mesh, path, h, {{"T", f, 0}});
  if (ctx().is_root()) {
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    ASSERT_GE(H5Adelete(file, "app"), 0);
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t attr = H5Acreate2(file, "app", type, space, H5P_DEFAULT, H5P_DEFAULT);
    const char* text = "heat";
    ASSERT_GE(H5Awrite(attr, type, &text), 0);
    H5Aclose(attr);
    H5Sclose(space);
    H5Tclose(type);
    H5Fclose(file);
  }
  ctx().barrier();
  try {
    io::read_state_header(ctx(), path);
    FAIL() << "a variable-length 'app' attribute was read";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("'app' is a variable-length string"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}

TEST(StateFile, HeaderOf1DMeshHasOneEntryPerDirection) {
  testing::SharedTempDir tmp(ctx(), "header1d");
  const std::string path = tmp.file("h.h5");
  Mesh mesh(ctx(), testing::spec_for_dim(1));
  FieldView f = mesh.make_field("f", 1);
  io::write_state_file(mesh, path, StateHeader{}, {{"u", f, 0}});
  const StateHeader r = io::read_state_header(ctx(), path);
  EXPECT_EQ(r.dim, 1);
  EXPECT_EQ(r.cells[0], 23);
  EXPECT_TRUE(r.scalars.empty());
  EXPECT_EQ(r.fields, std::vector<std::string>{"u"});
}

std::uint64_t checksum_attribute(const std::string& path, const std::string& dataset) {
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t dset = H5Dopen2(file, dataset.c_str(), H5P_DEFAULT);
  const hid_t attr = H5Aopen(dset, "checksum", H5P_DEFAULT);
  std::uint64_t v = 0;
  H5Aread(attr, H5T_NATIVE_UINT64, &v);
  H5Aclose(attr);
  H5Dclose(dset);
  H5Fclose(file);
  return v;
}

TEST(StateFile, ChecksumDoesNotDependOnTheDecomposition) {
  testing::SharedTempDir tmp(ctx(), "checksum");
  const MeshSpec spec = testing::spec_for_dim(3);
  write_known(ctx(), spec, tmp.file("all.h5"));
  testing::on_ranks(ctx(), ctx().rank() == 0, 0,
                    [&](const Context& sub) { write_known(sub, spec, tmp.file("one.h5")); });
  if (ctx().is_root()) {
    for (const char* d : {"/fields/a", "/fields/b", "/fields/c"}) {
      EXPECT_EQ(checksum_attribute(tmp.file("all.h5"), d),
                checksum_attribute(tmp.file("one.h5"), d))
          << d;
    }
    // Distinct data, distinct sums.
    EXPECT_NE(checksum_attribute(tmp.file("all.h5"), "/fields/a"),
              checksum_attribute(tmp.file("all.h5"), "/fields/b"));
  }
}

TEST(StateFile, CommitMakesTheFileFinal) {
  testing::SharedTempDir tmp(ctx(), "commit");
  const std::string part = tmp.file("c.h5.tmp"), final_path = tmp.file("c.h5");
  write_known(ctx(), testing::spec_for_dim(2), part);
  io::commit_file(ctx(), part, final_path);
  EXPECT_FALSE(std::filesystem::exists(part));
  EXPECT_EQ(io::verify_state_file(ctx(), final_path), "");
  // Committing again: the temporary is gone, every rank must hear about it.
  EXPECT_THROW(io::commit_file(ctx(), part, final_path), io::StateFileError);
}

TEST(StateFile, TestHookPausesAfterTheFirstField) {
  testing::SharedTempDir tmp(ctx(), "pause");
  setenv("BOREAS_TEST_CHECKPOINT_PAUSE", "0.3", 1);
  const auto t0 = std::chrono::steady_clock::now();
  write_known(ctx(), testing::spec_for_dim(2), tmp.file("p.h5"));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  unsetenv("BOREAS_TEST_CHECKPOINT_PAUSE");
  EXPECT_GE(seconds, 0.3);
  EXPECT_EQ(io::verify_state_file(ctx(), tmp.file("p.h5")), "");
}

}  // namespace
}  // namespace boreas
