#pragma once
// File-system steps every rank must agree on.
#include <string>

#include "core/context.hpp"

namespace boreas {

// Collective: rank 0 creates `dir` (and its parents); every rank throws the
// same RuntimeError ("cannot create '<dir>': <reason>", prefixed by `what`
// when given) if that failed.
void make_directories(const Context& ctx, const std::string& dir, const std::string& what = "");

// Rank-local: writes `text` to `path` through `path`.tmp (write, fsync,
// rename), so a reader sees the old file or the new one, never a part.
// Throws RuntimeError naming the file and the OS reason (strerror); the
// temporary file is removed on failure and the old file is untouched.
void replace_file(const std::string& path, const std::string& text);

}  // namespace boreas
