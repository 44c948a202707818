#pragma once
// Choosing, checking and loading the checkpoint a run resumes from.
#include <string>

#include "core/context.hpp"
#include "io/deck/deck.hpp"
#include "io/fields.hpp"
#include "mesh/mesh.hpp"
#include "physics/app.hpp"
#include "physics/fields.hpp"

namespace boreas::pipeline {

struct RestartPoint {
  std::string path;
  io::StateHeader header;
};

// spec is "latest" (the file `latest` names, then the newest checkpoint in
// checkpoint_dir that verifies; skipped ones are reported with the reason)
// or a file path. Throws InputError (exit 2) if nothing usable is found.
RestartPoint choose_restart(const Context& ctx, const std::string& spec,
                            const std::string& checkpoint_dir, const std::string& name);

// Refuses (InputError) a checkpoint of another app, another mesh, missing
// fields, or a deck that changes a key marked fixed in the schema.
void check_restart_compatible(const RestartPoint& rp, const io::Deck& deck,
                              const std::string& app_name, const Fields& fields);

// Reads the restart fields and the scalars (after app.setup()), then calls
// app.restored().
void load_restart(const RestartPoint& rp, const Mesh& mesh, Fields& fields, App& app);

}  // namespace boreas::pipeline
