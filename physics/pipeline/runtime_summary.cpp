#include "physics/pipeline/runtime_summary.hpp"

#include <fmt/format.h>

#include <Kokkos_Core.hpp>
#include <cstdlib>

#include "core/version.hpp"
#include "io/output/hdf5_info.hpp"
#include "mesh/halo.hpp"
#include "solvers/factory.hpp"

namespace boreas::pipeline {
namespace {

std::string mpi_library_version() {
  char v[MPI_MAX_LIBRARY_VERSION_STRING] = {0};
  int len = 0;
  MPI_Get_library_version(v, &len);
  std::string mpi(v, static_cast<size_t>(len));
  if (auto nl = mpi.find_first_of("\n,"); nl != std::string::npos) mpi = mpi.substr(0, nl);
  return mpi;
}

std::string kokkos_version() {
  return fmt::format("{}.{}.{}", KOKKOS_VERSION / 10000, KOKKOS_VERSION / 100 % 100,
                     KOKKOS_VERSION % 100);
}

std::string kokkos_backends() {
  std::vector<std::string> b;
#ifdef KOKKOS_ENABLE_SERIAL
  b.push_back("Serial");
#endif
#ifdef KOKKOS_ENABLE_OPENMP
  b.push_back("OpenMP");
#endif
#ifdef KOKKOS_ENABLE_THREADS
  b.push_back("Threads");
#endif
#ifdef KOKKOS_ENABLE_CUDA
  b.push_back("Cuda");
#endif
#ifdef KOKKOS_ENABLE_HIP
  b.push_back("HIP");
#endif
#ifdef KOKKOS_ENABLE_SYCL
  b.push_back("SYCL");
#endif
  return fmt::format("{}", fmt::join(b, ", "));
}

// "3.18.5", or "none (-DBOREAS_PETSC=OFF)".
std::string petsc_text() {
  return linear::petsc_available() ? linear::petsc_version() : "none (-DBOREAS_PETSC=OFF)";
}

std::string gpu_aware_setting_name() {
  const auto s = gpu_aware_mpi_setting();
  return s ? (*s ? "true" : "false") : "auto";
}

}  // namespace

std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v ? v : fallback;
}

RuntimeSummary gather_runtime_summary(const Context& ctx) {
  RuntimeSummary s;
  s.bindings = gather_bindings(ctx);
  if (!ctx.is_root()) return s;
  s.warnings = binding_warnings(s.bindings, env_or("OMP_PROC_BIND", ""));
  if (!exec::kHostBackend && gpu_aware_mpi_setting().value_or(false) && !mpi_is_gpu_aware()) {
    s.warnings.push_back(
        "parallel.gpu_aware_mpi = true but this MPI does not report GPU support: if it cannot read "
        "device memory the first halo exchange crashes (set false to stage through host)");
  }
  return s;
}

Json halo_exchange_counts_json() {
  const HaloPathCounts c = halo_exchange_counts();
  return Json::object()
      .set(halo_path_name(HaloPath::device_direct), Json::integer(c.device_direct))
      .set(halo_path_name(HaloPath::host_staged), Json::integer(c.host_staged));
}

Json runtime_summary_json(const Context& ctx, const RuntimeSummary& s) {
  Json w = Json::array();
  for (const auto& x : s.warnings) w.push(Json::string(x));
  return Json::object()
      .set("boreas_version", Json::string(BOREAS_VERSION_STRING))
      .set("git", Json::string(BOREAS_GIT_DESCRIBE))
      .set("kokkos_version", Json::string(kokkos_version()))
      .set("kokkos_backends", Json::string(kokkos_backends()))
      .set("backend", Json::string(ctx.backend()))
      .set("threads_per_rank", Json::integer(ctx.threads()))
      .set("mpi_library", Json::string(mpi_library_version()))
      .set("gpu_aware_mpi", Json::boolean(mpi_is_gpu_aware()))
      .set("gpu_aware_mpi_setting", Json::string(gpu_aware_setting_name()))
      .set("halo_path", Json::string(halo_path_name(default_halo_path())))
      .set("halo_path_reason", Json::string(default_halo_path_reason()))
      .set("hdf5_version", Json::string(io::hdf5_version()))
      .set("hdf5_parallel", Json::boolean(io::hdf5_is_parallel()))
      .set("petsc_version",
           linear::petsc_available() ? Json::string(linear::petsc_version()) : Json::null())
      .set("ranks", Json::integer(ctx.size()))
      .set("omp_proc_bind", Json::string(env_or("OMP_PROC_BIND", "")))
      .set("omp_places", Json::string(env_or("OMP_PLACES", "")))
      .set("bindings", bindings_json(s.bindings))
      .set("warnings", w);
}

std::vector<std::string> runtime_summary_lines(const Context& ctx, const RuntimeSummary& s) {
  std::vector<std::string> l;
  l.push_back(fmt::format("boreas {} ({})", BOREAS_VERSION_STRING, BOREAS_GIT_DESCRIBE));
  l.push_back(fmt::format("Kokkos {} (backends: {}), running {}, {} threads per rank",
                          kokkos_version(), kokkos_backends(), ctx.backend(), ctx.threads()));
  l.push_back(fmt::format("MPI: {}, {} ranks, GPU-aware MPI detected: {}", mpi_library_version(),
                          ctx.size(), mpi_is_gpu_aware() ? "yes" : "no"));
  l.push_back(fmt::format("halo path: {} ({})", halo_path_name(default_halo_path()),
                          default_halo_path_reason()));
  l.push_back(fmt::format("HDF5 {}, parallel: {}", io::hdf5_version(),
                          io::hdf5_is_parallel() ? "yes" : "no"));
  l.push_back(fmt::format("PETSc {}", petsc_text()));
  l.push_back(fmt::format("OMP_PROC_BIND={} OMP_PLACES={}", env_or("OMP_PROC_BIND", "(unset)"),
                          env_or("OMP_PLACES", "(unset)")));
  l.push_back(fmt::format("{:<5} {:<20} {:<12} {:<5} {:<6} {:<7} {}", "rank", "host", "cores", "n",
                          "numa", "threads", "gpu"));
  for (const auto& b : s.bindings) {
    l.push_back(fmt::format("{:<5} {:<20} {:<12} {:<5} {:<6} {:<7} {}", b.rank, b.host, b.cpuset,
                            b.pus_in_set, b.numa_nodes, b.threads, b.gpu));
  }
  for (const auto& w : s.warnings) l.push_back("warning: " + w);
  return l;
}

}  // namespace boreas::pipeline
