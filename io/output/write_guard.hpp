#pragma once
// Internal to io/output: what keeps a failed parallel write from hanging or
// crashing the run.
//
// Parallel HDF5 cannot recover from an I/O error in the middle of a
// collective write: the ranks leave its internal collectives at different
// points, and closing the file again (HDF5 does so from MPI_Finalize) hangs
// or crashes. So a write is guarded in three ways:
//   1. reserve_space: rank 0 allocates the whole file (fallocate) before
//      HDF5 opens it, so a full disk or a file-size limit is found with a
//      plain error before any collective HDF5 call;
//   2. WriteGuard::abandon: after a failure all ranks agreed on, no HDF5
//      handle is closed again, the temporary file is removed, and the driver
//      leaves without MPI_Finalize (Context::abandon_finalize);
//   3. the watchdog: if an I/O error was seen on this rank (MPI-IO error
//      handler or HDF5 error callback) and the write has not ended
//      kStuckSeconds later, the ranks are stuck in mismatched collectives;
//      the watchdog removes the temporary file and calls MPI_Abort.
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "core/context.hpp"
#include "core/error.hpp"

namespace boreas::io::detail {

// Seconds between the first I/O error on a rank and the abort, unless the
// write ends (successfully or with an agreed error) before.
inline constexpr double kStuckSeconds = 20.0;

// Rank 0 creates `path` and allocates `bytes` for it; every rank throws the
// same StateFileError (naming the path, the size and the OS reason) if that
// failed. File systems without fallocate skip the reservation.
// BOREAS_TEST_NO_RESERVE=1 skips it too, so tests reach the later guards.
void reserve_space(const Context& ctx, const std::string& path, std::uint64_t bytes);

// Records an I/O error seen on this rank while a guarded write runs.
void note_io_error(const std::string& what);

class WriteGuard {
 public:
  // `stuck_code`: the exit code MPI_Abort uses if the ranks get stuck.
  WriteGuard(const Context& ctx, std::string path, ExitCode stuck_code);
  ~WriteGuard();
  WriteGuard(const WriteGuard&) = delete;
  WriteGuard& operator=(const WriteGuard&) = delete;

  // Collective, after an agreed failure: see 2. above.
  void abandon();

 private:
  void watch();

  const Context& ctx_;
  std::string path_;
  ExitCode stuck_code_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

// While a state file is read: HDF5 may abort (SIGABRT) or loop forever on a
// damaged file's metadata, which no checksum can catch before HDF5 parses
// it. During the read a SIGABRT ends the process with exit 2 and a message
// naming the file, and a read that takes longer than 120 s + 1 s per 50 MB
// of the file does the same from a watchdog. Either way the file is refused
// like any other damaged file.
class ReadGuard {
 public:
  explicit ReadGuard(const std::string& path);
  ~ReadGuard();
  ReadGuard(const ReadGuard&) = delete;
  ReadGuard& operator=(const ReadGuard&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace boreas::io::detail
