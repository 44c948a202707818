#include "io/output/state_file.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>
#include <vector>

#include "io/output/checksum.hpp"
#include "io/output/h5.hpp"
#include "io/output/netcdf_view.hpp"
#include "io/output/state_file_detail.hpp"
#include "io/output/write_guard.hpp"

namespace boreas::io {
namespace {

using detail::write_small_dataset;
using h5::collectively;
using h5::Handle;
using h5::must;

// Seconds to stall after the first field, so a test can kill a run whose
// checkpoint is half written. 0 unless BOREAS_TEST_CHECKPOINT_PAUSE is set;
// with BOREAS_TEST_CHECKPOINT_PAUSE_STEP only the file of that step stalls.
double test_pause_seconds(const Context& ctx, long long step) {
  const char* env = std::getenv("BOREAS_TEST_CHECKPOINT_PAUSE");
  const char* at = std::getenv("BOREAS_TEST_CHECKPOINT_PAUSE_STEP");
  double local = env ? std::strtod(env, nullptr) : 0.0;
  if (at && std::atoll(at) != step) local = 0.0;
  return ctx.max(local > 0.0 ? local : 0.0);
}

void write_header(const Context& ctx, const BlockGeometry& block, hid_t file, const StateHeader& h,
                  const std::string& path) {
  h5::write_attribute(file, "time", h.time, path);
  h5::write_attribute(file, "step", h.step, path);
  h5::write_attribute(file, "deck", h.deck, path);
  h5::write_attribute(file, "boreas_version", h.boreas_version, path);
  h5::write_attribute(file, "app", h.app, path);

  // The mesh written is the mesh the fields live on, whatever the header says.
  const int dim = block.dim;
  std::vector<double> lower, upper;
  std::vector<std::int64_t> cells;
  for (int d = 0; d < dim; ++d) {
    lower.push_back(block.lower[d]);
    upper.push_back(block.upper[d]);
    cells.push_back(block.global[d]);
  }
  Handle group = h5::create_ordered_group(file, "mesh", path);
  const hsize_t n = static_cast<hsize_t>(dim);
  write_small_dataset(ctx, group, "lower", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, n, lower.data(),
                      path);
  write_small_dataset(ctx, group, "upper", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, n, upper.data(),
                      path);
  write_small_dataset(ctx, group, "cells", H5T_STD_I64LE, H5T_NATIVE_INT64, n, cells.data(), path);

  Handle scalars = h5::create_ordered_group(file, "scalars", path);
  for (const auto& [name, value] : h.scalars) {
    write_small_dataset(ctx, scalars, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 0, &value, path);
  }
  if (!h.derived.empty()) {
    Handle derived = h5::create_ordered_group(file, "derived", path);
    for (const auto& [name, value] : h.derived) h5::write_attribute(derived, name, value, path);
  }
}

// The header as a reader will see it: the mesh the fields live on.
StateHeader header_as_written(const BlockGeometry& block, StateHeader h) {
  h.dim = block.dim;
  for (int d = 0; d < block.dim; ++d) {
    h.cells[d] = block.global[d];
    h.lower[d] = block.lower[d];
    h.upper[d] = block.upper[d];
  }
  return h;
}

void write_field(const Context& ctx, const BlockGeometry& block, hid_t file, hid_t fields,
                 const FieldAccess& access, std::size_t v, detail::Staging& stage,
                 detail::NetcdfView& view, const std::string& path) {
  const detail::FieldSlab slab = detail::interior_slab(block);
  const std::string& var_name = access.names()[v];
  const std::string name = "/fields/" + var_name;
  const std::string what = "cannot write dataset " + name;
  Handle dset;
  collectively(ctx, [&] {
    const int rank = static_cast<int>(slab.global.size());
    Handle fspace(must(H5Screate_simple(rank, slab.global.data(), nullptr), path, what), H5Sclose);
    Handle dcpl(must(H5Pcreate(H5P_DATASET_CREATE), path, what), H5Pclose);
    // Contiguous and allocated up front: one extent per dataset that
    // collective MPI-IO writes straight into; no fill pass over data we
    // overwrite anyway.
    must(H5Pset_layout(dcpl, H5D_CONTIGUOUS), path, what);
    must(H5Pset_alloc_time(dcpl, H5D_ALLOC_TIME_EARLY), path, what);
    must(H5Pset_fill_time(dcpl, H5D_FILL_TIME_NEVER), path, what);
    // Attributes list in the order written (netCDF readers show them so).
    must(H5Pset_attr_creation_order(dcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), path,
         what);
    dset = Handle(must(H5Dcreate2(fields, var_name.c_str(), H5T_IEEE_F64LE, fspace, H5P_DEFAULT,
                                  dcpl, H5P_DEFAULT),
                       path, what),
                  H5Dclose);
  });
  std::uint64_t local_sum = 0;
  for (int c = 0; c < stage.chunks(); ++c) {
    collectively(ctx, [&] {
      const detail::FieldSlab chunk = stage.chunk(c);
      stage.copy_from_interior(access, v, chunk);
      if (chunk.count[0] > 0) local_sum += block_checksum(stage.data(), chunk.layout);
      detail::write_block(dset, chunk, stage.data(), path, name);
    });
  }
  const std::uint64_t checksum = sum_over_ranks(ctx, local_sum);
  collectively(ctx, [&] {
    h5::write_attribute(dset, "checksum", checksum, path);
    h5::write_attribute(dset, "centering", access.centering(v), path);
    view.add_field(file, dset, var_name, access.centering(v), path);
    must(H5Dclose(dset.release()), path, what);
  });
}

// The index of each component of `vec` among the access's variables;
// throws (on every rank alike) if one is missing.
std::vector<std::size_t> component_indices(const FieldAccess& access, const VectorVariable& vec,
                                           const std::string& path) {
  if (vec.components.empty() || vec.components.size() > 3) {
    throw std::runtime_error(path + ": vector '" + vec.name + "' must have 1 to 3 components");
  }
  std::vector<std::size_t> out;
  const auto& names = access.names();
  for (const auto& c : vec.components) {
    const auto it = std::find(names.begin(), names.end(), c);
    if (it == names.end()) {
      throw std::runtime_error(path + ": component '" + c + "' of vector '" + vec.name +
                               "' is not among the variables written");
    }
    out.push_back(static_cast<std::size_t>(it - names.begin()));
  }
  return out;
}

// /vectors/<name>: the components interleaved, 3 per cell (missing ones 0),
// through the same staging chunks as the fields.
void write_vector(const Context& ctx, const BlockGeometry& block, hid_t file, hid_t group,
                  const FieldAccess& access, const VectorVariable& vec, detail::Staging& stage,
                  detail::NetcdfView& view, const std::string& path) {
  const std::string name = "/vectors/" + vec.name;
  const std::string what = "cannot write dataset " + name;
  std::vector<std::size_t> comps;
  Handle dset;
  collectively(ctx, [&] {
    comps = component_indices(access, vec, path);
    detail::FieldSlab slab = detail::interior_slab(block);
    slab.global.push_back(3);
    Handle fspace(
        must(H5Screate_simple(static_cast<int>(slab.global.size()), slab.global.data(), nullptr),
             path, what),
        H5Sclose);
    Handle dcpl(must(H5Pcreate(H5P_DATASET_CREATE), path, what), H5Pclose);
    must(H5Pset_layout(dcpl, H5D_CONTIGUOUS), path, what);
    must(H5Pset_alloc_time(dcpl, H5D_ALLOC_TIME_EARLY), path, what);
    must(H5Pset_fill_time(dcpl, H5D_FILL_TIME_NEVER), path, what);
    // Attributes list in the order written (netCDF readers show them so).
    must(H5Pset_attr_creation_order(dcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), path,
         what);
    dset = Handle(must(H5Dcreate2(group, vec.name.c_str(), H5T_IEEE_F64LE, fspace, H5P_DEFAULT,
                                  dcpl, H5P_DEFAULT),
                       path, what),
                  H5Dclose);
  });
  std::vector<double> interleaved;
  for (int c = 0; c < stage.chunks(); ++c) {
    collectively(ctx, [&] {
      detail::FieldSlab chunk = stage.chunk(c);
      const std::size_t n = static_cast<std::size_t>(chunk.layout.size());
      interleaved.assign(3 * n, 0.0);
      for (std::size_t k = 0; k < comps.size(); ++k) {
        stage.copy_from_interior(access, comps[k], chunk);
        const double* in = stage.data();
        if (chunk.count[0] > 0) {
          for (std::size_t e = 0; e < n; ++e) interleaved[3 * e + k] = in[e];
        }
      }
      chunk.global.push_back(3);
      chunk.start.push_back(0);
      chunk.count.push_back(chunk.count[0] > 0 ? 3 : 0);
      detail::write_block(dset, chunk, interleaved.data(), path, name);
    });
  }
  collectively(ctx, [&] {
    std::string list;
    for (const auto& c : vec.components) list += (list.empty() ? "" : ",") + c;
    h5::write_attribute(dset, "components", list, path);
    h5::write_attribute(dset, "centering", std::string("cell"), path);
    view.add_vector(file, dset, vec.name, path);
    must(H5Dclose(dset.release()), path, what);
  });
}

}  // namespace

std::uint64_t state_file_size_bound(const BlockGeometry& block, const StateHeader& header,
                                    std::size_t n_fields) {
  constexpr std::uint64_t MiB = 1 << 20;
  std::uint64_t cells = 1;
  for (int d = 0; d < block.dim; ++d) cells *= static_cast<std::uint64_t>(block.global[d]);
  const std::uint64_t field = 8 * cells;
  // Datasets of 1 MiB or more start on a 1 MiB boundary (h5::mpio_access).
  const std::uint64_t padding = field >= MiB ? MiB : 0;
  // Metadata: superblock, groups, the mesh, attributes (the deck among
  // them); a 256^2 heat checkpoint has 10 KiB of it.
  // The netCDF view adds the coordinates (centres and faces) and, per
  // dataset, its attributes and dimension-scale references.
  std::uint64_t axes = 0;
  for (int d = 0; d < block.dim; ++d) axes += static_cast<std::uint64_t>(block.global[d]);
  const std::uint64_t metadata = 64 * 1024 + 2 * header.deck.size() +
                                 4096 * (2 * n_fields + header.scalars.size() + 16) + 16 * axes;
  return n_fields * (field + padding) + metadata;
}

void write_state_file(const Context& ctx, const BlockGeometry& block, const std::string& path,
                      const StateHeader& header, const FieldAccess& access, ExitCode stuck_code,
                      const std::vector<VectorVariable>& vectors) {
  h5::silence_errors();
  collectively(ctx, [&] {
    detail::check_variables(path, access.names());
    std::vector<std::string> vector_names;
    for (const auto& v : vectors) {
      vector_names.push_back(v.name);
      component_indices(access, v, path);
    }
    detail::check_variables(path, vector_names);
  });
  const double pause = test_pause_seconds(ctx, header.step);
  detail::reserve_space(
      ctx, path, state_file_size_bound(block, header, access.names().size() + 3 * vectors.size()));

  detail::WriteGuard guard(ctx, path, stuck_code);
  try {
    Handle file;
    collectively(ctx, [&] {
      Handle fapl = h5::mpio_access(ctx);
      // The 1.8 file format: dense storage for attributes above 64 KiB (a
      // long deck is a fixed-length string); readable by HDF5 1.8 and later.
      must(H5Pset_libver_bounds(fapl, H5F_LIBVER_V18, H5F_LIBVER_V18), path,
           "cannot set the file format");
      // The root group lists its links in creation order (coordinates
      // first), as netCDF-4's own files do.
      Handle fcpl(must(H5Pcreate(H5P_FILE_CREATE), path, "cannot create the file"), H5Pclose);
      const unsigned order = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
      must(H5Pset_link_creation_order(fcpl, order), path, "cannot create the file");
      // Its attributes too (beyond 8 they are stored by name hash).
      must(H5Pset_attr_creation_order(fcpl, order), path, "cannot create the file");
      file = Handle(must(H5Fcreate(h5::mpiio_name(path).c_str(), H5F_ACC_TRUNC, fcpl, fapl), path,
                         "cannot create the file"),
                    H5Fclose);
    });
    detail::NetcdfView view;
    collectively(ctx, [&] {
      detail::NetcdfView::write_globals(file, header, path);
      write_header(ctx, block, file, header, path);
      const std::string text =
          detail::header_text(header_as_written(block, header), access.names());
      h5::write_attribute(file, "header_checksum", bytes_checksum(text), path);
      std::vector<std::string> centerings;
      for (std::size_t v = 0; v < access.names().size(); ++v) {
        centerings.push_back(access.centering(v));
      }
      view.create(ctx, file, block, header_as_written(block, header), centerings, !vectors.empty(),
                  path);
    });
    Handle fields;
    detail::Staging stage;
    collectively(ctx, [&] {
      fields = h5::create_ordered_group(file, "fields", path);
      stage = detail::Staging(ctx, detail::interior_slab(block));
    });
    for (std::size_t n = 0; n < access.names().size(); ++n) {
      write_field(ctx, block, file, fields, access, n, stage, view, path);
      if (n == 0 && pause > 0.0) {
        collectively(
            ctx, [&] { must(H5Fflush(file, H5F_SCOPE_GLOBAL), path, "cannot flush the file"); });
        std::this_thread::sleep_for(std::chrono::duration<double>(pause));
      }
    }
    if (!vectors.empty()) {
      Handle group;
      collectively(ctx, [&] { group = h5::create_ordered_group(file, "vectors", path); });
      for (const auto& v : vectors) {
        write_vector(ctx, block, file, group, access, v, stage, view, path);
      }
      collectively(ctx, [&] { group.reset(); });
    }
    // Closing flushes metadata, so it is where a full disk shows up.
    collectively(ctx, [&] {
      fields.reset();
      view.close();
      must(H5Fclose(file.release()), path, "cannot finish writing the file");
    });
  } catch (...) {
    // Every rank is here (collectively() agreed), with HDF5 in an unknown
    // state: close nothing, remove the file, leave without MPI_Finalize.
    guard.abandon();
    throw;
  }
}

StateHeader read_state_header(const Context& ctx, const std::string& path) {
  h5::silence_errors();
  detail::ReadGuard guard(path);
  Handle file = h5::open_for_reading(ctx, path);
  StateHeader h;
  collectively(ctx, [&] { h = detail::read_header(file, path); });
  return h;
}

void read_state_fields(const Context& ctx, const BlockGeometry& block, const std::string& path,
                       const FieldAccess& access) {
  h5::silence_errors();
  detail::ReadGuard guard(path);
  collectively(ctx, [&] { detail::check_variables(path, access.names()); });
  Handle file = h5::open_for_reading(ctx, path);
  Handle fields;
  collectively(ctx, [&] { fields = detail::open_fields_group(file, path); });
  const detail::FieldSlab slab = detail::interior_slab(block);
  detail::Staging stage;
  collectively(ctx, [&] { stage = detail::Staging(ctx, slab); });
  for (std::size_t v = 0; v < access.names().size(); ++v) {
    const std::string& var_name = access.names()[v];
    const std::string name = "/fields/" + var_name;
    Handle dset;
    std::uint64_t expected = 0;
    collectively(ctx, [&] {
      dset = detail::open_field(fields, var_name, path);
      const auto shape = h5::dataset_shape(dset, path, name);
      if (shape != slab.global) {
        throw std::runtime_error(path + ": dataset " + name + " has shape " +
                                 h5::shape_text(shape) + " but the mesh is " +
                                 h5::shape_text(slab.global));
      }
      expected = detail::stored_checksum(dset, path, name);
    });
    // Chunks go into the field as they arrive (a bounded buffer, not a copy
    // of the variable), so after a checksum error the field holds the
    // file's damaged data: callers must not use it.
    std::uint64_t local_sum = 0;
    for (int c = 0; c < stage.chunks(); ++c) {
      collectively(ctx, [&] {
        const detail::FieldSlab chunk = stage.chunk(c);
        detail::read_block(dset, chunk, stage.data(), path, name);
        if (chunk.count[0] == 0) return;
        local_sum += block_checksum(stage.data(), chunk.layout);
        stage.copy_to_interior(access, v, chunk);
      });
    }
    if (sum_over_ranks(ctx, local_sum) != expected) {
      throw StateFileError(path + ": checksum mismatch in " + name + " (file is corrupt)");
    }
  }
}

std::vector<std::vector<double>> read_state_boxes(const Context& ctx, const std::string& path,
                                                  const std::vector<std::string>& names,
                                                  const GridBox& box) {
  h5::silence_errors();
  detail::ReadGuard guard(path);
  const StateHeader header = read_state_header(ctx, path);
  Handle file = h5::open_for_reading(ctx, path);
  Handle fields;
  collectively(ctx, [&] { fields = detail::open_fields_group(file, path); });
  for (const std::string& name : names) detail::verify_field(ctx, fields, name, header, path);

  // Per axis, up to three runs of the box in the file: below 0 (wrapped
  // from the top), inside, above the last cell (wrapped from the bottom).
  // {file start, count, box offset}; count 0 for an absent run. Every rank
  // makes the same 3^dim collective reads, empty ones selecting nothing.
  const int dim = header.dim;
  std::array<std::array<std::array<long long, 3>, 3>, 3> runs{};
  std::string problem;
  for (int d = 0; d < 3; ++d) {
    const long long n = d < dim ? header.cells[d] : 1;
    const long long a = d < dim ? box.start[d] : 0, c = d < dim ? box.count[d] : 1;
    if (c < 1 || c > 3 * n) problem = "a box of " + std::to_string(c) + " cells along an axis";
    long long at = a, off = 0;
    for (int r = 0; r < 3 && off < c; ++r) {
      const long long wrapped = ((at % n) + n) % n;
      const long long len = std::min(c - off, n - wrapped);
      runs[d][r] = {wrapped, len, off};
      at += len;
      off += len;
    }
    if (off < c) problem = "a box wider than the file's mesh plus one cell on each side";
  }
  if (!problem.empty()) throw StateFileError(path + ": cannot read " + problem);
  const std::array<long long, 3> count{dim > 0 ? box.count[0] : 1, dim > 1 ? box.count[1] : 1,
                                       dim > 2 ? box.count[2] : 1};
  std::vector<std::vector<double>> out(names.size());
  for (std::size_t v = 0; v < names.size(); ++v) {
    const std::string full = "/fields/" + names[v];
    const std::string what = "cannot read dataset " + full;
    out[v].assign(static_cast<std::size_t>(count[0] * count[1] * count[2]), 0.0);
    Handle dset;
    collectively(ctx, [&] { dset = detail::open_field(fields, names[v], path); });
    for (int combo = 0; combo < (dim == 1 ? 3 : dim == 2 ? 9 : 27); ++combo) {
      const int r[3] = {combo % 3, (combo / 3) % 3, combo / 9};
      collectively(ctx, [&] {
        // Slowest first, as the dataset is stored.
        std::vector<hsize_t> fstart, mstart, len, mshape;
        bool empty = false;
        for (int d = dim - 1; d >= 0; --d) {
          const auto& run = runs[d][r[d]];
          empty = empty || run[1] == 0;
          fstart.push_back(static_cast<hsize_t>(run[0]));
          len.push_back(static_cast<hsize_t>(run[1]));
          mstart.push_back(static_cast<hsize_t>(run[2]));
          mshape.push_back(static_cast<hsize_t>(count[d]));
        }
        Handle fspace(must(H5Dget_space(dset), path, what), H5Sclose);
        Handle mspace(must(H5Screate_simple(dim, mshape.data(), nullptr), path, what), H5Sclose);
        if (empty) {
          must(H5Sselect_none(fspace), path, what);
          must(H5Sselect_none(mspace), path, what);
        } else {
          must(H5Sselect_hyperslab(fspace, H5S_SELECT_SET, fstart.data(), nullptr, len.data(),
                                   nullptr),
               path, what);
          must(H5Sselect_hyperslab(mspace, H5S_SELECT_SET, mstart.data(), nullptr, len.data(),
                                   nullptr),
               path, what);
        }
        Handle dxpl = h5::collective_transfer();
        must(H5Dread(dset, H5T_NATIVE_DOUBLE, mspace, fspace, dxpl, out[v].data()), path, what);
      });
    }
  }
  return out;
}

std::string verify_state_file(const Context& ctx, const std::string& path) {
  try {
    h5::silence_errors();
    detail::ReadGuard guard(path);
    const StateHeader header = read_state_header(ctx, path);
    Handle file = h5::open_for_reading(ctx, path);
    Handle fields;
    collectively(ctx, [&] { fields = detail::open_fields_group(file, path); });
    for (const std::string& name : header.fields) {
      detail::verify_field(ctx, fields, name, header, path);
    }
    return "";
  } catch (const StateFileError& e) {
    return e.what();
  }
}

void commit_file(const Context& ctx, const std::string& tmp_path, const std::string& final_path) {
  // Every rank's part must be in the file before rank 0 makes it final.
  ctx.barrier();
  std::string error;
  if (ctx.is_root()) error = detail::sync_and_rename(tmp_path, final_path);
  error = ctx.broadcast(error);
  if (!error.empty()) throw StateFileError(error);
}

}  // namespace boreas::io
