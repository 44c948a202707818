#include "mesh/halo.hpp"

#if __has_include(<mpi-ext.h>)
#include <mpi-ext.h>
#endif

#include <atomic>
#include <string>

#include "core/error.hpp"

namespace boreas {

using Buffer = Kokkos::View<double*, MemSpace>;

namespace {

// One neighbour's region of a field: a box of `nvar` variables, stored in
// the packed buffer from `offset` on as ((v * nk + k) * nj + j) * ni + i.
struct Segment {
  long long offset = 0;  // first element in the buffer
  long long rows = 0;  // first row (nvar * nk * nj rows of ni elements each) of all segments before
  int k0 = 0, j0 = 0, i0 = 0;
  int nk = 1, nj = 1, ni = 1;
};
using Segments = Kokkos::View<Segment*, MemSpace>;

}  // namespace

struct HaloExchange::Buffers {
  struct Neighbour {
    int rank = MPI_PROC_NULL;
    int send_tag = 0;
    int recv_tag = 0;
    int count = 0;         // doubles per message
    long long offset = 0;  // of its message in the packed buffers
  };
  std::vector<Neighbour> neighbours;
  Segments send_boxes, recv_boxes;  // interior cells sent / ghost cells filled, per neighbour
  long long elements = 0;           // doubles per direction per exchange
  long long rows = 0;               // contiguous rows of i in the packed buffers
  Buffer send, recv;
  // Host copies for the staged path: separate allocations even when `send`
  // and `recv` are host memory (create_mirror, not create_mirror_view), so
  // the staged path copies on every build and host-only tests exercise it.
  bool staged = false;
  Buffer::HostMirror send_host, recv_host;

  double* send_ptr(const Neighbour& n) const {
    return (staged ? send_host.data() : send.data()) + n.offset;
  }
  double* recv_ptr(const Neighbour& n) const {
    return (staged ? recv_host.data() : recv.data()) + n.offset;
  }
};

namespace {

// Well clear of anything else that might ever use the Cartesian communicator.
constexpr int kTagBase = 700;

// 0..26, unique per offset; offset_index(-o) == 26 - offset_index(o).
int offset_index(int ox, int oy, int oz) {
  return (oz + 1) * 9 + (oy + 1) * 3 + (ox + 1);
}

// Send and receive ranges along one direction for offset component o.
// Unused directions have g = 0 and n = 1, giving [0, 1) for o = 0.
void ranges(int o, int g, int n, int& s0, int& s1, int& r0, int& r1) {
  if (o < 0) {
    s0 = g, s1 = 2 * g, r0 = 0, r1 = g;
  } else if (o > 0) {
    s0 = n, s1 = n + g, r0 = n + g, r1 = n + 2 * g;
  } else {
    s0 = r0 = g, s1 = r1 = g + n;
  }
}

Segment segment_of(const Box& b, long long offset, long long rows) {
  Segment s;
  s.offset = offset;
  s.rows = rows;
  s.k0 = b.k0, s.j0 = b.j0, s.i0 = b.i0;
  s.nk = b.k1 - b.k0, s.nj = b.j1 - b.j0, s.ni = b.i1 - b.i0;
  return s;
}

// The segment holding position `x` of a sorted list of segment starts
// (rows or elements): a binary search over at most 26 entries.
template <bool ByRow>
KOKKOS_INLINE_FUNCTION int find_segment(const Segments& segs, long long x) {
  int lo = 0, hi = static_cast<int>(segs.extent(0)) - 1;
  while (lo < hi) {
    const int mid = (lo + hi + 1) / 2;
    const long long start = ByRow ? segs(mid).rows : segs(mid).offset;
    if (start <= x) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}

// Packing (ToBuffer) or unpacking every neighbour's region in one launch.
// Host backends take a contiguous row of i per iteration (vectorized);
// device backends one element per thread, consecutive threads on
// consecutive i.
template <bool ToBuffer>
void host_copy(const char* name, const FieldView& field, const Segments& segs, long long rows,
               const Buffer& buf) {
  Kokkos::parallel_for(
      name, Kokkos::RangePolicy<ExecSpace, Kokkos::IndexType<long long>>(0, rows),
      KOKKOS_LAMBDA(const long long r) {
        const Segment s = segs(find_segment<true>(segs, r));
        long long t = r - s.rows;
        const int j = static_cast<int>(t % s.nj);
        t /= s.nj;
        const int k = static_cast<int>(t % s.nk);
        const int v = static_cast<int>(t / s.nk);
        double* BOREAS_RESTRICT b = buf.data() + s.offset + (r - s.rows) * s.ni;
        double* BOREAS_RESTRICT f = &field(v, s.k0 + k, s.j0 + j, s.i0);
        BOREAS_SIMD
        for (int i = 0; i < s.ni; ++i) {
          if (ToBuffer) {
            b[i] = f[i];
          } else {
            f[i] = b[i];
          }
        }
      });
}

template <bool ToBuffer>
void device_copy(const char* name, const FieldView& field, const Segments& segs, long long elements,
                 const Buffer& buf) {
  Kokkos::parallel_for(
      name, Kokkos::RangePolicy<ExecSpace, Kokkos::IndexType<long long>>(0, elements),
      KOKKOS_LAMBDA(const long long e) {
        const Segment s = segs(find_segment<false>(segs, e));
        long long t = e - s.offset;
        const int i = static_cast<int>(t % s.ni);
        t /= s.ni;
        const int j = static_cast<int>(t % s.nj);
        t /= s.nj;
        const int k = static_cast<int>(t % s.nk);
        const int v = static_cast<int>(t / s.nk);
        if (ToBuffer) {
          buf(e) = field(v, s.k0 + k, s.j0 + j, s.i0 + i);
        } else {
          field(v, s.k0 + k, s.j0 + j, s.i0 + i) = buf(e);
        }
      });
}

template <bool ToBuffer>
void copy_all(const char* name, const FieldView& field, const Segments& segs, long long rows,
              long long elements, const Buffer& buf) {
  if (elements == 0) return;
  if constexpr (exec::kHostBackend) {
    host_copy<ToBuffer>(name, field, segs, rows, buf);
  } else {
    device_copy<ToBuffer>(name, field, segs, elements, buf);
  }
}

}  // namespace

bool mpi_is_gpu_aware() {
  // Open MPI's run-time answer; the compile-time macro only says the
  // library was built with the extension.
#if defined(KOKKOS_ENABLE_HIP) && defined(MPIX_ROCM_AWARE_SUPPORT)
  return MPIX_Query_rocm_support() == 1;
#elif defined(MPIX_CUDA_AWARE_SUPPORT)
  return MPIX_Query_cuda_support() == 1;
#else
  return false;
#endif
}

namespace {
// Set once by the driver before the app builds its exchanges; read on the
// host thread only, like everything else here (MPI_THREAD_FUNNELED).
std::optional<bool> g_gpu_aware_setting;
std::atomic<long long> g_direct_exchanges{0};
std::atomic<long long> g_staged_exchanges{0};
}  // namespace

std::string halo_path_name(HaloPath path) {
  return path == HaloPath::device_direct ? "device-direct" : "host-staged";
}

void set_gpu_aware_mpi_setting(std::optional<bool> setting) {
  g_gpu_aware_setting = setting;
}

std::optional<bool> gpu_aware_mpi_setting() {
  return g_gpu_aware_setting;
}

HaloPath default_halo_path() {
  if (g_gpu_aware_setting)
    return *g_gpu_aware_setting ? HaloPath::device_direct : HaloPath::host_staged;
  return exec::kHostBackend || mpi_is_gpu_aware() ? HaloPath::device_direct : HaloPath::host_staged;
}

std::string default_halo_path_reason() {
  if (g_gpu_aware_setting) {
    return std::string("parallel.gpu_aware_mpi = ") + (*g_gpu_aware_setting ? "true" : "false");
  }
  if (exec::kHostBackend)
    return "detected: fields are in host memory, MPI uses the pack buffers as they are";
  return mpi_is_gpu_aware() ? "detected: MPI is GPU-aware" : "detected: MPI is not GPU-aware";
}

HaloPathCounts halo_exchange_counts() {
  return HaloPathCounts{g_direct_exchanges.load(), g_staged_exchanges.load()};
}

HaloExchange::HaloExchange(const Mesh& mesh, int nvar)
    : HaloExchange(mesh, nvar, default_halo_path()) {}

HaloExchange::HaloExchange(const Mesh& mesh, int nvar, HaloPath path)
    : mesh_(mesh), nvar_(nvar), path_(path), buffers_(std::make_unique<Buffers>()) {
  if (nvar < 1) {
    throw RuntimeError("HaloExchange needs at least one variable (got " + std::to_string(nvar) +
                       ")");
  }
  Buffers& B = *buffers_;
  B.staged = path == HaloPath::host_staged;
  std::vector<Segment> sends, recvs;
  const int lim[3] = {mesh.dim() > 0 ? 1 : 0, mesh.dim() > 1 ? 1 : 0, mesh.dim() > 2 ? 1 : 0};
  for (int oz = -lim[2]; oz <= lim[2]; ++oz) {
    for (int oy = -lim[1]; oy <= lim[1]; ++oy) {
      for (int ox = -lim[0]; ox <= lim[0]; ++ox) {
        if (ox == 0 && oy == 0 && oz == 0) continue;
        const int rank = mesh.neighbour(ox, oy, oz);
        if (rank == MPI_PROC_NULL) continue;
        Buffers::Neighbour n;
        n.rank = rank;
        // A message travelling along o arrives from the receiver's -o side,
        // so tags name the direction of travel. This keeps messages apart
        // when one rank is the neighbour on several sides (or itself).
        n.send_tag = kTagBase + offset_index(ox, oy, oz);
        n.recv_tag = kTagBase + offset_index(-ox, -oy, -oz);
        Box s, r;
        ranges(ox, mesh.ghost(0), mesh.local_cells(0), s.i0, s.i1, r.i0, r.i1);
        ranges(oy, mesh.ghost(1), mesh.local_cells(1), s.j0, s.j1, r.j0, r.j1);
        ranges(oz, mesh.ghost(2), mesh.local_cells(2), s.k0, s.k1, r.k0, r.k1);
        n.count = static_cast<int>(nvar * s.size());
        n.offset = B.elements;
        sends.push_back(segment_of(s, B.elements, B.rows));
        recvs.push_back(segment_of(r, B.elements, B.rows));
        B.elements += n.count;
        B.rows += static_cast<long long>(nvar) * (s.k1 - s.k0) * (s.j1 - s.j0);
        B.neighbours.push_back(n);
      }
    }
  }
  auto to_device = [](const std::vector<Segment>& v, const char* label) {
    Segments d(Kokkos::view_alloc(Kokkos::WithoutInitializing, std::string(label)), v.size());
    auto h = Kokkos::create_mirror_view(d);
    for (size_t i = 0; i < v.size(); ++i) h(i) = v[i];
    Kokkos::deep_copy(d, h);
    return d;
  };
  B.send_boxes = to_device(sends, "halo_send_boxes");
  B.recv_boxes = to_device(recvs, "halo_recv_boxes");
  B.send = Buffer(Kokkos::view_alloc("halo_send", Kokkos::WithoutInitializing), B.elements);
  B.recv = Buffer(Kokkos::view_alloc("halo_recv", Kokkos::WithoutInitializing), B.elements);
  if (B.staged) {
    B.send_host = Kokkos::create_mirror(B.send);
    B.recv_host = Kokkos::create_mirror(B.recv);
  }
  requests_.reserve(2 * B.neighbours.size());
}

HaloExchange::~HaloExchange() {
  // Destroyed mid-exchange (an exception between start and finish): MPI must
  // stop touching the buffers before they are freed.
  for (auto& r : requests_) {
    if (r == MPI_REQUEST_NULL) continue;
    MPI_Cancel(&r);
    MPI_Request_free(&r);
  }
}

namespace {
void check_field(const Mesh& mesh, int nvar, const FieldView& f) {
  if (static_cast<int>(f.extent(0)) == nvar && static_cast<int>(f.extent(1)) == mesh.extent(2) &&
      static_cast<int>(f.extent(2)) == mesh.extent(1) &&
      static_cast<int>(f.extent(3)) == mesh.extent(0)) {
    return;
  }
  throw RuntimeError("halo exchange: field '" + f.label() + "' is " + std::to_string(f.extent(0)) +
                     " x " + std::to_string(f.extent(1)) + " x " + std::to_string(f.extent(2)) +
                     " x " + std::to_string(f.extent(3)) + " but the exchange expects " +
                     std::to_string(nvar) + " x " + std::to_string(mesh.extent(2)) + " x " +
                     std::to_string(mesh.extent(1)) + " x " + std::to_string(mesh.extent(0)));
}
}  // namespace

void HaloExchange::start(const FieldView& field) {
  if (in_flight_) throw RuntimeError("halo exchange: start() called again before finish()");
  check_field(mesh_, nvar_, field);
  const Buffers& B = *buffers_;
  const MPI_Comm comm = mesh_.cart_comm();
  requests_.clear();
  // Receives first, so early senders find a matching receive waiting.
  for (const auto& n : B.neighbours) {
    requests_.emplace_back();
    MPI_Irecv(B.recv_ptr(n), n.count, MPI_DOUBLE, n.rank, n.recv_tag, comm, &requests_.back());
  }
  copy_all<true>("halo_pack", field, B.send_boxes, B.rows, B.elements, B.send);
  if (B.staged) {
    // A blocking copy: the host buffer is complete before MPI sees it.
    Kokkos::deep_copy(B.send_host, B.send);
  } else {
    // MPI reads the buffers from the host side of the world; kernels must be done.
    fence();
  }
  for (const auto& n : B.neighbours) {
    requests_.emplace_back();
    MPI_Isend(B.send_ptr(n), n.count, MPI_DOUBLE, n.rank, n.send_tag, comm, &requests_.back());
  }
  in_flight_ = true;
  (path_ == HaloPath::device_direct ? g_direct_exchanges : g_staged_exchanges) += 1;
}

void HaloExchange::finish(const FieldView& field) {
  if (!in_flight_) throw RuntimeError("halo exchange: finish() called without start()");
  check_field(mesh_, nvar_, field);
  const Buffers& B = *buffers_;
  // Cleared first: if the wait throws, the requests are already cancelled
  // and freed, and this object may be destroyed or reused.
  in_flight_ = false;
  mesh_.context().wait_all(requests_);
  requests_.clear();
  if (B.staged) Kokkos::deep_copy(B.recv, B.recv_host);
  copy_all<false>("halo_unpack", field, B.recv_boxes, B.rows, B.elements, B.recv);
  // Callers may read the ghosts from the host, and the next start() refills
  // the receive buffers, so the unpacking must be complete here.
  fence();
}

long long HaloExchange::bytes_per_exchange() const {
  return buffers_->elements * static_cast<long long>(sizeof(double));
}

}  // namespace boreas
