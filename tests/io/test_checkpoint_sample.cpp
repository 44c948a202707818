// Writes heat-like step-0 checkpoints for check_checkpoint.py (the h5py
// checker) to $BOREAS_IO_SAMPLE_DIR: good ones it must accept and damaged
// ones it must reject. Skipped when the variable is unset.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "io/fields.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

const Context& ctx() {
  return testing::context();
}

struct HeatCase {
  std::string file;
  MeshSpec spec;
  std::string init;  // the heat problem: gaussian | sine | uniform
  double amplitude = 1.0, background = 0.0, width = 0.1;
  std::array<double, 3> center{0.5, 0.5, 0.5};
  std::array<int, 3> mode{1, 1, 1};
  std::string deck_cells;         // overrides the deck's mesh.cells (to fake a shape mismatch)
  long long perturbed_cell = -1;  // global id whose T is off by 1e-9
};

HeatCase heat_case(const std::string& file, const MeshSpec& spec, const std::string& init,
                   double amplitude, double background) {
  HeatCase c;
  c.file = file;
  c.spec = spec;
  c.init = init;
  c.amplitude = amplitude;
  c.background = background;
  return c;
}

std::string list(const std::array<double, 3>& v, int n) {
  std::ostringstream s;
  s.precision(17);
  s << "[";
  for (int d = 0; d < n; ++d) s << (d ? ", " : "") << std::showpoint << v[d];
  return s.str() + "]";
}

std::string deck_text(const HeatCase& c) {
  const int dim = c.spec.dim;
  std::ostringstream s;
  s.precision(17);
  std::string cells_text = "[";
  std::string mode_text = "[";
  for (int d = 0; d < dim; ++d) {
    cells_text += (d ? ", " : "") + std::to_string(c.spec.cells[d]);
    mode_text += (d ? ", " : "") + std::to_string(c.mode[d]);
  }
  s << "# resolved deck of a sample checkpoint\n[run]\napp = \"heat\"\nname = \"sample "
       "\\\"q\\\"\"\n\n"
    << "[mesh]\ncells = " << (c.deck_cells.empty() ? cells_text + "]" : c.deck_cells) << "\n"
    << "lower = " << list(c.spec.lower, dim) << "\nupper = " << list(c.spec.upper, dim) << "\n\n"
    << "[physics]\nkappa = 1.0\n\n[problem]\nname = \"" << c.init << "\"\n"
    << std::showpoint;
  if (c.init == "uniform") {
    s << "value = " << c.background << "\n";
  } else {
    s << "amplitude = " << c.amplitude << "\nbackground = " << c.background << "\n";
    if (c.init == "gaussian")
      s << "width = " << c.width << "\ncenter = " << list(c.center, dim) << "\n";
    if (c.init == "sine") s << "mode = " << mode_text << "]\n";
  }
  return s.str();
}

// The heat app's initial states (physics/heat/problems/), host-side.
double initial_T(const HeatCase& c, const Mesh& m, const long long g[3]) {
  const double pi = 3.14159265358979323846;
  if (c.init == "uniform") return c.background;
  if (c.init == "sine") {
    double v = 1.0;
    for (int d = 0; d < m.dim(); ++d) {
      const double k = c.mode[d] * pi / (m.upper(d) - m.lower(d));
      v *= std::sin(k * (g[d] + 0.5) * m.dx(d));
    }
    return c.background + c.amplitude * v;
  }
  double r2 = 0.0;
  for (int d = 0; d < m.dim(); ++d) {
    const double x = m.lower(d) + (g[d] + 0.5) * m.dx(d) - c.center[d];
    r2 += x * x;
  }
  return c.background + c.amplitude * std::exp(-r2 * (1.0 / (2.0 * c.width * c.width)));
}

void write_case(const HeatCase& c, const std::string& folder) {
  Mesh mesh(ctx(), c.spec);
  FieldView T = mesh.make_field("T", 1);
  auto h = Kokkos::create_mirror_view(T);
  const Box b = mesh.interior();
  for (int k = b.k0; k < b.k1; ++k)
    for (int j = b.j0; j < b.j1; ++j)
      for (int i = b.i0; i < b.i1; ++i) {
        const long long g[3] = {mesh.offset(0) + i - mesh.ghost(0),
                                mesh.offset(1) + j - mesh.ghost(1),
                                mesh.offset(2) + k - mesh.ghost(2)};
        const long long id = (g[2] * mesh.global_cells(1) + g[1]) * mesh.global_cells(0) + g[0];
        h(0, k, j, i) = initial_T(c, mesh, g) + (id == c.perturbed_cell ? 1e-9 : 0.0);
      }
  Kokkos::deep_copy(T, h);
  io::StateHeader header;
  header.deck = deck_text(c);
  header.app = "heat";
  header.boreas_version = "sample";
  io::write_state_file(mesh, folder + "/" + c.file, header, {{"T", T, 0}});
  // An index over the same file twice, for the ParaView check of the XDMF.
  const std::string stem = c.file.substr(0, c.file.rfind('.'));
  io::write_xdmf(mesh, folder + "/" + stem + ".xdmf", {{0.0, c.file, {"T"}}, {0.5, c.file, {"T"}}});
}

TEST(CheckpointSample, WriteHeatSamples) {
  // Without BOREAS_IO_SAMPLE_DIR (a plain test run) the samples go to a
  // temporary folder and are checked here, then removed.
  const char* env = std::getenv("BOREAS_IO_SAMPLE_DIR");
  std::string tmp_folder;
  if (!env && ctx().is_root()) {
    tmp_folder = (std::filesystem::temp_directory_path() /
                  ("boreas-io-samples-" + std::to_string(::getpid())))
                     .string();
  }
  const std::string folder_text = env ? std::string(env) : ctx().broadcast(tmp_folder);
  const char* folder = folder_text.c_str();
  if (ctx().is_root()) std::filesystem::create_directories(folder);
  ctx().barrier();

  MeshSpec two_d;
  two_d.dim = 2;
  two_d.cells = {32, 16, 1};
  two_d.upper = {2.0, 1.0, 1.0};
  HeatCase gaussian = heat_case("gaussian_2d.h5", two_d, "gaussian", 1.5, 0.25);
  gaussian.width = 0.2;
  gaussian.center = {1.0, 0.4, 0.5};
  write_case(gaussian, folder);

  MeshSpec three_d;
  three_d.dim = 3;
  three_d.cells = {12, 10, 8};
  three_d.lower = {-1.0, 0.0, 2.0};
  three_d.upper = {1.0, 3.0, 2.5};
  HeatCase sine = heat_case("sine_3d.h5", three_d, "sine", 2.0, 1.0);
  sine.mode = {1, 2, 3};
  write_case(sine, folder);

  MeshSpec one_d;
  one_d.dim = 1;
  one_d.cells = {23, 1, 1};
  write_case(heat_case("constant_1d.h5", one_d, "uniform", 1.0, 3.5), folder);

  HeatCase off_by_a_bit = gaussian;
  off_by_a_bit.file = "bad_value_2d.h5";
  off_by_a_bit.perturbed_cell = 7 * 32 + 19;
  write_case(off_by_a_bit, folder);

  HeatCase wrong_shape = sine;
  wrong_shape.file = "bad_shape_3d.h5";
  wrong_shape.deck_cells = "[12, 10, 9]";
  write_case(wrong_shape, folder);

  // Every sample reads back through the C++ reader with its mesh and a valid checksum.
  const std::vector<std::pair<std::string, MeshSpec>> written = {{"gaussian_2d.h5", two_d},
                                                                 {"sine_3d.h5", three_d},
                                                                 {"constant_1d.h5", one_d},
                                                                 {"bad_value_2d.h5", two_d},
                                                                 {"bad_shape_3d.h5", three_d}};
  for (const auto& [file, spec] : written) {
    const std::string path = folder_text + "/" + file;
    EXPECT_EQ(io::verify_state_file(ctx(), path), "") << path;
    const io::StateHeader h = io::read_state_header(ctx(), path);
    EXPECT_EQ(h.app, "heat") << path;
    EXPECT_EQ(h.step, 0) << path;
    EXPECT_EQ(h.dim, spec.dim) << path;
    for (int d = 0; d < spec.dim; ++d) EXPECT_EQ(h.cells[d], spec.cells[d]) << path;
    EXPECT_EQ(h.fields, std::vector<std::string>{"T"}) << path;
  }
  ctx().barrier();
  if (!env && ctx().is_root()) std::filesystem::remove_all(folder_text);
}

}  // namespace
}  // namespace boreas
