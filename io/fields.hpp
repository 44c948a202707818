#pragma once
// The bridge between the mesh's fields (Kokkos views, in device memory on a
// GPU build) and the host-only output layer (io/output, which never sees
// Kokkos): a rank's block geometry, field access a few planes at a time, and
// Mesh-based forms of the state-file, XDMF and VTK writers.
#include <memory>
#include <string>
#include <vector>

#include "io/output/block.hpp"
#include "io/output/state_file.hpp"
#include "io/output/vtk_output.hpp"
#include "io/output/xdmf.hpp"
#include "mesh/field_ops.hpp"
#include "mesh/mesh.hpp"

namespace boreas::io {

BlockGeometry block_geometry(const Mesh& mesh);

// FieldAccess over named variables of this mesh's fields. Copies go through
// a bounded device buffer when the fields are not in host memory.
class VariableAccess final : public FieldAccess {
 public:
  VariableAccess(const Mesh& mesh, std::vector<NamedVariable> vars);
  // "" when every view has the mesh's shape and holds its variable index;
  // otherwise what is wrong (rank-local: callers agree before acting).
  const std::string& problem() const { return problem_; }

  const std::vector<std::string>& names() const override { return names_; }
  std::string centering(std::size_t v) const override { return centering_name(vars_[v].face); }
  void read(std::size_t v, long long p0, long long p1, double* out) const override;
  void write(std::size_t v, long long p0, long long p1, const double* in) const override;

 private:
  struct Staging;
  const Mesh& mesh_;
  std::vector<NamedVariable> vars_;
  std::vector<std::string> names_;
  std::string problem_;
  std::shared_ptr<Staging> staging_;  // device buffer, allocated on first use
};

// Collective: "" when every rank's access has no problem(), otherwise a
// problem (this rank's, or a note that another rank has one).
std::string mismatch(const Mesh& mesh, const VariableAccess& access);

// The state-file functions of io/output/state_file.hpp on a mesh's fields.
void write_state_file(const Mesh& mesh, const std::string& path, const StateHeader& header,
                      const std::vector<NamedVariable>& vars,
                      ExitCode stuck_code = ExitCode::runtime_failure,
                      const std::vector<VectorVariable>& vectors = {});
void read_state_fields(const Mesh& mesh, const std::string& path,
                       const std::vector<NamedVariable>& vars);
void write_xdmf(const Mesh& mesh, const std::string& path, const std::vector<XdmfEntry>& entries);

// io::VtkWriter on a mesh's fields.
class VtkOutput {
 public:
  VtkOutput(const Mesh& mesh, std::string dir, std::string name, long long first_step = 0);
  // Collective: writes one output step (`vectors`: see VtkWriter::write).
  void write(long long step, double time, const std::vector<NamedVariable>& vars,
             const std::vector<VectorVariable>& vectors = {});
  const std::string& pvd_path() const { return writer_.pvd_path(); }

 private:
  const Mesh& mesh_;
  VtkWriter writer_;
};

}  // namespace boreas::io
