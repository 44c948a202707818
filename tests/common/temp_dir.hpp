#pragma once
// Test helper: a scratch folder every rank of a Context sees.
#include <string>

#include "core/context.hpp"

namespace boreas::testing {

// Rank 0 creates it (emptied) and later removes it.
class SharedTempDir {
 public:
  SharedTempDir(const Context& ctx, const std::string& tag);
  ~SharedTempDir();
  SharedTempDir(const SharedTempDir&) = delete;
  SharedTempDir& operator=(const SharedTempDir&) = delete;
  const std::string& path() const { return dir_; }
  std::string file(const std::string& name) const { return dir_ + "/" + name; }

 private:
  const Context& ctx_;
  std::string dir_;
};

}  // namespace boreas::testing
