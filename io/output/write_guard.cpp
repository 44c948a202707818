#include "io/output/write_guard.hpp"

#include <fcntl.h>
#include <mpi.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/log.hpp"
#include "core/timers.hpp"
#include "io/output/state_file.hpp"

namespace boreas::io::detail {
namespace {

std::atomic<bool> g_guarding{false};
std::atomic<double> g_error_time{-1.0};
std::mutex g_error_mutex;
std::string g_error_text;

std::string size_text(std::uint64_t bytes) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}

// MPI-IO reports errors through the file's error handler before the call
// returns them to HDF5: the earliest point a rank learns of a failed write.
extern "C" void on_mpi_file_error(MPI_File*, int* code, ...) {
  char text[MPI_MAX_ERROR_STRING] = {0};
  int len = 0;
  MPI_Error_string(*code, text, &len);
  note_io_error(std::string("MPI-IO: ") + std::string(text, static_cast<size_t>(len)));
}

void install_mpi_file_error_handler() {
  static bool installed = false;
  if (installed) return;
  installed = true;
  MPI_Errhandler handler;
  MPI_File_create_errhandler(on_mpi_file_error, &handler);
  // The handler of MPI_FILE_NULL is the one every file opened later gets.
  MPI_File_set_errhandler(MPI_FILE_NULL, handler);
}

}  // namespace

void note_io_error(const std::string& what) {
  if (!g_guarding.load()) return;
  std::lock_guard<std::mutex> lock(g_error_mutex);
  if (g_error_time.load() >= 0.0) return;
  g_error_text = what;
  g_error_time.store(wall_seconds());
}

void reserve_space(const Context& ctx, const std::string& path, std::uint64_t bytes) {
  std::string error;
  const char* skip = std::getenv("BOREAS_TEST_NO_RESERVE");
  if (ctx.is_root() && !(skip && std::string(skip) == "1")) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
      error = path + ": cannot create (" + std::strerror(errno) + ")";
    } else {
      int rc = ::fallocate(fd, 0, 0, static_cast<off_t>(bytes));
      const int err = rc == 0 ? 0 : errno;
      if (::close(fd) != 0 && rc == 0) rc = -1;
      if (rc != 0 && err != EOPNOTSUPP && err != ENOSYS) {
        error = path + ": cannot reserve " + size_text(bytes) + " for the file (" +
                std::strerror(err ? err : errno) + ")";
        ::unlink(path.c_str());
      }
    }
  }
  if (ctx.any(!error.empty())) {
    throw StateFileError(ctx.broadcast(error));
  }
}

WriteGuard::WriteGuard(const Context& ctx, std::string path, ExitCode stuck_code)
    : ctx_(ctx), path_(std::move(path)), stuck_code_(stuck_code) {
  install_mpi_file_error_handler();
  {
    std::lock_guard<std::mutex> lock(g_error_mutex);
    g_error_time.store(-1.0);
    g_error_text.clear();
  }
  g_guarding.store(true);
  thread_ = std::thread([this] { watch(); });
}

WriteGuard::~WriteGuard() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
  }
  cv_.notify_all();
  thread_.join();
  g_guarding.store(false);
}

void WriteGuard::watch() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!done_) {
    cv_.wait_for(lock, std::chrono::milliseconds(200));
    if (done_) return;
    const double t0 = g_error_time.load();
    if (t0 < 0.0 || wall_seconds() - t0 < kStuckSeconds) continue;
    std::string what;
    {
      std::lock_guard<std::mutex> elock(g_error_mutex);
      what = g_error_text;
    }
    ::unlink(path_.c_str());
    log::write_any_rank(path_ + ": " + what +
                        "; the ranks did not finish the write together within " +
                        std::to_string(static_cast<int>(kStuckSeconds)) +
                        " s, aborting the run (the file is removed; earlier files and "
                        "checkpoints/latest are untouched)");
    std::fflush(nullptr);
    MPI_Abort(MPI_COMM_WORLD, static_cast<int>(stuck_code_));
  }
}

void WriteGuard::abandon() {
  Context::abandon_finalize();
  if (ctx_.is_root()) ::unlink(path_.c_str());
}

namespace {

char g_read_message[1024];
std::size_t g_read_message_length = 0;
struct sigaction g_previous_abort;
int g_read_depth = 0;

extern "C" void on_abort_while_reading(int) {
  // Async-signal-safe: a prepared message, write(2) and _exit.
  ssize_t ignored = ::write(2, g_read_message, g_read_message_length);
  (void)ignored;
  ::_exit(static_cast<int>(ExitCode::bad_input));
}

void set_read_message(const std::string& text) {
  const std::string line = "boreas: error: " + text + "\n";
  g_read_message_length = std::min(line.size(), sizeof(g_read_message));
  std::memcpy(g_read_message, line.data(), g_read_message_length);
}

}  // namespace

ReadGuard::ReadGuard(const std::string& path) {
  if (g_read_depth++ == 0) {
    set_read_message(path + ": HDF5 aborted while reading it: the file is damaged; refused");
    struct sigaction sa {};
    sa.sa_handler = on_abort_while_reading;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGABRT, &sa, &g_previous_abort);
  }
  struct stat st {};
  const double bytes = ::stat(path.c_str(), &st) == 0 ? static_cast<double>(st.st_size) : 0.0;
  const double limit = 120.0 + bytes / 50e6;
  thread_ = std::thread([this, path, limit] {
    std::unique_lock<std::mutex> lock(mutex_);
    if (cv_.wait_for(lock, std::chrono::duration<double>(limit), [this] { return done_; })) return;
    log::write_any_rank(path + ": reading it took over " + std::to_string(static_cast<int>(limit)) +
                        " s; HDF5 loops on some damaged files: refused");
    std::fflush(nullptr);
    ::_exit(static_cast<int>(ExitCode::bad_input));
  });
}

ReadGuard::~ReadGuard() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
  }
  cv_.notify_all();
  thread_.join();
  if (--g_read_depth == 0) sigaction(SIGABRT, &g_previous_abort, nullptr);
}

}  // namespace boreas::io::detail
