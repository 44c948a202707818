#include "tests/common/ranks.hpp"

#include <gtest/gtest.h>
#include <mpi.h>

#include <cstring>

#include "core/exec.hpp"
#include "tests/common/gather.hpp"
#include "tests/common/run.hpp"
#include "tests/test_context.hpp"

namespace boreas::testing {

std::vector<double> gather_variables(const Mesh& mesh, const std::vector<NamedVariable>& vars,
                                     const std::vector<std::string>& names) {
  std::vector<double> all;
  for (const std::string& name : names) {
    bool found = false;
    for (const auto& v : vars) {
      if (v.name != name) continue;
      const auto g = gather_global(mesh, v.view, v.var);
      all.insert(all.end(), g.begin(), g.end());
      found = true;
    }
    if (!found) ADD_FAILURE() << "no output variable " << name;
  }
  return all;
}

void expect_rank_independent(const std::string& app, const std::string& deck,
                             const std::vector<std::string>& overrides,
                             const std::vector<std::string>& names, const std::string& what) {
  const auto& world = context();
  std::vector<double> reference;
  for (int nranks : {1, 2, 4}) {
    if (nranks > world.size()) break;
    MPI_Comm sub;
    MPI_Comm_split(world.comm(), world.rank() < nranks ? 0 : MPI_UNDEFINED, world.rank(), &sub);
    for (bool serial : {false, true}) {
      std::vector<double> global;
      if (sub != MPI_COMM_NULL) {
        Context ctx(sub);
        const bool before = exec::force_serial(serial);
        auto run = run_app(ctx, app, deck, overrides);
        global = gather_variables(run->mesh(), run->state(), names);
        exec::force_serial(before);
      }
      if (world.is_root()) {
        if (reference.empty()) {
          reference = global;
        } else {
          ASSERT_EQ(global.size(), reference.size());
          EXPECT_EQ(0, std::memcmp(global.data(), reference.data(), global.size() * sizeof(double)))
              << what << ": " << nranks << " ranks, serial=" << serial
              << " differs from 1 rank, default backend";
        }
      }
    }
    if (sub != MPI_COMM_NULL) MPI_Comm_free(&sub);
  }
  if (world.is_root()) {
    EXPECT_FALSE(reference.empty());
  }
}

std::vector<double> run_to_files(const std::string& deck_name, const std::string& deck_text,
                                 const std::string& dir, const std::vector<std::string>& overrides,
                                 const std::vector<std::string>& names,
                                 const std::string& restart) {
  pipeline::RunOptions opt;
  opt.deck = deck_name;
  opt.deck_text = deck_text;
  opt.overrides = overrides;
  opt.output_dir = dir;
  opt.restart = restart;
  pipeline::Simulation sim(context(), opt);
  sim.initialize();
  EXPECT_EQ(sim.run(), 0);
  return gather_variables(sim.mesh(), sim.fields().variables(kOutput), names);
}

}  // namespace boreas::testing
