#pragma once
// Helpers for the state-file tests: fields filled
// with a known function of the global cell index, sub-communicators.
#include <mpi.h>

#include <functional>
#include <string>

#include "core/context.hpp"
#include "mesh/field_ops.hpp"
#include "mesh/mesh.hpp"
#include "tests/common/temp_dir.hpp"

namespace boreas::testing {

long long global_id(const Mesh& m, int k, int j, int i);
// Variable v of global cell gid: irregular bit patterns, distinct per variable.
double value_of(int var, long long gid);
// Interior = value_of(first_var + v, gid), ghosts = `ghost_value`.
void fill_known(const Mesh& m, const FieldView& f, int first_var, double ghost_value);
// Cells on this rank whose interior bits differ from fill_known's, plus
// ghost cells that no longer hold ghost_value.
long long count_mismatches(const Mesh& m, const FieldView& f, int first_var, double ghost_value);

// Runs f with a Context over the ranks of ctx where `member` is true
// (ordered by key), then all ranks of ctx meet at a barrier.
void on_ranks(const Context& ctx, bool member, int key,
              const std::function<void(const Context&)>& f);

MeshSpec spec_for_dim(int dim);  // small uneven meshes, ghost 2

// Rank 0: the file offset of a contiguous dataset's data, via serial HDF5.
long long dataset_offset(const std::string& path, const std::string& dataset);
// Rank 0: flips the bits of one byte.
void flip_byte(const std::string& path, long long offset);

}  // namespace boreas::testing
