#include "mesh/halo.hpp"

#if __has_include(<mpi-ext.h>)
#include <mpi-ext.h>
#endif

#include <atomic>
#include <string>

#include "core/error.hpp"

namespace boreas {

using Buffer = Kokkos::View<double*, MemSpace>;

struct HaloExchange::Neighbour {
  int rank = MPI_PROC_NULL;
  int send_tag = 0;
  int recv_tag = 0;
  int count = 0;  // doubles per message
  Box send_box;   // interior cells next to the face/edge/corner
  Box recv_box;   // the matching ghost cells
  bool staged = false;
  Buffer send, recv;
  // Host copies for the staged path: separate allocations even when `send`
  // and `recv` are host memory (create_mirror, not create_mirror_view), so
  // the staged path copies on every build and host-only tests exercise it.
  Buffer::HostMirror send_host, recv_host;

  double* send_ptr() const { return staged ? send_host.data() : send.data(); }
  double* recv_ptr() const { return staged ? recv_host.data() : recv.data(); }
};

namespace {

// Well clear of anything else that might ever use the Cartesian communicator.
constexpr int kTagBase = 700;

// 0..26, unique per offset; offset_index(-o) == 26 - offset_index(o).
int offset_index(int ox, int oy, int oz) { return (oz + 1) * 9 + (oy + 1) * 3 + (ox + 1); }

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

void pack(const FieldView& field, int nvar, const Box& box, const Buffer& buf) {
  const int nk = box.k1 - box.k0, nj = box.j1 - box.j0, ni = box.i1 - box.i0;
  const int k0 = box.k0, j0 = box.j0, i0 = box.i0;
  par_for("halo_pack", nvar, box, KOKKOS_LAMBDA(const int v, const int k, const int j, const int i) {
    buf(((v * nk + (k - k0)) * nj + (j - j0)) * ni + (i - i0)) = field(v, k, j, i);
  });
}

void unpack(const FieldView& field, int nvar, const Box& box, const Buffer& buf) {
  const int nk = box.k1 - box.k0, nj = box.j1 - box.j0, ni = box.i1 - box.i0;
  const int k0 = box.k0, j0 = box.j0, i0 = box.i0;
  par_for("halo_unpack", nvar, box,
          KOKKOS_LAMBDA(const int v, const int k, const int j, const int i) {
            field(v, k, j, i) = buf(((v * nk + (k - k0)) * nj + (j - j0)) * ni + (i - i0));
          });
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
    : mesh_(mesh), nvar_(nvar), path_(path) {
  if (nvar < 1) {
    throw RuntimeError("HaloExchange needs at least one variable (got " + std::to_string(nvar) +
                       ")");
  }
  const bool staged = path == HaloPath::host_staged;
  const int lim[3] = {mesh.dim() > 0 ? 1 : 0, mesh.dim() > 1 ? 1 : 0, mesh.dim() > 2 ? 1 : 0};
  for (int oz = -lim[2]; oz <= lim[2]; ++oz) {
    for (int oy = -lim[1]; oy <= lim[1]; ++oy) {
      for (int ox = -lim[0]; ox <= lim[0]; ++ox) {
        if (ox == 0 && oy == 0 && oz == 0) continue;
        const int rank = mesh.neighbour(ox, oy, oz);
        if (rank == MPI_PROC_NULL) continue;
        auto* n = new Neighbour;
        neighbours_.push_back(n);
        n->rank = rank;
        // A message travelling along o arrives from the receiver's -o side,
        // so tags name the direction of travel. This keeps messages apart
        // when one rank is the neighbour on several sides (or itself).
        n->send_tag = kTagBase + offset_index(ox, oy, oz);
        n->recv_tag = kTagBase + offset_index(-ox, -oy, -oz);
        Box& s = n->send_box;
        Box& r = n->recv_box;
        ranges(ox, mesh.ghost(0), mesh.local_cells(0), s.i0, s.i1, r.i0, r.i1);
        ranges(oy, mesh.ghost(1), mesh.local_cells(1), s.j0, s.j1, r.j0, r.j1);
        ranges(oz, mesh.ghost(2), mesh.local_cells(2), s.k0, s.k1, r.k0, r.k1);
        n->count = static_cast<int>(nvar * s.size());
        n->staged = staged;
        const std::string tag = std::to_string(offset_index(ox, oy, oz));
        n->send = Buffer(Kokkos::view_alloc("halo_send_" + tag, Kokkos::WithoutInitializing),
                         n->count);
        n->recv = Buffer(Kokkos::view_alloc("halo_recv_" + tag, Kokkos::WithoutInitializing),
                         n->count);
        if (staged) {
          n->send_host = Kokkos::create_mirror(n->send);
          n->recv_host = Kokkos::create_mirror(n->recv);
        }
      }
    }
  }
  requests_.reserve(2 * neighbours_.size());
}

HaloExchange::~HaloExchange() {
  // Destroyed mid-exchange (an exception between start and finish): MPI must
  // stop touching the buffers before they are freed.
  for (auto& r : requests_) {
    if (r == MPI_REQUEST_NULL) continue;
    MPI_Cancel(&r);
    MPI_Request_free(&r);
  }
  for (auto* n : neighbours_) delete n;
}

namespace {
void check_field(const Mesh& mesh, int nvar, const FieldView& f) {
  if (static_cast<int>(f.extent(0)) == nvar && static_cast<int>(f.extent(1)) == mesh.extent(2) &&
      static_cast<int>(f.extent(2)) == mesh.extent(1) &&
      static_cast<int>(f.extent(3)) == mesh.extent(0)) {
    return;
  }
  throw RuntimeError("halo exchange: field '" + f.label() + "' is " +
                     std::to_string(f.extent(0)) + " x " + std::to_string(f.extent(1)) + " x " +
                     std::to_string(f.extent(2)) + " x " + std::to_string(f.extent(3)) +
                     " but the exchange expects " + std::to_string(nvar) + " x " +
                     std::to_string(mesh.extent(2)) + " x " + std::to_string(mesh.extent(1)) +
                     " x " + std::to_string(mesh.extent(0)));
}
}  // namespace

void HaloExchange::start(const FieldView& field) {
  if (in_flight_) throw RuntimeError("halo exchange: start() called again before finish()");
  check_field(mesh_, nvar_, field);
  const MPI_Comm comm = mesh_.cart_comm();
  requests_.clear();
  // Receives first, so early senders find a matching receive waiting.
  for (auto* n : neighbours_) {
    requests_.emplace_back();
    MPI_Irecv(n->recv_ptr(), n->count, MPI_DOUBLE, n->rank, n->recv_tag, comm, &requests_.back());
  }
  for (auto* n : neighbours_) pack(field, nvar_, n->send_box, n->send);
  // MPI reads the buffers from the host side of the world; kernels must be done.
  fence();
  for (auto* n : neighbours_) {
    // A blocking copy: the host buffer is complete before MPI sees it.
    if (n->staged) Kokkos::deep_copy(n->send_host, n->send);
    requests_.emplace_back();
    MPI_Isend(n->send_ptr(), n->count, MPI_DOUBLE, n->rank, n->send_tag, comm, &requests_.back());
  }
  in_flight_ = true;
  (path_ == HaloPath::device_direct ? g_direct_exchanges : g_staged_exchanges) += 1;
}

void HaloExchange::finish(const FieldView& field) {
  if (!in_flight_) throw RuntimeError("halo exchange: finish() called without start()");
  check_field(mesh_, nvar_, field);
  // Cleared first: if the wait throws, the requests are already cancelled
  // and freed, and this object may be destroyed or reused.
  in_flight_ = false;
  mesh_.context().wait_all(requests_);
  requests_.clear();
  for (auto* n : neighbours_) {
    if (n->staged) Kokkos::deep_copy(n->recv, n->recv_host);
    unpack(field, nvar_, n->recv_box, n->recv);
  }
  // Callers may read the ghosts from the host, and the next start() refills
  // the receive buffers, so the unpacking must be complete here.
  fence();
}

long long HaloExchange::bytes_per_exchange() const {
  long long bytes = 0;
  for (const auto* n : neighbours_) bytes += static_cast<long long>(n->count) * sizeof(double);
  return bytes;
}

}  // namespace boreas
