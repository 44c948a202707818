#include "core/binding.hpp"

#include <fmt/format.h>
#include <hwloc.h>
#include <unistd.h>

#include <Kokkos_Core.hpp>
#include <cstdlib>
#include <map>

namespace boreas {
namespace {

std::string bitmap_list(hwloc_const_bitmap_t set) {
  char* s = nullptr;
  hwloc_bitmap_list_asprintf(&s, set);
  std::string out = s ? s : "";
  std::free(s);
  return out;
}

// Tabs separate the gathered fields; an environment value must not add one.
[[maybe_unused]] std::string no_tabs(std::string s) {
  for (char& c : s) {
    if (c == '\t' || c == '\n') c = ' ';
  }
  return s;
}

}  // namespace

std::string local_gpu_id() {
#if defined(KOKKOS_ENABLE_CUDA) || defined(KOKKOS_ENABLE_HIP) || defined(KOKKOS_ENABLE_SYCL)
#if KOKKOS_VERSION >= 40100
  const int id = Kokkos::device_id();  // since Kokkos 4.1
#elif defined(KOKKOS_ENABLE_CUDA)
  const int id = Kokkos::Cuda().cuda_device();
#elif defined(KOKKOS_ENABLE_HIP)
  const int id = Kokkos::Experimental::HIP().hip_device();
#else
  const int id = -1;
#endif
  std::string s = id >= 0 ? std::to_string(id) : "unknown";
  // The id counts visible devices only; the mask tells which physical GPU it is.
  for (const char* mask : {"CUDA_VISIBLE_DEVICES", "ROCR_VISIBLE_DEVICES", "HIP_VISIBLE_DEVICES",
                           "KOKKOS_VISIBLE_DEVICES"}) {
    if (const char* v = std::getenv(mask)) s += fmt::format(" ({}={})", mask, v);
  }
  return no_tabs(s);
#else
  return "none";
#endif
}

RankBinding local_binding(const Context& ctx) {
  RankBinding b;
  b.rank = ctx.rank();
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  b.host = host;
  b.threads = ctx.threads();
  b.gpu = local_gpu_id();
  hwloc_topology_t topo;
  if (hwloc_topology_init(&topo) != 0) return b;
  if (hwloc_topology_load(topo) == 0) {
    hwloc_bitmap_t cpus = hwloc_bitmap_alloc();
    if (hwloc_get_cpubind(topo, cpus, HWLOC_CPUBIND_PROCESS) == 0) {
      b.cpuset = bitmap_list(cpus);
      b.pus_in_set = hwloc_bitmap_weight(cpus);
      hwloc_bitmap_t nodes = hwloc_bitmap_alloc();
      hwloc_cpuset_to_nodeset(topo, cpus, nodes);
      b.numa_nodes = bitmap_list(nodes);
      hwloc_bitmap_free(nodes);
    }
    b.machine_pus = hwloc_bitmap_weight(hwloc_topology_get_topology_cpuset(topo));
    hwloc_bitmap_free(cpus);
  }
  hwloc_topology_destroy(topo);
  return b;
}

std::vector<RankBinding> gather_bindings(const Context& ctx) {
  RankBinding mine = local_binding(ctx);
  // Serialize as one line per rank: fields separated by '\t'.
  std::string line = std::to_string(mine.rank) + "\t" + mine.host + "\t" + mine.cpuset + "\t" +
                     mine.numa_nodes + "\t" + std::to_string(mine.pus_in_set) + "\t" +
                     std::to_string(mine.threads) + "\t" + std::to_string(mine.machine_pus) + "\t" +
                     mine.gpu;
  int len = static_cast<int>(line.size());
  std::vector<int> lens(static_cast<size_t>(ctx.size())), displs(lens.size());
  MPI_Gather(&len, 1, MPI_INT, lens.data(), 1, MPI_INT, 0, ctx.comm());
  std::string all;
  if (ctx.is_root()) {
    int total = 0;
    for (size_t r = 0; r < lens.size(); ++r) {
      displs[r] = total;
      total += lens[r];
    }
    all.resize(static_cast<size_t>(total));
  }
  MPI_Gatherv(line.data(), len, MPI_CHAR, all.data(), lens.data(), displs.data(), MPI_CHAR, 0,
              ctx.comm());
  if (!ctx.is_root()) return {mine};
  std::vector<RankBinding> out;
  for (size_t r = 0; r < lens.size(); ++r) {
    std::string l = all.substr(static_cast<size_t>(displs[r]), static_cast<size_t>(lens[r]));
    std::vector<std::string> f;
    size_t pos = 0;
    while (true) {
      size_t t = l.find('\t', pos);
      f.push_back(l.substr(pos, t == std::string::npos ? std::string::npos : t - pos));
      if (t == std::string::npos) break;
      pos = t + 1;
    }
    RankBinding b;
    b.rank = std::atoi(f[0].c_str());
    b.host = f[1];
    b.cpuset = f[2];
    b.numa_nodes = f[3];
    b.pus_in_set = std::atoi(f[4].c_str());
    b.threads = std::atoi(f[5].c_str());
    b.machine_pus = f.size() > 6 ? std::atoi(f[6].c_str()) : 0;
    b.gpu = f.size() > 7 ? f[7] : "none";
    out.push_back(b);
  }
  return out;
}

Json bindings_json(const std::vector<RankBinding>& bs) {
  Json arr = Json::array();
  for (const auto& b : bs) {
    arr.push(Json::object()
                 .set("rank", Json::integer(b.rank))
                 .set("host", Json::string(b.host))
                 .set("cpuset", Json::string(b.cpuset))
                 .set("pus", Json::integer(b.pus_in_set))
                 .set("numa_nodes", Json::string(b.numa_nodes))
                 .set("threads", Json::integer(b.threads))
                 .set("gpu", Json::string(b.gpu))
                 .set("bound", Json::boolean(b.machine_pus > 0 && b.pus_in_set < b.machine_pus)));
  }
  return arr;
}

std::vector<std::string> binding_warnings(const std::vector<RankBinding>& bs,
                                          const std::string& proc_bind) {
  std::vector<std::string> w;
  std::map<std::string, std::vector<const RankBinding*>> by_host;
  for (const auto& b : bs) by_host[b.host].push_back(&b);
  for (const auto& [host, ranks] : by_host) {
    int threads = 0;
    for (size_t i = 0; i < ranks.size(); ++i) {
      threads += ranks[i]->threads;
      hwloc_bitmap_t a = hwloc_bitmap_alloc();
      hwloc_bitmap_list_sscanf(a, ranks[i]->cpuset.c_str());
      for (size_t j = i + 1; j < ranks.size(); ++j) {
        hwloc_bitmap_t c = hwloc_bitmap_alloc();
        hwloc_bitmap_list_sscanf(c, ranks[j]->cpuset.c_str());
        if (hwloc_bitmap_intersects(a, c)) {
          w.push_back(fmt::format(
              "ranks {} and {} on {} share cores (cpusets {} and {}): bind ranks, "
              "e.g. mpirun --bind-to core or srun --cpu-bind=cores",
              ranks[i]->rank, ranks[j]->rank, host, ranks[i]->cpuset, ranks[j]->cpuset));
        }
        hwloc_bitmap_free(c);
      }
      hwloc_bitmap_free(a);
    }
    const int pus = ranks.front()->machine_pus;
    if (pus > 0 && threads > pus) {
      w.push_back(
          fmt::format("{} runs {} threads on {} cores (oversubscribed)", host, threads, pus));
    }
  }
  const bool pinned = !proc_bind.empty() && proc_bind != "false" && proc_bind != "FALSE";
  for (const auto& b : bs) {
    if (b.threads > b.pus_in_set && b.pus_in_set > 0) {
      w.push_back(fmt::format("rank {} runs {} threads on {} cores ({})", b.rank, b.threads,
                              b.pus_in_set, b.cpuset));
    }
    if (b.threads > 1 && !pinned) {
      w.push_back(
          fmt::format("rank {}: {} OpenMP threads are not bound (OMP_PROC_BIND={}); set "
                      "OMP_PROC_BIND=close OMP_PLACES=cores",
                      b.rank, b.threads, proc_bind.empty() ? "unset" : proc_bind));
    }
    if (b.numa_nodes.find_first_of(",-") != std::string::npos) {
      w.push_back(fmt::format("rank {} spans NUMA nodes {}: bind each rank within one NUMA domain",
                              b.rank, b.numa_nodes));
    }
  }
  return w;
}

}  // namespace boreas
