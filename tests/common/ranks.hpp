#pragma once
// Test helpers for the reproducibility of explicit apps: the same run on 1,
// 2 and 4 ranks (and with the Serial backend) gives the same bits, and a
// restart continues bit for bit (advection, shallow_water).
#include <string>
#include <vector>

#include "mesh/field_ops.hpp"
#include "mesh/mesh.hpp"

namespace boreas::testing {

// The variables `names` (output variables of a run), each gathered on rank
// 0 of the mesh's communicator, one after the other; empty elsewhere.
std::vector<double> gather_variables(const Mesh& mesh, const std::vector<NamedVariable>& vars,
                                     const std::vector<std::string>& names);

// The deck of `app` run on 1, 2 and (when this launch has them) 4 ranks, with
// the default and the Serial backend: the gathered `names` must be identical,
// bit for bit (gtest failures name `what`, the rank count and the backend).
void expect_rank_independent(const std::string& app, const std::string& deck,
                             const std::vector<std::string>& overrides,
                             const std::vector<std::string>& names, const std::string& what);

// A run of the deck (`deck_name` for messages) on every rank of the test's
// launch, with its files in `dir`, from the checkpoint `restart` if not
// empty; the final `names` gathered on rank 0.
std::vector<double> run_to_files(const std::string& deck_name, const std::string& deck_text,
                                 const std::string& dir, const std::vector<std::string>& overrides,
                                 const std::vector<std::string>& names,
                                 const std::string& restart = "");

}  // namespace boreas::testing
