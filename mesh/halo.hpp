#pragma once
// Halo exchange over faces, edges and corners (up to 26 neighbours in 3D).
// Packing and unpacking run on the device, one kernel launch each for all
// neighbours together; messages are non-blocking, one per neighbour. Apps
// may update interior cells between start() and finish(). Periodic wrap
// (including a rank that is its own neighbour) goes through the same path.
//
// Pack buffers live in the field's memory space. How they reach MPI is the
// halo path (see HaloPath): handed to MPI as they are, or copied to host
// buffers first. The process-wide default follows parallel.gpu_aware_mpi.
#include <mpi.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/exec.hpp"
#include "mesh/mesh.hpp"

namespace boreas {

enum class HaloPath {
  // MPI reads and writes the pack buffers in the field's memory space (device
  // memory on a GPU build: needs a GPU-aware MPI).
  device_direct,
  // Pack buffers are copied to separate host buffers, MPI works on those,
  // and received data is copied back before unpacking: what a device build
  // needs when MPI cannot touch device memory.
  host_staged,
};
// "device-direct" or "host-staged".
std::string halo_path_name(HaloPath path);

class HaloExchange {
 public:
  // Prepares buffers for fields with `nvar` variables on this mesh, on the
  // process-wide default path (default_halo_path()).
  HaloExchange(const Mesh& mesh, int nvar);
  // The same on a chosen path (tests and benchmarks compare the two).
  HaloExchange(const Mesh& mesh, int nvar, HaloPath path);
  ~HaloExchange();
  HaloExchange(const HaloExchange&) = delete;
  HaloExchange& operator=(const HaloExchange&) = delete;

  void start(const FieldView& field);   // pack, post receives and sends
  void finish(const FieldView& field);  // wait (noticing failures elsewhere), unpack
  void exchange(const FieldView& field) {
    start(field);
    finish(field);
  }
  int nvar() const { return nvar_; }
  HaloPath path() const { return path_; }
  bool in_flight() const { return in_flight_; }
  // Total bytes sent per exchange by this rank (for the halo benchmark).
  long long bytes_per_exchange() const;

 private:
  struct Buffers;  // the boxes of every neighbour and the packed messages
  const Mesh& mesh_;
  int nvar_;
  HaloPath path_;
  bool in_flight_ = false;
  std::unique_ptr<Buffers> buffers_;
  std::vector<MPI_Request> requests_;
};

// True when the MPI library says at run time that it can read and write
// device memory (Open MPI's MPIX_Query_cuda_support / _rocm_support); false
// for libraries that cannot tell (they need parallel.gpu_aware_mpi = true).
bool mpi_is_gpu_aware();

// parallel.gpu_aware_mpi for this process: nullopt = detect (the default),
// true = hand device buffers to MPI, false = stage through host. The driver
// sets it from the deck before any HaloExchange is built.
void set_gpu_aware_mpi_setting(std::optional<bool> setting);
std::optional<bool> gpu_aware_mpi_setting();
// The path a HaloExchange(mesh, nvar) takes under the current setting:
// device-direct when forced true, host-staged when forced false; when
// detecting, device-direct if the field memory is host memory (nothing to
// stage) or MPI is GPU-aware, host-staged otherwise.
HaloPath default_halo_path();
// Why default_halo_path() chose its path, for logs and `boreas info`.
std::string default_halo_path_reason();

// Exchanges (start() calls) this process has made on each path, so runs can
// report which path their halos really took.
struct HaloPathCounts {
  long long device_direct = 0;
  long long host_staged = 0;
};
HaloPathCounts halo_exchange_counts();

}  // namespace boreas
