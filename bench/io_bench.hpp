#pragma once
#include <string>

#include "core/context.hpp"
#include "core/json.hpp"

namespace boreas::bench {

// Checkpoint I/O against the file system's own sequential write speed, in
// one run on the same folder: a 256^3 mesh with 5 variables (~670 MB) is
// written collectively with write_state_file + commit_file (fsync included)
// and read back with read_state_fields (checksums verified); rank 0 then
// writes one plain file of the same size with large write() calls + fsync.
// `folder` defaults to ./boreas-bench-io; files are removed afterwards (and
// the folder, if the benchmark created it).
Json io_benchmark(const Context& ctx, const std::string& folder = "");

}  // namespace boreas::bench
