#include "io/output/checksum.hpp"

#include <mpi.h>

#include <vector>

namespace boreas::io {

std::uint64_t block_checksum(const double* data, const BlockLayout& b) {
  const long long rows = b.count[0] * b.count[1];
  const long long ny = b.count[1], nx = b.count[2];
  std::uint64_t total = 0;
  // Unsigned addition wraps, so the threads' partial sums combine in any
  // order to the same value.
#pragma omp parallel for reduction(+ : total) schedule(static)
  for (long long r = 0; r < rows; ++r) {
    const long long k = r / ny, j = r % ny;
    const std::uint64_t first = static_cast<std::uint64_t>(
        ((b.start[0] + k) * b.global[1] + b.start[1] + j) * b.global[2] + b.start[2]);
    const double* row = data + r * nx;
    std::uint64_t acc = 0;
    for (long long i = 0; i < nx; ++i)
      acc += element_hash(row[i], first + static_cast<std::uint64_t>(i));
    total += acc;
  }
  return total;
}

std::uint64_t sum_over_ranks(const Context& ctx, std::uint64_t local) {
  std::uint64_t total = 0;
  std::vector<MPI_Request> req(1);
  MPI_Iallreduce(&local, &total, 1, MPI_UINT64_T, MPI_SUM, ctx.comm(), req.data());
  ctx.wait_all(req, false);  // a collective: not cancellable
  return total;
}

std::uint64_t bytes_checksum(const std::string& bytes) {
  std::uint64_t h = mix64(static_cast<std::uint64_t>(bytes.size()));
  for (std::size_t i = 0; i * 8 < bytes.size(); ++i) {
    std::uint64_t word = 0;
    for (std::size_t b = 0; b < 8 && i * 8 + b < bytes.size(); ++b) {
      word |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[i * 8 + b])) << (8 * b);
    }
    h = mix64(h ^ mix64(word + i));
  }
  return h;
}

}  // namespace boreas::io
