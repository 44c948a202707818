#include "bench/io_bench.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "core/error.hpp"
#include "core/exec.hpp"
#include "core/timers.hpp"
#include "io/fields.hpp"
#include "mesh/mesh.hpp"

namespace boreas::bench {
namespace {

constexpr int kN = 256;
constexpr int kVars = 5;
constexpr int kRepeats = 5;  // best of
constexpr const char* kDefaultFolder = "./boreas-bench-io";

// Distinct per rank, variable and cell, so a misplaced block cannot pass.
void fill(const Mesh& mesh, const FieldView& f, int rank) {
  const long long nx = mesh.global_cells(0), ny = mesh.global_cells(1);
  const int ox = mesh.offset(0) - 1, oy = mesh.offset(1) - 1, oz = mesh.offset(2) - 1;
  par_for(
      "bench_io_fill", kVars, mesh.interior(), KOKKOS_LAMBDA(int v, int k, int j, int i) {
        const long long gid = ((oz + k) * ny + (oy + j)) * nx + (ox + i);
        f(v, k, j, i) = rank + 0.1 * v + 1e-9 * static_cast<double>(gid);
      });
}

long long count_differences(const Mesh& mesh, const FieldView& a, const FieldView& b) {
  long long bad = 0;
  for (int v = 0; v < kVars; ++v) {
    long long n = 0;
    par_reduce(
        "bench_io_compare", mesh.interior(),
        KOKKOS_LAMBDA(int k, int j, int i, long long& acc) {
          if (a(v, k, j, i) != b(v, k, j, i)) ++acc;
        },
        Kokkos::Sum<long long>(n));
    bad += n;
  }
  return bad;
}

// Rank 0 alone: one file of `bytes` in 64 MiB write() calls, then fsync.
// Returns seconds, or throws naming the failure.
double raw_write_seconds(const std::string& path, long long bytes) {
  const size_t chunk = 64u << 20;
  std::vector<double> block(chunk / sizeof(double));
  for (size_t n = 0; n < block.size(); ++n) block[n] = 1.0 + 1e-9 * static_cast<double>(n);
  const char* data = reinterpret_cast<const char*>(block.data());
  const double t0 = wall_seconds();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) throw RuntimeError(path + ": cannot create (" + std::strerror(errno) + ")");
  long long left = bytes;
  while (left > 0) {
    const size_t want = static_cast<size_t>(std::min<long long>(left, chunk));
    const ssize_t wrote = ::write(fd, data, want);
    if (wrote <= 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      throw RuntimeError(path + ": write failed (" + why + ")");
    }
    left -= wrote;
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) throw RuntimeError(path + ": fsync failed (" + std::strerror(errno) + ")");
  return wall_seconds() - t0;
}

// Rank 0 creates the folder; every rank learns whether that worked.
bool prepare_folder(const Context& ctx, const std::string& folder) {
  std::string error;
  bool created = false;
  if (ctx.is_root()) {
    std::error_code ec;
    created = std::filesystem::create_directories(folder, ec);
    if (ec) error = "bench io: cannot create folder " + folder + " (" + ec.message() + ")";
  }
  error = ctx.broadcast(error);
  if (!error.empty()) throw RuntimeError(error);
  return created;
}

void clean_up(const Context& ctx, const std::string& folder, bool remove_folder,
              const std::vector<std::string>& files) {
  if (!ctx.is_root()) return;
  std::error_code ec;
  for (const auto& f : files) std::filesystem::remove(f, ec);
  if (remove_folder) std::filesystem::remove_all(folder, ec);
}

}  // namespace

Json io_benchmark(const Context& ctx, const std::string& folder_arg) {
  const std::string folder = folder_arg.empty() ? kDefaultFolder : folder_arg;
  const bool created = prepare_folder(ctx, folder);
  const std::string tmp = folder + "/bench.h5.tmp", final_path = folder + "/bench.h5";
  const std::string raw = folder + "/raw.bin";
  const std::vector<std::string> files{tmp, final_path, raw};

  MeshSpec spec;
  spec.dim = 3;
  spec.cells = {kN, kN, kN};
  spec.periodic = {true, true, true};
  spec.ghost = 1;
  const long long bytes = static_cast<long long>(kVars) * kN * kN * kN * 8;
  double write_s = 1e300, read_s = 1e300, raw_s = 1e300;
  long long differences = 0;
  try {
    Mesh mesh(ctx, spec);
    FieldView written = mesh.make_field("bench_io_written", kVars);
    FieldView read = mesh.make_field("bench_io_read", kVars);
    fill(mesh, written, ctx.rank());
    std::vector<NamedVariable> out, in;
    for (int v = 0; v < kVars; ++v) {
      out.push_back({"v" + std::to_string(v), written, v});
      in.push_back({"v" + std::to_string(v), read, v});
    }
    io::StateHeader header;
    header.app = "bench";
    header.deck = "# boreas bench io\n";
    // Checkpoint and raw writes alternate so both see the same disk state.
    for (int r = 0; r < kRepeats; ++r) {
      ctx.barrier();
      const double t0 = wall_seconds();
      io::write_state_file(mesh, tmp, header, out);
      io::commit_file(ctx, tmp, final_path);  // includes fsync
      write_s = std::min(write_s, ctx.max(wall_seconds() - t0));
      std::string error;
      double s = 0.0;
      if (ctx.is_root()) {
        try {
          s = raw_write_seconds(raw, bytes);
        } catch (const RuntimeError& e) {
          error = e.what();
        }
      }
      error = ctx.broadcast(error);
      if (!error.empty()) throw RuntimeError(error);
      raw_s = std::min(raw_s, ctx.max(s));
    }
    for (int r = 0; r < kRepeats; ++r) {
      ctx.barrier();
      const double t0 = wall_seconds();
      io::read_state_fields(mesh, final_path, in);  // verifies checksums
      read_s = std::min(read_s, ctx.max(wall_seconds() - t0));
    }
    differences = ctx.sum(count_differences(mesh, written, read));
  } catch (...) {
    clean_up(ctx, folder, created, files);
    throw;
  }
  clean_up(ctx, folder, created, files);

  const double gb = static_cast<double>(bytes) / 1e9;
  return Json::object()
      .set("benchmark", Json::string("io"))
      .set("cells", Json::integer(static_cast<long long>(kN) * kN * kN))
      .set("variables", Json::integer(kVars))
      .set("bytes", Json::integer(bytes))
      .set("ranks", Json::integer(ctx.size()))
      .set("folder", Json::string(folder))
      .set("repetitions", Json::integer(kRepeats))
      .set("checkpoint_write_s", Json::number(write_s))
      .set("checkpoint_read_s", Json::number(read_s))
      .set("raw_write_s", Json::number(raw_s))
      .set("checkpoint_write_GBps", Json::number(gb / write_s))
      .set("checkpoint_read_GBps", Json::number(gb / read_s))
      .set("raw_write_GBps", Json::number(gb / raw_s))
      .set("write_fraction_of_raw", Json::number(raw_s / write_s))
      .set("read_matches_written", Json::boolean(differences == 0))
      .set("notes",
           Json::string("best of 5; writes include fsync (commit_file for the checkpoint); "
                        "the read follows the write of the same file, so it is served largely "
                        "from the page cache and overstates the disk's read bandwidth"));
}

}  // namespace boreas::bench
