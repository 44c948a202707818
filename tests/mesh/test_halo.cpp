// Halo exchange acceptance tests: every ghost cell (faces, edges, corners)
// must hold exactly the global cell it mirrors, or keep its sentinel when it
// lies beyond a non-periodic boundary.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "mesh/halo.hpp"
#include "mesh/mesh.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

constexpr double kSentinel = -1.0;
constexpr int kNvar = 2;

const Context& ctx() {
  return testing::context();
}

std::string describe_case(const MeshSpec& s) {
  std::ostringstream o;
  o << s.dim << "D cells " << s.cells[0] << "x" << s.cells[1] << "x" << s.cells[2] << " periodic "
    << s.periodic[0] << s.periodic[1] << s.periodic[2] << " ghost " << s.ghost << " ranks "
    << s.ranks[0] << "," << s.ranks[1] << "," << s.ranks[2] << " on " << ctx().size();
  return o.str();
}

// Global id of the cell a local index mirrors, or -1 if it lies beyond a
// non-periodic boundary. Works on ghost-inclusive local indices.
long long mirrored_gid(const Mesh& m, int k, int j, int i) {
  const int idx[3] = {i, j, k};
  long long g[3];
  for (int d = 0; d < 3; ++d) {
    const long long n = m.global_cells(d);
    g[d] = m.offset(d) + idx[d] - m.ghost(d);
    if (g[d] < 0 || g[d] >= n) {
      if (!m.periodic(d)) return -1;
      g[d] = ((g[d] % n) + n) % n;
    }
  }
  return (g[2] * m.global_cells(1) + g[1]) * m.global_cells(0) + g[0];
}

bool is_interior(const Mesh& m, int k, int j, int i) {
  const Box b = m.interior();
  return k >= b.k0 && k < b.k1 && j >= b.j0 && j < b.j1 && i >= b.i0 && i < b.i1;
}

// var v of global cell gid, with a per-call shift to tell exchanges apart.
// var 1 differs from var 0 so a variable mix-up cannot pass.
double value_of(int v, long long gid, double shift) {
  return static_cast<double>(gid) + shift + (v == 1 ? 0.5 : 0.0) + (v >= 2 ? 0.25 * v : 0.0);
}

void fill(const Mesh& m, const FieldView& f, double shift) {
  auto h = Kokkos::create_mirror_view(f);
  const int nvar = static_cast<int>(f.extent(0));
  for (int v = 0; v < nvar; ++v) {
    for (int k = 0; k < m.extent(2); ++k) {
      for (int j = 0; j < m.extent(1); ++j) {
        for (int i = 0; i < m.extent(0); ++i) {
          h(v, k, j, i) =
              is_interior(m, k, j, i) ? value_of(v, mirrored_gid(m, k, j, i), shift) : kSentinel;
        }
      }
    }
  }
  Kokkos::deep_copy(f, h);
}

// Checks every cell. Interior cells must hold value_of(gid, interior_shift),
// ghosts value_of(mirrored gid, ghost_shift) or the sentinel.
void verify(const Mesh& m, const FieldView& f, double interior_shift, double ghost_shift,
            const std::string& what) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), f);
  const int nvar = static_cast<int>(f.extent(0));
  long long bad = 0;
  long long ghosts_checked = 0;
  std::ostringstream first;
  for (int v = 0; v < nvar; ++v) {
    for (int k = 0; k < m.extent(2); ++k) {
      for (int j = 0; j < m.extent(1); ++j) {
        for (int i = 0; i < m.extent(0); ++i) {
          const bool inside = is_interior(m, k, j, i);
          const long long gid = mirrored_gid(m, k, j, i);
          const double want =
              gid < 0 ? kSentinel : value_of(v, gid, inside ? interior_shift : ghost_shift);
          if (!inside) ++ghosts_checked;
          if (h(v, k, j, i) == want) continue;
          if (++bad <= 5) {
            first << "\n  rank " << ctx().rank() << " var " << v << " (k,j,i)=(" << k << "," << j
                  << "," << i << ") has " << h(v, k, j, i) << ", want " << want;
          }
        }
      }
    }
  }
  EXPECT_EQ(bad, 0) << what << " (" << describe_case(m.spec()) << ")" << first.str();
  // Guards against a verify loop that silently skipped the ghosts.
  const long long all = static_cast<long long>(nvar) * m.all().size();
  EXPECT_EQ(ghosts_checked, all - nvar * m.local_cell_count());
}

MeshSpec make_spec(int dim, int periodic_bits, int ghost, std::array<int, 3> ranks = {0, 0, 0}) {
  MeshSpec s;
  s.dim = dim;
  s.ghost = ghost;
  s.ranks = ranks;
  const int base = std::max(3 * ctx().size(), 7);
  for (int d = 0; d < 3; ++d) {
    // Different counts per direction catch swapped strides; with base + d,
    // at least one direction does not divide evenly over the ranks.
    s.cells[d] = base + d;
    s.periodic[d] = (periodic_bits >> d) & 1;
  }
  return s;
}

// Kept out of TEST bodies: CUDA device lambdas may not live in private members.
void add_to_interior(const Mesh& m, const FieldView& f, double amount) {
  par_for(
      "interior_work", static_cast<int>(f.extent(0)), m.interior(),
      KOKKOS_LAMBDA(const int v, const int k, const int j, const int i) {
        f(v, k, j, i) += amount;
      });
}

constexpr HaloPath kPaths[] = {HaloPath::device_direct, HaloPath::host_staged};

// Every acceptance check below runs on both halo paths: on a host build the
// staged path copies through separate host buffers, so a missing copy or a
// wrong buffer handed to MPI shows up as wrong ghosts.
void check_exchange(const MeshSpec& s) {
  Mesh mesh(ctx(), s);
  FieldView f = mesh.make_field("u", kNvar);
  for (const HaloPath path : kPaths) {
    HaloExchange halo(mesh, kNvar, path);
    EXPECT_EQ(halo.path(), path);
    fill(mesh, f, 0.0);
    halo.exchange(f);
    verify(mesh, f, 0.0, 0.0, "after one exchange, " + halo_path_name(path));
  }
}

TEST(Halo, EveryGhostCellAllDimsPeriodicitiesGhostWidths) {
  for (int dim = 1; dim <= 3; ++dim) {
    for (int bits = 0; bits < (1 << dim); ++bits) {
      for (int ghost = 1; ghost <= 3; ++ghost) check_exchange(make_spec(dim, bits, ghost));
    }
  }
}

// Each rank holds exactly `ghost` cells along every split direction, so a
// send slab is the whole interior and periodic wraps on a single rank copy
// the full domain.
TEST(Halo, TightCellCounts) {
  for (int dim = 1; dim <= 3; ++dim) {
    for (int bits = 0; bits < (1 << dim); ++bits) {
      for (int ghost = 1; ghost <= 3; ++ghost) {
        MeshSpec s = make_spec(dim, bits, ghost);
        for (int d = 0; d < 3; ++d) s.cells[d] = ghost * ctx().size();
        check_exchange(s);
      }
    }
  }
}

TEST(Halo, ExplicitRankLayouts) {
  const int p = ctx().size();
  std::vector<std::pair<int, std::array<int, 3>>> layouts = {
      {1, {p, 0, 0}}, {2, {1, p, 1}}, {2, {p, 1, 1}}, {2, {0, p, 0}},
      {3, {1, p, 1}}, {3, {1, 1, p}}, {3, {p, 1, 1}}, {3, {0, 0, p}}};
  if (p == 4) {
    layouts.push_back({2, {2, 2, 1}});
    layouts.push_back({3, {2, 2, 1}});
    layouts.push_back({3, {1, 2, 2}});
    layouts.push_back({3, {2, 1, 2}});
    layouts.push_back({3, {0, 2, 0}});
  }
  for (const auto& [dim, ranks] : layouts) {
    for (int bits = 0; bits < (1 << dim); ++bits) {
      const MeshSpec s = make_spec(dim, bits, 2, ranks);
      Mesh probe(ctx(), s);
      for (int d = 0; d < dim; ++d) {
        if (ranks[d] != 0) {
          EXPECT_EQ(probe.rank_dims(d), ranks[d]) << describe_case(s);
        }
      }
      check_exchange(s);
    }
  }
}

// Interior updates between start() and finish() must not leak into the
// messages: the ghosts carry the values packed at start().
TEST(Halo, StartInteriorWorkFinish) {
  for (int dim = 1; dim <= 3; ++dim) {
    const MeshSpec s = make_spec(dim, (1 << dim) - 1, 2);
    Mesh mesh(ctx(), s);
    FieldView f = mesh.make_field("u", kNvar);
    for (const HaloPath path : kPaths) {
      HaloExchange halo(mesh, kNvar, path);
      fill(mesh, f, 0.0);
      EXPECT_FALSE(halo.in_flight());
      halo.start(f);
      EXPECT_TRUE(halo.in_flight());
      add_to_interior(mesh, f, 1000.0);
      halo.finish(f);
      EXPECT_FALSE(halo.in_flight());
      verify(mesh, f, 1000.0, 0.0, "start/work/finish, " + halo_path_name(path));
    }
  }
}

TEST(Halo, RepeatedExchangesReuseBuffers) {
  for (int dim = 1; dim <= 3; ++dim) {
    for (int bits : {0, (1 << dim) - 1, 1}) {
      const MeshSpec s = make_spec(dim, bits, 3);
      Mesh mesh(ctx(), s);
      FieldView f = mesh.make_field("u", kNvar);
      for (const HaloPath path : kPaths) {
        HaloExchange halo(mesh, kNvar, path);
        const std::string name = ", " + halo_path_name(path);
        for (int round = 0; round < 3; ++round) {
          const double shift = 100.0 * round;
          fill(mesh, f, shift);
          halo.exchange(f);
          verify(mesh, f, shift, shift, "exchange round " + std::to_string(round) + name);
        }
        // Back to back without refilling: ghosts are simply rewritten.
        halo.exchange(f);
        verify(mesh, f, 200.0, 200.0, "second exchange without refill" + name);
      }
    }
  }
}

TEST(Halo, OtherVariableCounts) {
  for (int nvar : {1, 3}) {
    const MeshSpec s = make_spec(3, 5, 1);
    Mesh mesh(ctx(), s);
    FieldView f = mesh.make_field("w", nvar);
    HaloExchange halo(mesh, nvar);
    fill(mesh, f, 0.0);
    halo.exchange(f);
    verify(mesh, f, 0.0, 0.0, "nvar " + std::to_string(nvar));
  }
}

// Values whose bit patterns use the whole mantissa, so bitwise equality
// means the same bytes travelled, not just close numbers.
void fill_irrational(const Mesh& m, const FieldView& f) {
  fill(m, f, 0.0);
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), f);
  for (size_t n = 0; n < h.size(); ++n) {
    double& x = h.data()[n];
    if (x != kSentinel) x = std::sqrt(2.0 + x) / 3.0;
  }
  Kokkos::deep_copy(f, h);
}

TEST(Halo, BothPathsGiveBitwiseIdenticalFields) {
  for (int dim = 1; dim <= 3; ++dim) {
    for (int bits : {0, 1, (1 << dim) - 1}) {
      for (int ghost : {1, 3}) {
        const MeshSpec s = make_spec(dim, bits, ghost);
        Mesh mesh(ctx(), s);
        FieldView direct = mesh.make_field("direct", 3);
        FieldView staged = mesh.make_field("staged", 3);
        fill_irrational(mesh, direct);
        fill_irrational(mesh, staged);
        // A real copy (create_mirror), not a view that may alias `direct`.
        const auto before = Kokkos::create_mirror(direct);
        Kokkos::deep_copy(before, direct);
        HaloExchange a(mesh, 3, HaloPath::device_direct);
        HaloExchange b(mesh, 3, HaloPath::host_staged);
        a.exchange(direct);
        b.exchange(staged);
        auto hd = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), direct);
        auto hs = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), staged);
        ASSERT_EQ(hd.size(), hs.size());
        EXPECT_EQ(std::memcmp(hd.data(), hs.data(), hd.size() * sizeof(double)), 0)
            << describe_case(s);
        // The exchange did fill ghosts wherever this rank has neighbours.
        long long changed = 0;
        for (size_t n = 0; n < hd.size(); ++n) changed += hd.data()[n] != before.data()[n];
        EXPECT_EQ(changed > 0, a.bytes_per_exchange() > 0) << describe_case(s);
      }
    }
  }
}

// Restores parallel.gpu_aware_mpi after a test changed it.
struct SettingGuard {
  std::optional<bool> saved = gpu_aware_mpi_setting();
  ~SettingGuard() { set_gpu_aware_mpi_setting(saved); }
};

TEST(Halo, DefaultPathFollowsTheSetting) {
  SettingGuard guard;
  Mesh mesh(ctx(), make_spec(2, 3, 2));
  set_gpu_aware_mpi_setting(true);
  EXPECT_EQ(default_halo_path(), HaloPath::device_direct);
  EXPECT_EQ(HaloExchange(mesh, 1).path(), HaloPath::device_direct);
  EXPECT_NE(default_halo_path_reason().find("parallel.gpu_aware_mpi = true"), std::string::npos);
  set_gpu_aware_mpi_setting(false);
  EXPECT_EQ(default_halo_path(), HaloPath::host_staged);
  EXPECT_EQ(HaloExchange(mesh, 1).path(), HaloPath::host_staged);
  EXPECT_NE(default_halo_path_reason().find("parallel.gpu_aware_mpi = false"), std::string::npos);
  set_gpu_aware_mpi_setting(std::nullopt);
  // Detection: host memory never needs staging; device memory needs it
  // unless MPI says it is GPU-aware.
  const HaloPath detected =
      exec::kHostBackend || mpi_is_gpu_aware() ? HaloPath::device_direct : HaloPath::host_staged;
  EXPECT_EQ(default_halo_path(), detected);
  EXPECT_EQ(HaloExchange(mesh, 1).path(), detected);
  EXPECT_NE(default_halo_path_reason().find("detected"), std::string::npos);
  EXPECT_EQ(halo_path_name(HaloPath::device_direct), "device-direct");
  EXPECT_EQ(halo_path_name(HaloPath::host_staged), "host-staged");
}

TEST(Halo, CountsExchangesPerPath) {
  Mesh mesh(ctx(), make_spec(3, 7, 1));
  FieldView f = mesh.make_field("u", 1);
  HaloExchange direct(mesh, 1, HaloPath::device_direct);
  HaloExchange staged(mesh, 1, HaloPath::host_staged);
  const HaloPathCounts c0 = halo_exchange_counts();
  direct.exchange(f);
  staged.exchange(f);
  staged.start(f);
  staged.finish(f);
  const HaloPathCounts c1 = halo_exchange_counts();
  EXPECT_EQ(c1.device_direct - c0.device_direct, 1);
  EXPECT_EQ(c1.host_staged - c0.host_staged, 2);
}

TEST(Halo, BytesPerExchange) {
  const int p = ctx().size();
  {
    // Fully periodic 2D, 5 x 6 cells per rank, ghost 2, two variables, so
    // every neighbour exists (possibly as this rank itself):
    // x faces 2*(2*6) + y faces 2*(5*2) + corners 4*(2*2) = 60 cells.
    MeshSpec s;
    s.dim = 2;
    s.cells = {5 * p, 6, 1};
    s.ranks = {p, 1, 1};
    s.ghost = 2;
    s.periodic = {true, true, false};
    Mesh mesh(ctx(), s);
    HaloExchange halo(mesh, 2);
    EXPECT_EQ(halo.bytes_per_exchange(), 60LL * 2 * 8);
  }
  {
    MeshSpec s = make_spec(3, 0, 2);
    s.ranks = {p, 1, 1};
    Mesh mesh(ctx(), s);
    HaloExchange halo(mesh, 2);
    // Non-periodic, split along x only: ends send one x face, inner ranks two.
    const int n_faces =
        p == 1 ? 0 : (mesh.rank_coord(0) == 0 || mesh.rank_coord(0) == p - 1 ? 1 : 2);
    const long long face = 2LL * mesh.local_cells(1) * mesh.local_cells(2) * 2 * 8;
    EXPECT_EQ(halo.bytes_per_exchange(), n_faces * face);
  }
}

TEST(Halo, MisuseIsReported) {
  const MeshSpec s = make_spec(2, 3, 1);
  Mesh mesh(ctx(), s);
  HaloExchange halo(mesh, kNvar);
  FieldView wrong = mesh.make_field("wrong", kNvar + 1);
  EXPECT_THROW(halo.start(wrong), RuntimeError);
  EXPECT_FALSE(halo.in_flight());
  FieldView f = mesh.make_field("u", kNvar);
  EXPECT_THROW(halo.finish(f), RuntimeError);
  fill(mesh, f, 0.0);
  halo.start(f);
  EXPECT_THROW(halo.start(f), RuntimeError);
  EXPECT_TRUE(halo.in_flight());
  halo.finish(f);
  verify(mesh, f, 0.0, 0.0, "after a rejected second start");
  EXPECT_THROW({ HaloExchange none(mesh, 0); }, RuntimeError);
}

}  // namespace
}  // namespace boreas
