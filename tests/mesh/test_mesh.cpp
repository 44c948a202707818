#include <gtest/gtest.h>
#include <mpi.h>

#include <array>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "mesh/mesh.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

const Context& ctx() {
  return testing::context();
}

// Expects an InputError whose message contains every one of `parts`.
template <class F>
void expect_input_error(F&& f, const std::vector<std::string>& parts) {
  try {
    f();
    ADD_FAILURE() << "expected InputError";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    for (const auto& p : parts) EXPECT_NE(msg.find(p), std::string::npos) << msg << "\nlacks " << p;
  }
}

MeshSpec spec3(std::array<int, 3> cells, int ghost = 1) {
  MeshSpec s;
  s.dim = 3;
  s.cells = cells;
  s.ghost = ghost;
  return s;
}

TEST(SplitCells, SumsAndRemainderGoesToFirstRanks) {
  for (int n = 0; n <= 40; ++n) {
    for (int p = 1; p <= 9; ++p) {
      int next = 0;
      for (int c = 0; c < p; ++c) {
        const auto [count, offset] = split_cells(n, p, c);
        EXPECT_EQ(offset, next) << n << " " << p << " " << c;
        EXPECT_EQ(count, n / p + (c < n % p ? 1 : 0)) << n << " " << p << " " << c;
        next += count;
      }
      EXPECT_EQ(next, n) << n << " over " << p;
    }
  }
  EXPECT_EQ(split_cells(10, 4, 0), (std::array<int, 2>{3, 0}));
  EXPECT_EQ(split_cells(10, 4, 1), (std::array<int, 2>{3, 3}));
  EXPECT_EQ(split_cells(10, 4, 2), (std::array<int, 2>{2, 6}));
  EXPECT_EQ(split_cells(10, 4, 3), (std::array<int, 2>{2, 8}));
}

// Gathers (coords, offsets, local counts) of every rank and checks they tile
// the global domain exactly once.
void check_decomposition(const Mesh& m) {
  const int p = ctx().size();
  std::array<int, 9> mine{};
  for (int d = 0; d < 3; ++d) {
    mine[d] = m.rank_coord(d);
    mine[3 + d] = m.offset(d);
    mine[6 + d] = m.local_cells(d);
  }
  std::vector<int> all(static_cast<size_t>(9 * p));
  MPI_Allgather(mine.data(), 9, MPI_INT, all.data(), 9, MPI_INT, ctx().comm());

  int prod = 1;
  for (int d = 0; d < 3; ++d) prod *= m.rank_dims(d);
  EXPECT_EQ(prod, p);
  std::set<std::array<int, 3>> seen;
  long long total = 0;
  for (int r = 0; r < p; ++r) {
    const int* e = &all[static_cast<size_t>(9 * r)];
    seen.insert({e[0], e[1], e[2]});
    // x varies fastest in rank order (documented in mesh.hpp).
    EXPECT_EQ(r, (e[2] * m.rank_dims(1) + e[1]) * m.rank_dims(0) + e[0]);
    long long cells = 1;
    for (int d = 0; d < 3; ++d) {
      const auto split = split_cells(m.global_cells(d), m.rank_dims(d), e[d]);
      EXPECT_EQ(e[6 + d], split[0]) << "rank " << r << " dir " << d;
      EXPECT_EQ(e[3 + d], split[1]) << "rank " << r << " dir " << d;
      cells *= e[6 + d];
    }
    total += cells;
  }
  EXPECT_EQ(static_cast<int>(seen.size()), p);
  EXPECT_EQ(total, m.global_cell_count());
  EXPECT_EQ(ctx().sum(m.local_cell_count()), m.global_cell_count());
}

TEST(Mesh, DecompositionTilesTheDomain) {
  for (int dim = 1; dim <= 3; ++dim) {
    MeshSpec s = spec3({13, 10, 7}, 2);
    s.dim = dim;
    Mesh m(ctx(), s);
    SCOPED_TRACE(m.describe());
    check_decomposition(m);
    for (int d = dim; d < 3; ++d) {
      EXPECT_EQ(m.rank_dims(d), 1);
      EXPECT_EQ(m.global_cells(d), 1);
      EXPECT_EQ(m.local_cells(d), 1);
      EXPECT_EQ(m.ghost(d), 0);
      EXPECT_EQ(m.extent(d), 1);
      EXPECT_FALSE(m.periodic(d));
    }
    for (int d = 0; d < dim; ++d) EXPECT_EQ(m.extent(d), m.local_cells(d) + 4);
  }
}

TEST(Mesh, DefaultLayoutGivesXTheMostRanks) {
  MeshSpec s = spec3({16, 16, 16});
  s.dim = 2;
  Mesh m(ctx(), s);
  EXPECT_LE(m.rank_dims(0), m.rank_dims(1));  // the slower direction gets more ranks
  EXPECT_EQ(m.rank_dims(0) * m.rank_dims(1), ctx().size());
}

TEST(Mesh, ExplicitLayouts) {
  const int p = ctx().size();
  const std::vector<std::array<int, 3>> layouts = {{1, p, 1}, {1, 1, p}, {p, 1, 1},
                                                   {0, p, 0}, {1, 0, 1}, {0, 0, 0}};
  for (const auto& ranks : layouts) {
    MeshSpec s = spec3({9, 10, 11}, 2);
    s.ranks = ranks;
    Mesh m(ctx(), s);
    SCOPED_TRACE(m.describe());
    for (int d = 0; d < 3; ++d) {
      if (ranks[d] != 0) {
        EXPECT_EQ(m.rank_dims(d), ranks[d]);
      }
    }
    check_decomposition(m);
  }
  // Unused directions are forced to one rank whatever the deck says.
  MeshSpec s = spec3({12, 12, 1});
  s.dim = 2;
  s.ranks = {p, 1, 0};
  Mesh m(ctx(), s);
  EXPECT_EQ(m.rank_dims(0), p);
  EXPECT_EQ(m.rank_dims(2), 1);
}

TEST(Mesh, BadRankProductIsInputError) {
  const int p = ctx().size();
  MeshSpec s = spec3({12, 12, 12});
  s.ranks = {p + 1, 1, 1};
  expect_input_error([&] { Mesh m(ctx(), s); },
                     {"mesh.ranks", std::to_string(p + 1), std::to_string(p)});
  s.ranks = {3, 0, 0};  // 3 divides none of 1, 2, 4
  if (p != 3) {
    expect_input_error([&] { Mesh m(ctx(), s); }, {"mesh.ranks", "3", std::to_string(p)});
  }
  s.ranks = {-1, 0, 0};
  expect_input_error([&] { Mesh m(ctx(), s); }, {"mesh.ranks"});
}

TEST(Mesh, TooFewCellsForGhostIsInputError) {
  const int p = ctx().size();
  MeshSpec s = spec3({12, 12, 12}, 3);
  s.dim = 1;
  s.ranks = {p, 1, 1};
  s.cells[0] = 3 * p - 1;  // some rank gets 2 cells < ghost 3
  expect_input_error([&] { Mesh m(ctx(), s); },
                     {"mesh.cells", "mesh.ranks", "ghost", std::to_string(3 * p) + " cells in x"});
  s.cells[0] = 3 * p;  // exactly enough
  EXPECT_NO_THROW({ Mesh m(ctx(), s); });

  MeshSpec t = spec3({8, 2 * p - 1, 8}, 2);
  t.ranks = {1, p, 1};
  expect_input_error([&] { Mesh m(ctx(), t); }, {"mesh.cells", " y "});
}

TEST(Mesh, InvalidSpecsAreInputErrors) {
  MeshSpec s = spec3({4, 4, 4});
  s.dim = 0;
  expect_input_error([&] { Mesh m(ctx(), s); }, {"mesh.dim"});
  s.dim = 4;
  expect_input_error([&] { Mesh m(ctx(), s); }, {"mesh.dim"});
  s = spec3({4, 0, 4});
  expect_input_error([&] { Mesh m(ctx(), s); }, {"mesh.cells"});
  s = spec3({4, 4, 4});
  s.upper[2] = s.lower[2];
  expect_input_error([&] { Mesh m(ctx(), s); }, {"mesh.upper", "z"});
  // Inactive directions are not validated: a 2D mesh ignores cells[2].
  s = spec3({4 * ctx().size(), 4, 0});
  s.dim = 2;
  s.upper[2] = -5.0;
  EXPECT_NO_THROW({ Mesh m(ctx(), s); });
}

TEST(Mesh, CentersAndSpacing) {
  const int p = ctx().size();
  MeshSpec s = spec3({8 * p, 4, 2}, 2);
  s.lower = {-1.0, 0.0, 2.0};
  s.upper = {-1.0 + 0.25 * 8 * p, 2.0, 3.0};
  s.ranks = {p, 1, 1};
  Mesh m(ctx(), s);
  EXPECT_EQ(m.dx(0), 0.25);
  EXPECT_EQ(m.dx(1), 0.5);
  EXPECT_EQ(m.dx(2), 0.5);
  EXPECT_EQ(m.cell_volume(), 0.25 * 0.5 * 0.5);
  EXPECT_EQ(m.offset(0), 8 * m.rank_coord(0));
  // First interior cell, first ghost and last interior cell along x.
  EXPECT_EQ(m.center(0, 2), -1.0 + 0.25 * (m.offset(0) + 0.5));
  EXPECT_EQ(m.center(0, 0), -1.0 + 0.25 * (m.offset(0) - 2 + 0.5));
  EXPECT_EQ(m.center(0, 9), -1.0 + 0.25 * (m.offset(0) + 7.5));
  EXPECT_EQ(m.center(1, 2), 0.25);
  EXPECT_EQ(m.center(2, 3), 2.75);

  MeshSpec t = s;
  t.dim = 2;
  Mesh m2(ctx(), t);
  EXPECT_EQ(m2.cell_volume(), 0.25 * 0.5);
  EXPECT_EQ(m2.center(2, 0), 2.5);  // one cell spanning [2, 3]
}

TEST(Mesh, PhysicalBoundariesAndNeighbours) {
  const int p = ctx().size();
  for (bool px : {false, true}) {
    MeshSpec s = spec3({4 * p, 4, 4});
    s.dim = 2;
    s.ranks = {p, 1, 1};
    s.periodic = {px, true, true};  // z ignored in 2D
    Mesh m(ctx(), s);
    const int c = m.rank_coord(0);
    const int r = ctx().rank();
    EXPECT_EQ(c, r);
    EXPECT_EQ(m.is_physical_boundary(x_lower), !px && c == 0);
    EXPECT_EQ(m.is_physical_boundary(x_upper), !px && c == p - 1);
    EXPECT_FALSE(m.is_physical_boundary(y_lower));
    EXPECT_FALSE(m.is_physical_boundary(y_upper));
    EXPECT_FALSE(m.is_physical_boundary(z_lower));
    EXPECT_FALSE(m.is_physical_boundary(z_upper));
    EXPECT_FALSE(m.periodic(2));

    const int right = c + 1 < p ? c + 1 : (px ? 0 : MPI_PROC_NULL);
    const int left = c > 0 ? c - 1 : (px ? p - 1 : MPI_PROC_NULL);
    EXPECT_EQ(m.neighbour(1, 0, 0), right);
    EXPECT_EQ(m.neighbour(-1, 0, 0), left);
    EXPECT_EQ(m.neighbour(1, 1, 0), right);  // y periodic with one rank
    EXPECT_EQ(m.neighbour(-1, -1, 0), left);
    EXPECT_EQ(m.neighbour(0, 1, 0), r);
    EXPECT_EQ(m.neighbour(0, 0, 0), r);
    EXPECT_EQ(m.neighbour(0, 0, 1), MPI_PROC_NULL);  // unused direction
  }
  MeshSpec s = spec3({4, 4, 4 * p});
  s.ranks = {1, 1, p};
  Mesh m(ctx(), s);
  EXPECT_EQ(m.is_physical_boundary(z_lower), m.rank_coord(2) == 0);
  EXPECT_EQ(m.is_physical_boundary(z_upper), m.rank_coord(2) == p - 1);
  EXPECT_TRUE(m.is_physical_boundary(x_lower));
  EXPECT_TRUE(m.is_physical_boundary(y_upper));
  EXPECT_EQ(m.neighbour(0, 0, 1), ctx().rank() + 1 < p ? ctx().rank() + 1 : MPI_PROC_NULL);
}

TEST(Mesh, BoxesFieldsAndDescription) {
  const int p = ctx().size();
  MeshSpec s = spec3({16 * p, 8, 4}, 2);
  s.dim = 2;
  s.ranks = {p, 1, 0};
  Mesh m(ctx(), s);
  EXPECT_EQ(m.describe(),
            std::to_string(16 * p) + " x 8 cells on " + std::to_string(p) + " x 1 ranks, ghost 2");
  const Box in = m.interior();
  EXPECT_EQ(in.i0, 2);
  EXPECT_EQ(in.i1, 18);
  EXPECT_EQ(in.j0, 2);
  EXPECT_EQ(in.j1, 10);
  EXPECT_EQ(in.k0, 0);
  EXPECT_EQ(in.k1, 1);
  const Box all = m.all();
  EXPECT_EQ(all.i1, 20);
  EXPECT_EQ(all.j1, 12);
  EXPECT_EQ(all.k1, 1);
  EXPECT_EQ(m.local_cell_count(), 16 * 8);
  EXPECT_EQ(m.global_cell_count(), 16LL * p * 8);

  FieldView f = m.make_field("state", 3);
  EXPECT_EQ(f.label(), "state");
  EXPECT_EQ(f.extent(0), 3u);
  EXPECT_EQ(f.extent(1), 1u);
  EXPECT_EQ(f.extent(2), 12u);
  EXPECT_EQ(f.extent(3), 20u);
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), f);
  long long nonzero = 0;
  for (size_t n = 0; n < h.size(); ++n) nonzero += h.data()[n] != 0.0;
  EXPECT_EQ(nonzero, 0);

  MeshSpec s1 = spec3({5 * p, 1, 1}, 1);
  s1.dim = 1;
  Mesh m1(ctx(), s1);
  EXPECT_EQ(m1.describe(),
            std::to_string(5 * p) + " cells on " + std::to_string(p) + " ranks, ghost 1");
  MeshSpec s3 = spec3({4, 4, 4 * p}, 1);
  s3.ranks = {1, 1, p};
  Mesh m3(ctx(), s3);
  EXPECT_EQ(m3.describe(), "4 x 4 x " + std::to_string(4 * p) + " cells on 1 x 1 x " +
                               std::to_string(p) + " ranks, ghost 1");
}

TEST(Mesh, FaceHelpers) {
  EXPECT_EQ(face_name(x_lower), "x_lower");
  EXPECT_EQ(face_name(y_upper), "y_upper");
  EXPECT_EQ(face_name(z_lower), "z_lower");
  EXPECT_EQ(face_dir(z_upper), 2);
  EXPECT_TRUE(face_is_upper(x_upper));
  EXPECT_FALSE(face_is_upper(y_lower));
}

}  // namespace
}  // namespace boreas
