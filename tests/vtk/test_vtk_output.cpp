// VtkOutput writes fields whose values are analytic functions of the cell
// centre; rank 0 reads the .pvti back through VTK's own parallel reader and
// checks geometry, array names and every value, then the .pvd series and its
// truncation on a restarted run.
#include <gtest/gtest.h>
#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkXMLPImageDataReader.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "io/fields.hpp"
#include "mesh/field_ops.hpp"
#include "mesh/mesh.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

namespace fs = std::filesystem;
using Analytic = std::function<double(double x, double y, double z)>;

const Context& ctx() {
  return testing::context();
}

// A fresh folder per test and rank count (ctest may run np1/np2/np4 at once).
std::string fresh_dir(const std::string& test) {
  const std::string dir = "vtk_" + test + "_np" + std::to_string(ctx().size());
  if (ctx().is_root()) fs::remove_all(dir);
  ctx().barrier();
  return dir;
}

// Global cell centre along d, written the way the test recomputes it.
double centre(const MeshSpec& s, int d, int global_index) {
  const double dx = (s.upper[d] - s.lower[d]) / s.cells[d];
  return s.lower[d] + (global_index + 0.5) * dx;
}

// A field of funcs.size() variables set from the cell centres; ghosts hold
// NaN so that copying a ghost into the output would be noticed.
FieldView analytic_field(const Mesh& mesh, const std::vector<Analytic>& funcs) {
  FieldView f = mesh.make_field("analytic", static_cast<int>(funcs.size()));
  auto h = Kokkos::create_mirror_view(f);
  Kokkos::deep_copy(h, std::numeric_limits<double>::quiet_NaN());
  const Box b = mesh.interior();
  const MeshSpec& s = mesh.spec();
  for (size_t v = 0; v < funcs.size(); ++v)
    for (int k = b.k0; k < b.k1; ++k)
      for (int j = b.j0; j < b.j1; ++j)
        for (int i = b.i0; i < b.i1; ++i) {
          const int gi = mesh.offset(0) + i - b.i0, gj = mesh.offset(1) + j - b.j0,
                    gk = mesh.offset(2) + k - b.k0;
          const double x = centre(s, 0, gi);
          const double y = mesh.dim() > 1 ? centre(s, 1, gj) : 0.0;
          const double z = mesh.dim() > 2 ? centre(s, 2, gk) : 0.0;
          h(v, k, j, i) = funcs[v](x, y, z);
        }
  Kokkos::deep_copy(f, h);
  return f;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// (timestep, file) of every DataSet of a .pvd, in order.
std::vector<std::pair<double, std::string>> pvd_entries(const std::string& path) {
  const std::string text = read_text(path);
  static const std::regex ds(
      R"re(<DataSet timestep="([^"]*)" group="" part="0" file="([^"]*)"/>)re");
  std::vector<std::pair<double, std::string>> out;
  for (std::sregex_iterator it(text.begin(), text.end(), ds), end; it != end; ++it)
    out.emplace_back(std::stod((*it)[1].str()), (*it)[2].str());
  return out;
}

// Reads `pvti` with VTK and checks it against the mesh spec and the analytic
// variables (names[v] is funcs[v]), every cell compared exactly: the writer
// only copies values.
void check_pvti(const std::string& pvti, const MeshSpec& s, const std::vector<std::string>& names,
                const std::vector<Analytic>& funcs) {
  vtkNew<vtkXMLPImageDataReader> reader;
  ASSERT_TRUE(reader->CanReadFile(pvti.c_str())) << pvti;
  reader->SetFileName(pvti.c_str());
  reader->Update();
  ASSERT_EQ(reader->GetErrorCode(), 0) << pvti;
  EXPECT_EQ(reader->GetNumberOfPieces(), ctx().size());
  vtkImageData* image = reader->GetOutput();
  ASSERT_NE(image, nullptr);

  int extent[6];
  double origin[3], spacing[3], bounds[6];
  image->GetExtent(extent);
  image->GetOrigin(origin);
  image->GetSpacing(spacing);
  image->GetBounds(bounds);
  for (int d = 0; d < 3; ++d) {
    const bool active = d < s.dim;
    EXPECT_EQ(extent[2 * d], 0) << "direction " << d;
    EXPECT_EQ(extent[2 * d + 1], active ? s.cells[d] : 0) << "direction " << d;
    EXPECT_EQ(origin[d], s.lower[d]) << "direction " << d;
    EXPECT_EQ(spacing[d], active ? (s.upper[d] - s.lower[d]) / s.cells[d] : 1.0) << d;
    EXPECT_NEAR(bounds[2 * d], s.lower[d], 1e-12) << "direction " << d;
    EXPECT_NEAR(bounds[2 * d + 1], active ? s.upper[d] : s.lower[d], 1e-12) << "direction " << d;
  }
  const long long ncells = static_cast<long long>(s.dim > 0 ? s.cells[0] : 1) *
                           (s.dim > 1 ? s.cells[1] : 1) * (s.dim > 2 ? s.cells[2] : 1);
  ASSERT_EQ(image->GetNumberOfCells(), ncells);

  vtkCellData* cd = image->GetCellData();
  ASSERT_EQ(cd->GetNumberOfArrays(), static_cast<int>(names.size()));
  for (size_t v = 0; v < names.size(); ++v) {
    EXPECT_EQ(std::string(cd->GetArrayName(static_cast<int>(v))), names[v]);
    vtkDataArray* a = cd->GetArray(names[v].c_str());
    ASSERT_NE(a, nullptr) << names[v];
    ASSERT_EQ(a->GetDataType(), VTK_DOUBLE) << names[v];
    ASSERT_EQ(a->GetNumberOfComponents(), 1);
    ASSERT_EQ(a->GetNumberOfTuples(), ncells);
    const int nx = s.cells[0], ny = s.dim > 1 ? s.cells[1] : 1, nz = s.dim > 2 ? s.cells[2] : 1;
    long long bad = 0;
    for (int k = 0; k < nz; ++k)
      for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) {
          const double x = centre(s, 0, i);
          const double y = s.dim > 1 ? centre(s, 1, j) : 0.0;
          const double z = s.dim > 2 ? centre(s, 2, k) : 0.0;
          const double want = funcs[v](x, y, z);
          const double got = a->GetTuple1((static_cast<long long>(k) * ny + j) * nx + i);
          if (got != want && bad++ < 5)
            ADD_FAILURE() << names[v] << " at cell (" << i << "," << j << "," << k << "): " << got
                          << " != " << want;
        }
    EXPECT_EQ(bad, 0) << names[v] << ": cells with a wrong value";
  }
}

// Writes the analytic variables at two steps and checks what VTK reads back.
void write_and_check(const std::string& test, const MeshSpec& spec,
                     const std::vector<std::string>& names, const std::vector<Analytic>& funcs) {
  const std::string dir = fresh_dir(test);
  Mesh mesh(ctx(), spec);
  FieldView f = analytic_field(mesh, funcs);
  std::vector<NamedVariable> vars;
  for (size_t v = 0; v < names.size(); ++v) vars.push_back({names[v], f, static_cast<int>(v)});

  io::VtkOutput out(mesh, dir, "run");
  out.write(0, 0.0, vars);
  out.write(12, 0.375, vars);
  EXPECT_EQ(out.pvd_path(), dir + "/run.pvd");
  // Collective write: every rank's piece exists once write() returns.
  const std::string piece = dir + "/run.00000012/piece." +
                            std::string(5 - std::to_string(ctx().rank()).size(), '0') +
                            std::to_string(ctx().rank()) + ".vti";
  EXPECT_TRUE(fs::exists(piece)) << piece;
  if (ctx().is_root()) {
    check_pvti(dir + "/run.00000000.pvti", spec, names, funcs);
    check_pvti(dir + "/run.00000012.pvti", spec, names, funcs);
    const auto series = pvd_entries(out.pvd_path());
    ASSERT_EQ(series.size(), 2u) << read_text(out.pvd_path());
    EXPECT_EQ(series[0], std::make_pair(0.0, std::string("run.00000000.pvti")));
    EXPECT_EQ(series[1], std::make_pair(0.375, std::string("run.00000012.pvti")));
  }
  ctx().barrier();
}

TEST(VtkOutput, ThreeDimensionalTwoVariables) {
  MeshSpec s;
  s.dim = 3;
  s.cells = {9, 7, 4};
  s.lower = {-1.0, 0.5, 2.0};
  s.upper = {2.0, 1.2, 3.0};
  s.ghost = 2;
  write_and_check("3d", s, {"T", "q"},
                  {[](double x, double y, double z) { return x + 10 * y + 100 * z; },
                   [](double x, double y, double z) { return std::sin(3 * x) * y - z * z; }});
}

TEST(VtkOutput, TwoDimensional) {
  MeshSpec s;
  s.dim = 2;
  s.cells = {10, 6, 1};
  s.lower = {0.0, -3.0, 0.0};
  s.upper = {5.0, 0.0, 1.0};
  s.periodic = {true, false, false};
  write_and_check("2d", s, {"T", "psi"},
                  {[](double x, double y, double) { return x + 10 * y; },
                   [](double x, double y, double) { return std::exp(-x * x - y * y); }});
}

TEST(VtkOutput, OneDimensional) {
  MeshSpec s;
  s.dim = 1;
  s.cells = {13, 1, 1};
  s.lower = {-0.5, 0.0, 0.0};
  s.upper = {0.8, 1.0, 1.0};
  write_and_check("1d", s, {"u"}, {[](double x, double, double) { return x * x; }});
}

TEST(VtkOutput, VariablesOfDifferentFields) {
  MeshSpec s;
  s.dim = 2;
  s.cells = {8, 8, 1};
  const std::string dir = fresh_dir("fields");
  Mesh mesh(ctx(), s);
  FieldView a = analytic_field(mesh, {[](double x, double, double) { return x; },
                                      [](double, double y, double) { return y; }});
  FieldView b = analytic_field(mesh, {[](double x, double y, double) { return x * y; }});
  io::VtkOutput out(mesh, dir, "mix");
  out.write(3, 1.5, {{"v", a, 1}, {"p", b, 0}});  // second variable of a, then b
  if (ctx().is_root())
    check_pvti(dir + "/mix.00000003.pvti", s, {"v", "p"},
               {[](double, double y, double) { return y; },
                [](double x, double y, double) { return x * y; }});
  ctx().barrier();
}

TEST(VtkOutput, RestartKeepsStepsUpToTheRestartStep) {
  MeshSpec s;
  s.dim = 2;
  s.cells = {6, 4, 1};
  const std::string dir = fresh_dir("restart");
  Mesh mesh(ctx(), s);
  FieldView f = analytic_field(mesh, {[](double x, double y, double) { return x - y; }});
  const std::vector<NamedVariable> vars{{"T", f, 0}};
  {
    io::VtkOutput first(mesh, dir, "heat");
    for (long long step : {0, 10, 20, 30}) first.write(step, 0.1 * step, vars);
  }
  const std::string pvd = dir + "/heat.pvd";
  if (ctx().is_root()) {
    EXPECT_EQ(pvd_entries(pvd).size(), 4u);
  }
  ctx().barrier();

  // The restarted run resumes at step 20: steps 0, 10 and the restart step
  // 20 itself stay (its files are still on disk), 30 goes.
  io::VtkOutput again(mesh, dir, "heat", 20);
  ctx().barrier();
  if (ctx().is_root()) {
    const auto kept = pvd_entries(pvd);
    ASSERT_EQ(kept.size(), 3u) << read_text(pvd);
    EXPECT_EQ(kept[0], std::make_pair(0.0, std::string("heat.00000000.pvti")));
    EXPECT_EQ(kept[1], std::make_pair(1.0, std::string("heat.00000010.pvti")));
    EXPECT_EQ(kept[2], std::make_pair(2.0, std::string("heat.00000020.pvti")));
  }
  again.write(20, 2.0, vars);
  again.write(25, 2.5, vars);
  again.write(25, 2.5, vars);  // writing a step again replaces its entry
  if (ctx().is_root()) {
    const auto series = pvd_entries(pvd);
    ASSERT_EQ(series.size(), 4u) << read_text(pvd);
    EXPECT_EQ(series[2], std::make_pair(2.0, std::string("heat.00000020.pvti")));
    EXPECT_EQ(series[3], std::make_pair(2.5, std::string("heat.00000025.pvti")));
    EXPECT_FALSE(fs::exists(pvd + ".tmp"));
    check_pvti(dir + "/heat.00000025.pvti", s, {"T"},
               {[](double x, double y, double) { return x - y; }});
  }
  ctx().barrier();
}

TEST(VtkOutput, RejectsMismatchedVariables) {
  MeshSpec s;
  s.dim = 2;
  s.cells = {8, 8, 1};
  const std::string dir = fresh_dir("reject");
  Mesh mesh(ctx(), s);
  FieldView f = mesh.make_field("f", 1);
  io::VtkOutput out(mesh, dir, "bad");
  EXPECT_THROW(out.write(0, 0.0, {{"T", f, 1}}), InputError);               // no variable 1
  EXPECT_THROW(out.write(0, 0.0, {{"T", f, 0}, {"T", f, 0}}), InputError);  // name twice
  FieldView wrong("wrong", 1, 1, 3, 3);
  EXPECT_THROW(out.write(0, 0.0, {{"T", wrong, 0}}), InputError);  // not this mesh's shape
  ctx().barrier();
}

}  // namespace
}  // namespace boreas
