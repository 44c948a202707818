#pragma once
// `boreas run --init FILE` (or run.init): a fresh run (t = 0, step 0) whose
// initial state is interpolated from a checkpoint or snapshot of the same
// app on another mesh of the same domain, on any rank counts
// (docs/io.md, "Starting from another run"). Unlike --restart, nothing but
// the state variables is taken from the file: not its time, step, scalars
// or AB2-type histories.
#include <string>
#include <vector>

#include "core/context.hpp"
#include "io/output/state_file.hpp"
#include "mesh/mesh.hpp"
#include "physics/app.hpp"
#include "physics/fields.hpp"

namespace boreas::pipeline {

// Relative tolerance (of each axis' extent) within which the file's
// mesh.lower/upper must equal the run's.
constexpr double kInitDomainTolerance = 1e-9;

// What --init takes from the file: the variables declared kRestart and
// kOutput (the state, not the histories a restart also needs).
std::vector<NamedVariable> init_variables(const Fields& fields);

// Why the file cannot initialise this run (its header: another app,
// another dimension or domain, missing variables), or "". `variables` are
// the names init_variables() gives.
std::string init_problem(const io::StateHeader& h, const std::string& app_name, const Mesh& mesh,
                         const std::vector<std::string>& variables);

// Reads the file's header collectively; InputError naming `what` (the
// option or key) and the file if it cannot be read or init_problem() finds
// something.
io::StateHeader check_init_file(const Context& ctx, const std::string& what,
                                const std::string& path, const std::string& app_name,
                                const Mesh& mesh, const std::vector<std::string>& variables);

// Verifies the file's checksums, reads each rank's part of it (its block
// plus a margin of source cells: nothing is gathered), interpolates every
// init variable into the fields (mesh/remap.hpp), exchanges the halos and
// calls app.initialized_from_file(). A damaged file: InputError naming
// `what` and the file. Collective.
void load_init(const Context& ctx, const std::string& what, const std::string& path,
               const io::StateHeader& header, const Mesh& mesh, Fields& fields, App& app);

}  // namespace boreas::pipeline
