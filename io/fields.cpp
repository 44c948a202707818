#include "io/fields.hpp"

#include <type_traits>
#include <utility>

#include "core/error.hpp"

namespace boreas::io {
namespace {

using Range = std::pair<int, int>;
using HostBlock = Kokkos::View<double***, Kokkos::LayoutRight, Kokkos::HostSpace,
                               Kokkos::MemoryTraits<Kokkos::Unmanaged>>;
using ConstHostBlock = Kokkos::View<const double***, Kokkos::LayoutRight, Kokkos::HostSpace,
                                    Kokkos::MemoryTraits<Kokkos::Unmanaged>>;
using DeviceBlock =
    Kokkos::View<double***, Kokkos::LayoutRight, MemSpace, Kokkos::MemoryTraits<Kokkos::Unmanaged>>;

// Fields in plain host memory are copied straight into the caller's buffer.
constexpr bool kHostMemory = std::is_same_v<MemSpace, Kokkos::HostSpace>;

// Planes [p0, p1) of the interior along the mesh's slowest direction, as
// (k, j, i) index ranges of a field view.
std::array<Range, 3> plane_ranges(const Mesh& mesh, long long p0, long long p1) {
  const Box b = mesh.interior();
  std::array<Range, 3> r{Range{b.k0, b.k1}, Range{b.j0, b.j1}, Range{b.i0, b.i1}};
  Range& cut = r[3 - mesh.dim()];
  const int first = cut.first;
  cut = Range{first + static_cast<int>(p0), first + static_cast<int>(p1)};
  return r;
}

}  // namespace

BlockGeometry block_geometry(const Mesh& mesh) {
  BlockGeometry g;
  g.dim = mesh.dim();
  for (int d = 0; d < 3; ++d) {
    g.global[d] = mesh.global_cells(d);
    g.offset[d] = mesh.offset(d);
    g.local[d] = mesh.local_cells(d);
    g.lower[d] = mesh.lower(d);
    g.upper[d] = mesh.upper(d);
  }
  return g;
}

struct VariableAccess::Staging {
  Kokkos::View<double*, MemSpace> buffer;
  DeviceBlock block(std::size_t n0, std::size_t n1, std::size_t n2) {
    const std::size_t n = n0 * n1 * n2;
    if (buffer.extent(0) < n) {
      buffer = Kokkos::View<double*, MemSpace>(
          Kokkos::view_alloc(Kokkos::WithoutInitializing, "io_staging"), n);
    }
    return DeviceBlock(buffer.data(), n0, n1, n2);
  }
};

VariableAccess::VariableAccess(const Mesh& mesh, std::vector<NamedVariable> vars)
    : mesh_(mesh), vars_(std::move(vars)), staging_(std::make_shared<Staging>()) {
  for (const NamedVariable& v : vars_) {
    names_.push_back(v.name);
    const FieldView& f = v.view;
    const bool shaped = f.extent(1) == static_cast<size_t>(mesh.extent(2)) &&
                        f.extent(2) == static_cast<size_t>(mesh.extent(1)) &&
                        f.extent(3) == static_cast<size_t>(mesh.extent(0));
    if (problem_.empty() && (v.var < 0 || static_cast<size_t>(v.var) >= f.extent(0) || !shaped)) {
      problem_ = "variable '" + v.name + "' (index " + std::to_string(v.var) + " of '" + f.label() +
                 "') does not match the mesh's field shape";
    }
  }
}

void VariableAccess::read(std::size_t v, long long p0, long long p1, double* out) const {
  const auto r = plane_ranges(mesh_, p0, p1);
  const auto part = Kokkos::subview(vars_[v].view, vars_[v].var, r[0], r[1], r[2]);
  const HostBlock host(out, part.extent(0), part.extent(1), part.extent(2));
  if constexpr (kHostMemory) {
    Kokkos::deep_copy(host, part);
  } else {
    const DeviceBlock dev = staging_->block(part.extent(0), part.extent(1), part.extent(2));
    Kokkos::deep_copy(dev, part);
    Kokkos::deep_copy(host, dev);
  }
}

void VariableAccess::write(std::size_t v, long long p0, long long p1, const double* in) const {
  const auto r = plane_ranges(mesh_, p0, p1);
  const auto part = Kokkos::subview(vars_[v].view, vars_[v].var, r[0], r[1], r[2]);
  const ConstHostBlock host(in, part.extent(0), part.extent(1), part.extent(2));
  if constexpr (kHostMemory) {
    Kokkos::deep_copy(part, host);
  } else {
    const DeviceBlock dev = staging_->block(part.extent(0), part.extent(1), part.extent(2));
    Kokkos::deep_copy(dev, host);
    Kokkos::deep_copy(part, dev);
  }
}

std::string mismatch(const Mesh& mesh, const VariableAccess& access) {
  const std::string& local = access.problem();
  if (!mesh.context().any(!local.empty())) return "";
  return local.empty() ? "a variable does not match the mesh on another rank" : local;
}

void write_state_file(const Mesh& mesh, const std::string& path, const StateHeader& header,
                      const std::vector<NamedVariable>& vars, ExitCode stuck_code,
                      const std::vector<VectorVariable>& vectors) {
  const VariableAccess access(mesh, vars);
  if (const std::string why = mismatch(mesh, access); !why.empty()) {
    throw StateFileError(path + ": " + why);
  }
  write_state_file(mesh.context(), block_geometry(mesh), path, header, access, stuck_code, vectors);
}

void read_state_fields(const Mesh& mesh, const std::string& path,
                       const std::vector<NamedVariable>& vars) {
  const VariableAccess access(mesh, vars);
  if (const std::string why = mismatch(mesh, access); !why.empty()) {
    throw StateFileError(path + ": " + why);
  }
  read_state_fields(mesh.context(), block_geometry(mesh), path, access);
}

void write_xdmf(const Mesh& mesh, const std::string& path, const std::vector<XdmfEntry>& entries) {
  write_xdmf(mesh.context(), block_geometry(mesh), path, entries);
}

VtkOutput::VtkOutput(const Mesh& mesh, std::string dir, std::string name, long long first_step)
    : mesh_(mesh),
      writer_(mesh.context(), block_geometry(mesh), std::move(dir), std::move(name), first_step) {}

void VtkOutput::write(long long step, double time, const std::vector<NamedVariable>& vars,
                      const std::vector<VectorVariable>& vectors) {
  const VariableAccess access(mesh_, vars);
  if (const std::string why = mismatch(mesh_, access); !why.empty()) {
    throw InputError("VTK output: " + why);
  }
  writer_.write(step, time, access, vectors);
}

}  // namespace boreas::io
