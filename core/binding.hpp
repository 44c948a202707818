#pragma once
// Where this rank and its threads run: host, the CPU set the rank is bound
// to, the NUMA nodes that set touches, and the OpenMP placement variables.
#include <string>
#include <vector>

#include "core/context.hpp"
#include "core/json.hpp"

namespace boreas {

struct RankBinding {
  int rank = 0;
  std::string host;
  std::string cpuset;      // logical PU list, e.g. "0-1"
  std::string numa_nodes;  // e.g. "0"
  int pus_in_set = 0;
  int threads = 0;      // Kokkos concurrency of this rank
  int machine_pus = 0;  // PUs of the whole host (bound: pus_in_set < machine_pus)
  // The device this rank's Kokkos uses ("0", "1 (CUDA_VISIBLE_DEVICES=2,3)")
  // or "none" when Kokkos runs on the host only.
  std::string gpu = "none";
};

// This rank's device id as above.
std::string local_gpu_id();

RankBinding local_binding(const Context& ctx);
// Every rank's binding, gathered on rank 0 (other ranks get only their own).
std::vector<RankBinding> gather_bindings(const Context& ctx);
Json bindings_json(const std::vector<RankBinding>& b);
// Problems that cost speed: ranks on one host sharing PUs, threads not
// pinned (OMP_PROC_BIND unset/false with more than one thread), more
// threads than PUs (per rank and per host), a rank spread over several
// NUMA nodes. `proc_bind` is the value of OMP_PROC_BIND ("" if unset).
std::vector<std::string> binding_warnings(const std::vector<RankBinding>& b,
                                          const std::string& proc_bind);

}  // namespace boreas
