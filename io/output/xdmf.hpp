#pragma once
// XDMF 3 index of snapshot files, so ParaView opens a run's HDF5 snapshots as
// one time series (also while the run is still going: rewritten after every
// snapshot, atomically).
#include <string>
#include <vector>

#include "core/context.hpp"
#include "io/output/block.hpp"

namespace boreas::io {

struct XdmfEntry {
  double time = 0.0;
  std::string file;  // path relative to the .xdmf file
  std::vector<std::string> variables;
  // Datasets /vectors/<name> of the file (3 components per cell): Vector
  // attributes, which ParaView's filters (Stream Tracer, Glyph) take as is.
  std::vector<std::string> vectors = {};
};

// Writes a temporal collection of uniform CoRectMesh grids (cell-centred
// attributes, datasets /fields/<var> of each file, Vector attributes from
// /vectors/<name>; 2D/1D meshes as 3D grids
// one point thick, which ParaView shows in the x-y plane). Collective: rank 0
// writes (tmp + rename), every rank throws RuntimeError if that failed;
// callers pass the full list.
void write_xdmf(const Context& ctx, const BlockGeometry& mesh, const std::string& path,
                const std::vector<XdmfEntry>& entries);

}  // namespace boreas::io
