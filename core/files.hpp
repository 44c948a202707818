#pragma once
// File-system steps every rank must agree on.
#include <string>

#include "core/context.hpp"

namespace boreas {

// Collective: rank 0 creates `dir` (and its parents); every rank throws the
// same RuntimeError ("cannot create '<dir>': <reason>", prefixed by `what`
// when given) if that failed.
void make_directories(const Context& ctx, const std::string& dir, const std::string& what = "");

}  // namespace boreas
