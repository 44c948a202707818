// The ns app's derived output variables (velocity_x/y/z, speed, vorticity)
// and the framework's Fields::derived / update_derived / vector:
//   * exact for a linear velocity field, at every interior cell and, through
//     the halo exchange and the linear extrapolation, every ghost cell;
//   * second-order convergence against the Taylor-Green vortex;
//   * the same bits on any rank count for the same state (a 1-rank run in
//     the same launch is the reference), sampled at cell centres, between
//     them and on walls;
//   * the declarations: kDerived variables are not state, not checked, not
//     checkpointed; the vectors; AppInfo lists every declared name.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "mesh/sample.hpp"
#include "physics/app.hpp"
#include "tests/common/decks.hpp"
#include "tests/common/run.hpp"
#include "tests/test_context.hpp"

using boreas::FieldView;
using boreas::NamedVariable;
using boreas::testing::context;
using boreas::testing::read_input_deck;
using boreas::testing::run_app;

namespace {

NamedVariable find_variable(const boreas::Fields& f, const std::string& name) {
  for (const auto& v : f.variables(boreas::kOutput | boreas::kDerived)) {
    if (v.name == name) return v;
  }
  throw std::runtime_error("no output variable " + name);
}

std::vector<std::string> names_of(const boreas::Fields& f, unsigned use) {
  return f.variable_names(use);
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// The Taylor-Green deck at t = 0 on n^2 cells.
std::unique_ptr<boreas::testing::Run> taylor_green_initial(const boreas::Context& ctx, int n) {
  return run_app(
      ctx, "ns", read_input_deck("ns/taylor_green.toml"),
      {"mesh.cells=[" + std::to_string(n) + "," + std::to_string(n) + "]", "run.max_steps=0"});
}

}  // namespace

TEST(NsOutput, DeclaresDerivedVariablesAndVectors) {
  auto run = taylor_green_initial(context(), 8);
  const boreas::Fields& f = run->sim->fields();
  const auto derived = names_of(f, boreas::kDerived);
  EXPECT_EQ(derived, (std::vector<std::string>{"velocity_x", "velocity_y", "speed", "vorticity"}));
  for (unsigned use : {boreas::kOutput, boreas::kRestart, boreas::kChecked, boreas::kPrognostic}) {
    for (const auto& n : derived) EXPECT_FALSE(contains(names_of(f, use), n)) << n;
  }
  ASSERT_EQ(f.vectors().size(), 1u);
  EXPECT_EQ(f.vectors()[0].name, "velocity");
  EXPECT_EQ(f.vectors()[0].components, (std::vector<std::string>{"velocity_x", "velocity_y"}));
  EXPECT_EQ(f.expand_vectors({"p", "velocity", "velocity_x"}),
            (std::vector<std::string>{"p", "velocity_x", "velocity_y"}));
  EXPECT_TRUE(f.needs_derived({"velocity"}));
  EXPECT_TRUE(f.needs_derived({"u", "speed"}));
  EXPECT_FALSE(f.needs_derived({"u", "v", "p"}));

  // `boreas list ns` names every output variable and vector the app declares.
  const boreas::AppInfo* info = boreas::find_app("ns");
  ASSERT_NE(info, nullptr);
  std::string listed;
  for (const auto& [name, meaning] : info->output_variables) listed += name + ", ";
  std::vector<std::string> all = names_of(f, boreas::kOutput | boreas::kDerived);
  for (const auto& v : f.vectors()) all.push_back(v.name);
  for (const auto& n : all) {
    EXPECT_NE(listed.find(n + ","), std::string::npos)
        << n << " is not in AppInfo::output_variables";
  }
}

TEST(NsOutput, ThreeDimensionalVorticityIsAVector) {
  auto run = run_app(context(), "ns", read_input_deck("ns/taylor_green_3d.toml"),
                     {"mesh.cells=[8,8,8]", "run.max_steps=0"});
  const boreas::Fields& f = run->sim->fields();
  EXPECT_EQ(names_of(f, boreas::kDerived),
            (std::vector<std::string>{"velocity_x", "velocity_y", "velocity_z", "speed",
                                      "vorticity_x", "vorticity_y", "vorticity_z"}));
  ASSERT_EQ(f.vectors().size(), 2u);
  EXPECT_EQ(f.vectors()[1].name, "vorticity");
  EXPECT_EQ(f.vectors()[1].components.size(), 3u);
}

// u = a0 + a1 x + a2 y, v = b0 + b1 x + b2 y on every face, ghosts included:
// the cell-centred velocity and the vorticity b1 - a2 are exact in every
// interior cell; the halo exchange and the linear extrapolation make them
// exact in every ghost cell too (walls on all four sides, any rank count).
TEST(NsOutput, ExactForALinearVelocityIncludingGhosts) {
  auto run = run_app(
      context(), "ns", read_input_deck("ns/cavity_re100.toml"),
      {"mesh.cells=[12,10]", "mesh.upper=[1.5,1.0]", "run.max_steps=0", "output.vtk.every_time=0"});
  boreas::Fields& f = run->sim->fields();
  const boreas::Mesh& m = run->mesh();
  const NamedVariable u = run->variable("u");
  const FieldView vel = u.view;
  const double a0 = 0.3, a1 = -0.7, a2 = 1.9, b0 = -0.2, b1 = 2.6, b2 = 0.7;
  auto host = Kokkos::create_mirror_view(vel);
  const int gh = m.ghost();
  for (int j = 0; j < m.extent(1); ++j) {
    for (int i = 0; i < m.extent(0); ++i) {
      // Face positions of local index (j, i): u at (x_{i-1/2}, y_j), v at (x_i, y_{j-1/2}).
      const double xc = m.lower(0) + (m.offset(0) + i - gh + 0.5) * m.dx(0);
      const double yc = m.lower(1) + (m.offset(1) + j - gh + 0.5) * m.dx(1);
      host(0, 0, j, i) = a0 + a1 * (xc - 0.5 * m.dx(0)) + a2 * yc;
      host(1, 0, j, i) = b0 + b1 * xc + b2 * (yc - 0.5 * m.dx(1));
    }
  }
  Kokkos::deep_copy(vel, host);
  f.update_derived();

  const FieldView cv = find_variable(f, "velocity_x").view;
  const FieldView sp = find_variable(f, "speed").view;
  const FieldView om = find_variable(f, "vorticity").view;
  auto hc = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), cv);
  auto hs = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), sp);
  auto ho = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), om);
  double err_interior = 0.0, err_ghost = 0.0;
  for (int j = 0; j < m.extent(1); ++j) {
    for (int i = 0; i < m.extent(0); ++i) {
      const double xc = m.lower(0) + (m.offset(0) + i - gh + 0.5) * m.dx(0);
      const double yc = m.lower(1) + (m.offset(1) + j - gh + 0.5) * m.dx(1);
      const double ue = a0 + a1 * xc + a2 * yc, ve = b0 + b1 * xc + b2 * yc;
      const double e = std::max({std::fabs(hc(0, 0, j, i) - ue), std::fabs(hc(1, 0, j, i) - ve),
                                 std::fabs(hs(0, 0, j, i) - std::hypot(ue, ve)),
                                 std::fabs(ho(0, 0, j, i) - (b1 - a2))});
      const bool interior =
          i >= gh && i < gh + m.local_cells(0) && j >= gh && j < gh + m.local_cells(1);
      // Speed is not linear: its ghosts are extrapolated, not exact.
      const double e_lin = std::max({std::fabs(hc(0, 0, j, i) - ue), std::fabs(hc(1, 0, j, i) - ve),
                                     std::fabs(ho(0, 0, j, i) - (b1 - a2))});
      (interior ? err_interior : err_ghost) =
          std::max(interior ? err_interior : err_ghost, interior ? e : e_lin);
    }
  }
  err_interior = context().max(err_interior);
  err_ghost = context().max(err_ghost);
  if (context().is_root()) {
    std::printf("linear field on %d ranks: max error interior %.3e, ghosts %.3e\n",
                context().size(), err_interior, err_ghost);
  }
  EXPECT_LT(err_interior, 1e-13);
  EXPECT_LT(err_ghost, 1e-13);
}

// Taylor-Green, u = sin x cos y, v = -cos x sin y: omega = 2 sin x sin y,
// |u| at the cell centres; max errors fall as h^2. On sinusoids the
// stencils are multipliers: the face average is cos(h/2) u and the central
// difference sin(h)/h d/dx, so the discrete values are known exactly too.
TEST(NsOutput, TaylorGreenConvergesAtSecondOrder) {
  std::vector<double> err_vel, err_speed, err_vort, err_symbol;
  for (int n : {16, 32, 64}) {
    auto run = taylor_green_initial(context(), n);
    boreas::Fields& f = run->sim->fields();
    f.update_derived({"vorticity", "speed", "velocity"});
    const boreas::Mesh& m = run->mesh();
    auto hc = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(),
                                                  find_variable(f, "velocity_x").view);
    auto hs =
        Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), find_variable(f, "speed").view);
    auto ho = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(),
                                                  find_variable(f, "vorticity").view);
    const boreas::Box b = m.interior();
    const double h = m.dx(0), avg = std::cos(0.5 * h), diff = std::sin(h) / h;
    double ev = 0, es = 0, eo = 0, esym = 0;
    for (int j = b.j0; j < b.j1; ++j) {
      for (int i = b.i0; i < b.i1; ++i) {
        const double x = m.center(0, i), y = m.center(1, j);
        const double ue = std::sin(x) * std::cos(y), ve = -std::cos(x) * std::sin(y);
        ev = std::max({ev, std::fabs(hc(0, 0, j, i) - ue), std::fabs(hc(1, 0, j, i) - ve)});
        es = std::max(es, std::fabs(hs(0, 0, j, i) - std::hypot(ue, ve)));
        eo = std::max(eo, std::fabs(ho(0, 0, j, i) - 2.0 * std::sin(x) * std::sin(y)));
        esym = std::max({esym, std::fabs(hc(0, 0, j, i) - avg * ue),
                         std::fabs(ho(0, 0, j, i) - avg * diff * 2.0 * std::sin(x) * std::sin(y))});
      }
    }
    err_vel.push_back(context().max(ev));
    err_speed.push_back(context().max(es));
    err_vort.push_back(context().max(eo));
    err_symbol.push_back(context().max(esym));
  }
  for (size_t k = 1; k < err_vel.size(); ++k) {
    const double ov = std::log2(err_vel[k - 1] / err_vel[k]);
    const double os = std::log2(err_speed[k - 1] / err_speed[k]);
    const double oo = std::log2(err_vort[k - 1] / err_vort[k]);
    if (context().is_root()) {
      std::printf(
          "TG %d^2: errors velocity %.3e speed %.3e vorticity %.3e; orders %.3f %.3f %.3f\n",
          16 << k, err_vel[k], err_speed[k], err_vort[k], ov, os, oo);
    }
    EXPECT_GT(ov, 1.9);
    EXPECT_GT(os, 1.9);
    EXPECT_GT(oo, 1.9);
  }
  for (double e : err_symbol) EXPECT_LT(e, 1e-13);
}

namespace {

// A cavity (walls all round, lid speed 1) whose interior faces hold a smooth
// analytic velocity, its ghosts filled as a step fills them (halo exchange,
// then the app's wall conditions); its derived variables sampled at every
// cell centre and at points between centres, on walls and in corners. The
// state is the same on any decomposition, so the samples must be too.
std::vector<double> cavity_samples(const boreas::Context& ctx) {
  auto run = run_app(ctx, "ns", read_input_deck("ns/cavity_re100.toml"),
                     {"mesh.cells=[24,20]", "run.max_steps=0", "output.vtk.every_time=0"});
  boreas::Fields& f = run->sim->fields();
  const boreas::Mesh& m = run->mesh();
  const FieldView vel = run->variable("u").view;
  auto host = Kokkos::create_mirror_view(vel);
  const boreas::Box b = m.interior();
  for (int j = b.j0; j < b.j1; ++j) {
    for (int i = b.i0; i < b.i1; ++i) {
      const double x = m.center(0, i), y = m.center(1, j);
      const double xf = x - 0.5 * m.dx(0), yf = y - 0.5 * m.dx(1);
      host(0, 0, j, i) = std::sin(3.0 * xf) * std::cos(2.0 * y) * xf * (1.0 - xf);
      host(1, 0, j, i) = std::cos(2.5 * x + y) * yf * (1.0 - yf);
    }
  }
  Kokkos::deep_copy(vel, host);
  f.exchange_all();
  run->sim->app().refresh_ghosts();
  f.update_derived();
  std::vector<boreas::Point> pts;
  for (int j = 0; j < 20; ++j) {
    for (int i = 0; i < 24; ++i) pts.push_back({(i + 0.5) / 24, (j + 0.5) / 20, 0.0});
  }
  for (double x : {0.0, 0.013, 0.25, 0.5, 0.77, 0.99, 1.0}) {
    for (double y : {0.0, 0.021, 0.5, 0.51, 0.98, 1.0}) pts.push_back({x, y, 0.0});
  }
  std::vector<NamedVariable> vars;
  for (const char* n : {"velocity_x", "velocity_y", "speed", "vorticity"})
    vars.push_back(find_variable(f, n));
  return boreas::sample(m, vars, pts);
}

}  // namespace

TEST(NsOutput, SameBitsOnAnyRankCount) {
  const std::vector<double> mine = cavity_samples(context());
  std::vector<double> ref(mine.size(), 0.0);
  if (auto one = context().first_ranks(1)) ref = cavity_samples(*one);
  context().sum(ref);  // rank 0's values everywhere (the others added 0)
  ASSERT_EQ(mine.size(), ref.size());
  long long differ = 0;
  double biggest = 0.0;
  for (size_t k = 0; k < mine.size(); ++k) {
    if (mine[k] != ref[k]) ++differ;
    biggest = std::max(biggest, std::fabs(mine[k]));
  }
  if (context().is_root()) {
    std::printf(
        "cavity derived samples on %d ranks: %lld of %zu differ from 1 rank (max |value| %.3f)\n",
        context().size(), differ, mine.size(), biggest);
  }
  EXPECT_EQ(differ, 0);
  EXPECT_GT(biggest, 0.1);  // not a comparison of zeros
}
