#include "core/files.hpp"

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

}  // namespace boreas
