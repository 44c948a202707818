#pragma once
// ParaView-ready VTK output through the VTK library: each rank writes its
// block as an XML image-data piece (.vti, cell data, true origin and
// spacing), rank 0 writes a .pvti per output step and keeps a .pvd time
// series that is rewritten (atomically) after every step.
//   <dir>/<name>.pvd
//   <dir>/<name>.<step:08>.pvti
//   <dir>/<name>.<step:08>/piece.<rank:05>.vti
#include <string>
#include <vector>

#include "core/context.hpp"
#include "io/output/block.hpp"

namespace boreas::io {

class VtkWriter {
 public:
  // Creates `dir` if needed. If a .pvd exists (a restarted run), its entries
  // with step <= first_step are kept, later ones dropped.
  VtkWriter(const Context& ctx, const BlockGeometry& mesh, std::string dir, std::string name,
            long long first_step = 0);
  // Collective: writes one output step of every variable of `fields`, and
  // each of `vectors` (components among those variables) as one
  // 3-component array, the first of them marked as the active vectors.
  void write(long long step, double time, const FieldAccess& fields,
             const std::vector<VectorVariable>& vectors = {});
  const std::string& pvd_path() const { return pvd_path_; }

 private:
  const Context& ctx_;
  BlockGeometry mesh_;
  std::string dir_;
  std::string name_;
  std::string pvd_path_;
  std::vector<std::pair<double, std::string>> series_;  // (time, .pvti relative path)
};

}  // namespace boreas::io
