#pragma once
// The HDF5 library this process runs with, for `boreas info` and perf.json,
// without exposing HDF5's headers.
#include <string>

namespace boreas::io {

// "1.10.8": the library actually loaded (it may differ from the headers).
std::string hdf5_version();
// True when HDF5 was built with MPI-IO, which the shared checkpoint needs.
bool hdf5_is_parallel();

}  // namespace boreas::io
