#include "physics/pipeline/run_output.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/log.hpp"

namespace boreas::pipeline {

namespace fs = std::filesystem;

RunOutput::RunOutput(const Context& ctx, std::string dir, bool append)
    : ctx_(ctx), dir_(std::move(dir)), append_(append) {
  make_directories(ctx_, dir_, "output folder");
  lock_folder();  // before anything in the folder is touched
  if (ctx_.is_root() && !append_) std::remove(path("log.txt").c_str());
  // A previous run's verdict must not outlive this run's start.
  if (ctx_.is_root()) std::remove(path("exit_status").c_str());
  log::tee_to(path("log.txt"));
}

RunOutput::~RunOutput() {
  log::tee_to("");
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

void RunOutput::lock_folder() {
  std::string error;
  if (ctx_.is_root()) {
    const std::string p = path(".boreas.lock");
    lock_fd_ = ::open(p.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd_ < 0) {
      error = "cannot open the run folder's lock file '" + p + "': " + std::strerror(errno);
    } else if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      if (err == EWOULDBLOCK) {
        char holder[256] = {0};
        const ssize_t n = ::pread(lock_fd_, holder, sizeof(holder) - 1, 0);
        std::string who = n > 0 ? std::string(holder, static_cast<size_t>(n)) : "unknown";
        while (!who.empty() && (who.back() == '\n' || who.back() == ' ')) who.pop_back();
        error = "output folder '" + dir_ + "' is in use by another run (" + who +
                "); wait for it to end or choose another folder with --output";
      } else if (err == ENOLCK || err == ENOSYS || err == EOPNOTSUPP) {
        // A file system without locks: run unprotected rather than not at all.
        log::warning(
            "cannot lock the output folder '{}' ({}): concurrent runs into it are not "
            "detected",
            dir_, std::strerror(err));
      } else {
        error = "cannot lock the output folder '" + dir_ + "': " + std::strerror(err);
      }
      if (!error.empty()) {
        ::close(lock_fd_);
        lock_fd_ = -1;
      }
    } else {
      char host[256] = {0};
      ::gethostname(host, sizeof(host) - 1);
      const std::string who =
          "host " + std::string(host) + ", pid " + std::to_string(::getpid()) + "\n";
      if (::ftruncate(lock_fd_, 0) != 0 ||
          ::pwrite(lock_fd_, who.data(), who.size(), 0) != static_cast<ssize_t>(who.size())) {
        log::warning("cannot record this run in '{}': {}", p, std::strerror(errno));
      }
    }
  }
  error = ctx_.broadcast(error);
  if (!error.empty()) throw InputError(error);
}

void RunOutput::write_text_file(const std::string& name, const std::string& text) const {
  if (!ctx_.is_root()) return;
  // Write-then-rename: a reader never sees half a file.
  replace_file(path(name), text);
}

void RunOutput::begin_diagnostics(const std::vector<std::string>& names,
                                  long long keep_up_to_step) {
  if (!ctx_.is_root()) return;
  const std::string p = path("diagnostics.csv");
  std::string kept;
  if (keep_up_to_step >= 0) {
    std::ifstream in(p);
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
      if (header || std::atoll(line.c_str()) <= keep_up_to_step) kept += line + "\n";
      header = false;
    }
  }
  diagnostics_ = std::make_unique<std::ofstream>(p, std::ios::trunc);
  if (!*diagnostics_) {
    throw RuntimeError("cannot open '" + p + "' for writing (" + std::strerror(errno) + ")");
  }
  if (kept.empty()) {
    *diagnostics_ << "step,time,dt";
    for (const auto& n : names) *diagnostics_ << ',' << n;
    *diagnostics_ << '\n';
  } else {
    *diagnostics_ << kept;
  }
  *diagnostics_ << std::flush;
  if (!*diagnostics_) {
    throw RuntimeError("cannot write '" + p + "' (" + std::strerror(errno) + ")");
  }
}

void RunOutput::append_diagnostics(long long step, double t, double dt,
                                   const std::vector<double>& values) {
  if (!ctx_.is_root() || !diagnostics_) return;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%lld,%.17g,%.17g", step, t, dt);
  *diagnostics_ << buf;
  for (double v : values) {
    // NaN: undefined at this row (steady_residual at step 0, say): empty.
    if (std::isnan(v)) {
      *diagnostics_ << ',';
      continue;
    }
    std::snprintf(buf, sizeof buf, ",%.17g", v);
    *diagnostics_ << buf;
  }
  *diagnostics_ << '\n' << std::flush;
  if (!*diagnostics_) {
    throw RuntimeError("cannot append to '" + path("diagnostics.csv") + "' (" +
                       std::strerror(errno) + ")");
  }
}

void RunOutput::write_json(const std::string& name, const Json& j) const {
  write_text_file(name, j.dump() + "\n");
}

}  // namespace boreas::pipeline
