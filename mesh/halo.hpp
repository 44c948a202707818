#pragma once
// Halo exchange over faces, edges and corners (up to 26 neighbours in 3D).
// Packing and unpacking run on the device; messages are non-blocking. Apps
// may update interior cells between start() and finish(). Periodic wrap
// (including a rank that is its own neighbour) goes through the same path.
//
// Buffers live in the field's memory space; when that space is not host
// accessible and MPI is not GPU-aware, they are staged through host mirrors.
#include <mpi.h>

#include <vector>

#include "core/exec.hpp"
#include "mesh/mesh.hpp"

namespace boreas {

class HaloExchange {
 public:
  // Prepares buffers for fields with `nvar` variables on this mesh.
  HaloExchange(const Mesh& mesh, int nvar);
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
  bool in_flight() const { return in_flight_; }
  // Total bytes sent per exchange by this rank (for the halo benchmark).
  long long bytes_per_exchange() const;

 private:
  struct Neighbour;  // one per offset direction: regions, buffers, rank
  const Mesh& mesh_;
  int nvar_;
  bool in_flight_ = false;
  std::vector<Neighbour*> neighbours_;
  std::vector<MPI_Request> requests_;
};

// True when MPI can read and write device memory directly.
bool mpi_is_gpu_aware();

}  // namespace boreas
