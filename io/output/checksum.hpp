#pragma once
// The state-file checksum (state_file.hpp): a wrapping uint64 sum over a
// dataset's elements of mix(bit pattern, global linear index). Summing makes
// it independent of how the dataset is split over ranks; mixing in the index
// makes a value moved to the wrong place count as much as a flipped bit.
#include <array>
#include <cstdint>
#include <cstring>
#include <string>

#include "core/context.hpp"

namespace boreas::io {

// splitmix64's finalizer: every input bit flips about half the output bits.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

inline std::uint64_t element_hash(double value, std::uint64_t index) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  return mix64(bits ^ mix64(index + 0x9e3779b97f4a7c15ULL));
}

// A contiguous block of up to three dimensions (slowest first, unused
// leading dimensions 1) inside a dataset of extents `global`: element
// (k, j, i) of the block has global index
// ((start[0] + k) * global[1] + start[1] + j) * global[2] + start[2] + i.
struct BlockLayout {
  std::array<long long, 3> global{1, 1, 1};
  std::array<long long, 3> start{0, 0, 0};
  std::array<long long, 3> count{1, 1, 1};
  long long size() const { return count[0] * count[1] * count[2]; }
};

// A checksum of a byte string: words of 8 bytes (little-endian, the last
// one padded with zero bytes) folded in order, h = mix64(h ^ mix64(word + i))
// starting from h = mix64(size). Order matters; any flipped bit changes it.
std::uint64_t bytes_checksum(const std::string& bytes);

// This rank's part of the checksum (host memory, threaded).
std::uint64_t block_checksum(const double* data, const BlockLayout& block);
// Wrapping sum over the ranks of ctx.
std::uint64_t sum_over_ranks(const Context& ctx, std::uint64_t local);

}  // namespace boreas::io
