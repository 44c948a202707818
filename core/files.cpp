#include "core/files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/error.hpp"

namespace boreas {

void make_directories(const Context& ctx, const std::string& dir, const std::string& what) {
  std::string problem;
  if (ctx.is_root()) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
      problem = (what.empty() ? "" : what + ": ") + "cannot create '" + dir + "': " + ec.message();
  }
  problem = ctx.broadcast(problem);
  if (!problem.empty()) throw RuntimeError(problem);
}

void replace_file(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  auto fail = [&](const std::string& what, int err) {
    ::unlink(tmp.c_str());
    throw RuntimeError("cannot " + what + " '" + tmp + "' (" + std::strerror(err) + ")");
  };
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("create", errno);
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      ::close(fd);
      fail("write", err);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 && errno != EINVAL) {
    const int err = errno;
    ::close(fd);
    fail("write", err);
  }
  if (::close(fd) != 0) fail("write", errno);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) fail("rename", errno);
  // The rename itself is durable once the folder is synced.
  const std::string folder = std::filesystem::path(path).parent_path().string();
  const int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

}  // namespace boreas
