// The XDMF index names every snapshot, in order, with the mesh geometry and
// cell-centred attributes pointing at /fields/<var>.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/fields.hpp"
#include "tests/io/io_test_util.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

const Context& ctx() {
  return testing::context();
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

size_t count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t p = text.find(part); p != std::string::npos; p = text.find(part, p + 1)) ++n;
  return n;
}

// Written by all ranks, read back on rank 0.
std::string write_and_read(const MeshSpec& spec, const std::string& tag) {
  testing::SharedTempDir tmp(ctx(), tag);
  Mesh mesh(ctx(), spec);
  const std::string path = tmp.file("run.xdmf");
  io::write_xdmf(
      mesh, path,
      {{0.0, "snapshots/run.00000000.h5", {"T", "S"}}, {0.25, "snapshots/run.00000010.h5", {"T"}}});
  std::string text;
  if (ctx().is_root()) {
    text = slurp(path);
    EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  }
  return ctx().broadcast(text);
}

TEST(Xdmf, TemporalCollectionOf3DGrids) {
  const std::string x = write_and_read(testing::spec_for_dim(3), "xdmf3");
  EXPECT_NE(x.find("<Xdmf Version=\"3.0\">"), std::string::npos);
  EXPECT_NE(x.find("GridType=\"Collection\" CollectionType=\"Temporal\""), std::string::npos);
  EXPECT_EQ(count(x, "GridType=\"Uniform\""), 2u);
  EXPECT_EQ(count(x, "TopologyType=\"3DCoRectMesh\" Dimensions=\"9 11 13\""), 2u);
  EXPECT_EQ(count(x, "GeometryType=\"ORIGIN_DXDYDZ\""), 2u);
  // z, y, x: lower {-1, 0, 2}, spacing {2/12, 3/10, 0.5/8}.
  EXPECT_NE(x.find(">2 0 -1</DataItem>"), std::string::npos) << x;
  EXPECT_NE(x.find(">0.0625 0.29999999999999999 0.16666666666666666</DataItem>"),
            std::string::npos);
  EXPECT_EQ(count(x, "Center=\"Cell\""), 3u);
  EXPECT_EQ(count(x, "Format=\"HDF\" NumberType=\"Float\" Precision=\"8\" Dimensions=\"8 10 12\""),
            3u);
  // Entries and variables in the order given.
  const size_t t0 = x.find("<Time Value=\"0\"/>");
  const size_t a = x.find(">snapshots/run.00000000.h5:/fields/T<");
  const size_t b = x.find(">snapshots/run.00000000.h5:/fields/S<");
  const size_t t1 = x.find("<Time Value=\"0.25\"/>");
  const size_t c = x.find(">snapshots/run.00000010.h5:/fields/T<");
  ASSERT_NE(c, std::string::npos);
  EXPECT_TRUE(t0 < a && a < b && b < t1 && t1 < c) << x;
  EXPECT_EQ(x.find("run.00000010.h5:/fields/S"), std::string::npos);
}

TEST(Xdmf, TwoDimensionalGrids) {
  const std::string x = write_and_read(testing::spec_for_dim(2), "xdmf2");
  // A flat 3D grid: ParaView reads a 2DCoRectMesh into the y-z plane.
  EXPECT_EQ(count(x, "TopologyType=\"3DCoRectMesh\" Dimensions=\"1 10 14\""), 2u);
  EXPECT_EQ(count(x, "GeometryType=\"ORIGIN_DXDYDZ\""), 2u);
  EXPECT_NE(x.find(">0 0 -1</DataItem>"), std::string::npos) << x;
  EXPECT_NE(x.find(">1 0.33333333333333331 0.15384615384615385</DataItem>"), std::string::npos);
  EXPECT_EQ(count(x, "Dimensions=\"9 13\">"), 3u);
}

TEST(Xdmf, OneDimensionalGridIsALineAlongX) {
  const std::string x = write_and_read(testing::spec_for_dim(1), "xdmf1");
  EXPECT_EQ(count(x, "TopologyType=\"3DCoRectMesh\" Dimensions=\"1 1 24\""), 2u);
  EXPECT_NE(x.find(">0 0 -1</DataItem>"), std::string::npos) << x;
  EXPECT_EQ(count(x, "Dimensions=\"23\">"), 3u);
}

TEST(Xdmf, NamesAreEscaped) {
  testing::SharedTempDir tmp(ctx(), "xdmfesc");
  Mesh mesh(ctx(), testing::spec_for_dim(2));
  const std::string path = tmp.file("e.xdmf");
  io::write_xdmf(mesh, path, {{1.0, "a&b<c>.h5", {"T\"x"}}});
  if (ctx().is_root()) {
    const std::string x = slurp(path);
    EXPECT_NE(x.find(">a&amp;b&lt;c&gt;.h5:/fields/T&quot;x<"), std::string::npos) << x;
    EXPECT_NE(x.find("Name=\"T&quot;x\""), std::string::npos);
  }
}

TEST(Xdmf, UnwritableFolderThrowsOnEveryRank) {
  Mesh mesh(ctx(), testing::spec_for_dim(2));
  EXPECT_THROW(io::write_xdmf(mesh, "/nonexistent-boreas-dir/x.xdmf", {}), RuntimeError);
}

}  // namespace
}  // namespace boreas
