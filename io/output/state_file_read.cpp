// Read side of the state files: header, datasets, whole-file verification.
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "io/output/state_file_detail.hpp"

namespace boreas::io::detail {
namespace {

using h5::Handle;
using h5::must;

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw std::runtime_error(path + ": " + what);
}

Handle open_group(hid_t loc, const std::string& name, const std::string& path) {
  if (!h5::has_link(loc, name))
    fail(path, "missing group /" + name + " (not a Boreas state file?)");
  return Handle(must(H5Gopen2(loc, name.c_str(), H5P_DEFAULT), path, "cannot open group /" + name),
                H5Gclose);
}

Handle open_dataset(hid_t loc, const std::string& name, const std::string& full,
                    const std::string& path) {
  if (!h5::has_link(loc, name)) fail(path, "missing dataset " + full);
  Handle dset(must(H5Dopen2(loc, name.c_str(), H5P_DEFAULT), path, "cannot open dataset " + full),
              H5Dclose);
  Handle type(must(H5Dget_type(dset), path, "cannot open dataset " + full), H5Tclose);
  const H5T_class_t cls = H5Tget_class(type);
  if (cls != H5T_FLOAT && cls != H5T_INTEGER) fail(path, "dataset " + full + " is not numeric");
  // Every dataset Boreas writes holds 8-byte numbers; a damaged datatype
  // could make HDF5 allocate any amount while converting.
  if (H5Tget_size(type) != 8) fail(path, "dataset " + full + " does not hold 8-byte numbers");
  return dset;
}

// A whole small dataset (mesh vectors, scalars) of at most `most` values,
// every rank reading it. The extent is checked before anything is
// allocated: a damaged file may claim any size.
template <class T>
std::vector<T> read_small(hid_t loc, const std::string& name, const std::string& full,
                          hid_t mem_type, const std::string& path, hsize_t most) {
  Handle dset = open_dataset(loc, name, full, path);
  const auto shape = h5::dataset_shape(dset, path, full);
  if (shape.size() > 1 || (shape.size() == 1 && shape[0] > most))
    fail(path, "dataset " + full + " has unexpected shape " + h5::shape_text(shape));
  std::vector<T> out(shape.empty() ? 1 : shape[0]);
  if (!out.empty()) {
    must(H5Dread(dset, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), path,
         "cannot read dataset " + full);
  }
  return out;
}

std::string bits_hex(double v) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(bits));
  return buf;
}

}  // namespace

std::string header_text(const StateHeader& h, const std::vector<std::string>& fields) {
  std::string t;
  t += "time=" + bits_hex(h.time) + "\n";
  t += "step=" + std::to_string(h.step) + "\n";
  t += "app=" + h.app + "\n";
  t += "boreas_version=" + h.boreas_version + "\n";
  t += "dim=" + std::to_string(h.dim) + "\n";
  for (int d = 0; d < h.dim; ++d) {
    t += "mesh=" + std::to_string(h.cells[d]) + " " + bits_hex(h.lower[d]) + " " +
         bits_hex(h.upper[d]) + "\n";
  }
  for (const auto& [name, value] : h.scalars) t += "scalar " + name + "=" + bits_hex(value) + "\n";
  for (const auto& name : fields) t += "field " + name + "\n";
  t += "deck=" + std::to_string(h.deck.size()) + "\n" + h.deck;
  return t;
}

StateHeader read_header(hid_t file, const std::string& path) {
  StateHeader h;
  h.time = h5::read_double_attribute(file, "time", path);
  h.step = h5::read_int_attribute(file, "step", path);
  h.deck = h5::read_string_attribute(file, "deck", path);
  h.boreas_version = h5::read_string_attribute(file, "boreas_version", path);
  h.app = h5::read_string_attribute(file, "app", path);

  Handle mesh = open_group(file, "mesh", path);
  const auto cells =
      read_small<std::int64_t>(mesh, "cells", "/mesh/cells", H5T_NATIVE_INT64, path, 3);
  const auto lower = read_small<double>(mesh, "lower", "/mesh/lower", H5T_NATIVE_DOUBLE, path, 3);
  const auto upper = read_small<double>(mesh, "upper", "/mesh/upper", H5T_NATIVE_DOUBLE, path, 3);
  h.dim = static_cast<int>(cells.size());
  if (h.dim < 1 || h.dim > 3 || lower.size() != cells.size() || upper.size() != cells.size()) {
    fail(path,
         "/mesh/cells, /mesh/lower and /mesh/upper must each hold 1 to 3 values, equally many");
  }
  for (int d = 0; d < h.dim; ++d) {
    if (cells[d] < 1) fail(path, "/mesh/cells holds a count below 1");
    h.cells[d] = cells[d];
    h.lower[d] = lower[d];
    h.upper[d] = upper[d];
  }

  if (h5::has_link(file, "scalars")) {
    Handle scalars = open_group(file, "scalars", path);
    for (const std::string& name : h5::list_links(scalars, path, "/scalars")) {
      const auto v =
          read_small<double>(scalars, name, "/scalars/" + name, H5T_NATIVE_DOUBLE, path, 1);
      if (v.size() != 1) fail(path, "/scalars/" + name + " is not a single value");
      h.scalars.emplace_back(name, v[0]);
    }
  }
  if (h5::has_link(file, "fields")) {
    Handle fields = open_group(file, "fields", path);
    h.fields = h5::list_links(fields, path, "/fields");
  }
  if (h5::has_link(file, "vectors")) {
    Handle vectors = open_group(file, "vectors", path);
    h.vectors = h5::list_links(vectors, path, "/vectors");
  }
  if (!h5::has_attribute(file, "header_checksum")) {
    fail(path,
         "no header_checksum attribute (not a Boreas state file, or one written before "
         "headers were checksummed)");
  }
  if (h5::read_u64_attribute(file, "header_checksum", path) !=
      bytes_checksum(header_text(h, h.fields))) {
    fail(path,
         "checksum mismatch in the header (time, step, app, mesh, /scalars, field names or the "
         "deck): the file is corrupt");
  }
  return h;
}

Handle open_fields_group(hid_t file, const std::string& path) {
  return open_group(file, "fields", path);
}

Handle open_field(hid_t fields, const std::string& name, const std::string& path) {
  return open_dataset(fields, name, "/fields/" + name, path);
}

std::uint64_t stored_checksum(hid_t dset, const std::string& path, const std::string& name) {
  if (!h5::has_attribute(dset, "checksum"))
    fail(path, "dataset " + name + " has no checksum attribute");
  return h5::read_u64_attribute(dset, "checksum", path);
}

BlockSelection select_block(hid_t dset, const FieldSlab& slab, const std::string& path,
                            const std::string& what) {
  BlockSelection sel;
  sel.file = Handle(must(H5Dget_space(dset), path, what), H5Sclose);
  sel.empty = std::any_of(slab.count.begin(), slab.count.end(), [](hsize_t c) { return c == 0; });
  if (sel.empty) {
    // Ranks without cells in this round still join the collective call.
    const hsize_t one = 1;
    sel.memory = Handle(must(H5Screate_simple(1, &one, nullptr), path, what), H5Sclose);
    must(H5Sselect_none(sel.memory), path, what);
    must(H5Sselect_none(sel.file), path, what);
  } else {
    const int rank = static_cast<int>(slab.count.size());
    sel.memory =
        Handle(must(H5Screate_simple(rank, slab.count.data(), nullptr), path, what), H5Sclose);
    must(H5Sselect_hyperslab(sel.file, H5S_SELECT_SET, slab.start.data(), nullptr,
                             slab.count.data(), nullptr),
         path, what);
  }
  return sel;
}

void read_block(hid_t dset, const FieldSlab& slab, double* data, const std::string& path,
                const std::string& name) {
  const std::string what = "cannot read dataset " + name;
  BlockSelection sel = select_block(dset, slab, path, what);
  double unused = 0.0;
  Handle dxpl = h5::collective_transfer();
  must(H5Dread(dset, H5T_NATIVE_DOUBLE, sel.memory, sel.file, dxpl, sel.empty ? &unused : data),
       path, what);
}

void write_block(hid_t dset, const FieldSlab& slab, const double* data, const std::string& path,
                 const std::string& name) {
  const std::string what = "cannot write dataset " + name;
  BlockSelection sel = select_block(dset, slab, path, what);
  const double unused = 0.0;
  Handle dxpl = h5::collective_transfer();
  must(H5Dwrite(dset, H5T_NATIVE_DOUBLE, sel.memory, sel.file, dxpl, sel.empty ? &unused : data),
       path, what);
}

void verify_field(const Context& ctx, hid_t fields, const std::string& name,
                  const StateHeader& header, const std::string& path) {
  const std::string full = "/fields/" + name;
  Handle dset;
  std::vector<hsize_t> shape;
  std::uint64_t expected = 0;
  h5::collectively(ctx, [&] {
    dset = open_field(fields, name, path);
    shape = h5::dataset_shape(dset, path, full);
    std::vector<hsize_t> mesh_shape;
    for (int d = header.dim - 1; d >= 0; --d) mesh_shape.push_back(header.cells[d]);
    if (shape != mesh_shape) {
      fail(path, "dataset " + full + " has shape " + h5::shape_text(shape) + " but the mesh is " +
                     h5::shape_text(mesh_shape));
    }
    expected = stored_checksum(dset, path, full);
  });

  // Each rank checks a slab of whole rows along the slowest axis, read in
  // rounds of bounded size so a large dataset on few ranks fits in memory.
  // Every rank runs the same number of rounds: the reads are collective.
  hsize_t row = 1;
  for (size_t d = 1; d < shape.size(); ++d) row *= shape[d];
  const int rows = static_cast<int>(shape[0]);
  // {count, first} of this rank's rows: an even split, the remainder to the first ranks.
  const int base = rows / ctx.size(), extra = rows % ctx.size();
  const std::array<int, 2> part{base + (ctx.rank() < extra ? 1 : 0),
                                ctx.rank() * base + std::min(ctx.rank(), extra)};
  const long long most_rows = (rows + ctx.size() - 1) / ctx.size();
  const long long max_elements = 1LL << 24;
  const long long per_round = std::max<long long>(1, max_elements / static_cast<long long>(row));
  const long long rounds = (most_rows + per_round - 1) / per_round;

  std::uint64_t local = 0;
  std::vector<double> data;
  for (long long r = 0; r < rounds; ++r) {
    const long long first = std::min<long long>(r * per_round, part[0]);
    const long long count = std::min<long long>(per_round, part[0] - first);
    FieldSlab slab;
    slab.global = shape;
    slab.start.assign(shape.size(), 0);
    slab.count = shape;
    slab.start[0] = static_cast<hsize_t>(part[1] + first);
    slab.count[0] = static_cast<hsize_t>(count);
    slab.layout = padded_layout(slab.global, slab.start, slab.count);
    h5::collectively(ctx, [&] {
      data.resize(static_cast<size_t>(count) * row);
      read_block(dset, slab, data.data(), path, full);
      if (count > 0) local += block_checksum(data.data(), slab.layout);
    });
  }
  if (sum_over_ranks(ctx, local) != expected) {
    throw StateFileError(path + ": checksum mismatch in " + full + " (file is corrupt)");
  }
}

}  // namespace boreas::io::detail
