#include "tests/common/temp_dir.hpp"

#include <unistd.h>

#include <filesystem>

namespace boreas::testing {

SharedTempDir::SharedTempDir(const Context& ctx, const std::string& tag) : ctx_(ctx) {
  if (ctx.is_root()) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("boreas-" + tag + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    dir_ = dir.string();
  }
  dir_ = ctx.broadcast(dir_);
}

SharedTempDir::~SharedTempDir() {
  ctx_.barrier();
  if (ctx_.is_root()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

}  // namespace boreas::testing
