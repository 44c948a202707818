// VTK XML output for ParaView (see vtk_output.hpp for the file layout).
//
// The pieces go through the VTK library (vtkXMLImageDataWriter), so their
// binary encoding, compression and header are whatever ParaView expects. The
// .pvti and .pvd are small index files written by hand on rank 0: VTK's
// parallel writer wants to drive every rank through its own controller, while
// here the extents are already known from the mesh and only need gathering.
//
// Every phase of write() ends in a collective (a reduction over the Context),
// so a rank that fails never leaves the others waiting, and when write()
// returns every file of the step is complete.
#include "io/output/vtk_output.hpp"

#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkErrorCode.h>
#include <vtkFieldData.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkXMLImageDataWriter.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "core/files.hpp"
#include "io/output/xml_text.hpp"

namespace boreas::io {
namespace {

namespace fs = std::filesystem;

std::string step_label(const std::string& name, long long step) {
  char buf[32];
  std::snprintf(buf, sizeof buf, ".%08lld", step);
  return name + buf;
}

std::string piece_name(int rank) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "piece.%05d.vti", rank);
  return buf;
}

// Shortest text that reads back as the same double.
std::string xml_unescape(std::string s) {
  static const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities) {
    for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + 1))
      s.replace(p, std::string(from).size(), to);
  }
  return s;
}

const char* byte_order() {
  const unsigned one = 1;
  return *reinterpret_cast<const unsigned char*>(&one) == 1 ? "LittleEndian" : "BigEndian";
}

// Step number of "<name>.<digits>.pvti", or -1 if `file` is not one of ours.
long long step_of(const std::string& file, const std::string& name) {
  const std::string prefix = name + ".";
  const std::string suffix = ".pvti";
  if (file.size() <= prefix.size() + suffix.size() || file.compare(0, prefix.size(), prefix) != 0 ||
      file.compare(file.size() - suffix.size(), suffix.size(), suffix) != 0)
    return -1;
  const std::string digits =
      file.substr(prefix.size(), file.size() - prefix.size() - suffix.size());
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return -1;
  return std::stoll(digits);
}

// Writes `text` to `path` through a temporary file and a rename, so a reader
// never sees a half-written index.
void write_atomically(const fs::path& path, const std::string& text) {
  try {
    replace_file(path.string(), text);  // names the file and the OS reason
  } catch (const Error& e) {
    throw RuntimeError(std::string("VTK output: ") + e.what());
  }
}

using Extent = std::array<int, 6>;  // x0 x1 y0 y1 z0 z1, global point indices

Extent local_extent(const BlockGeometry& mesh) {
  Extent e{0, 0, 0, 0, 0, 0};
  for (int d = 0; d < mesh.dim; ++d) {
    e[2 * d] = static_cast<int>(mesh.offset[d]);
    e[2 * d + 1] = static_cast<int>(mesh.offset[d] + mesh.local[d]);
  }
  return e;
}

Extent whole_extent(const BlockGeometry& mesh) {
  Extent e{0, 0, 0, 0, 0, 0};
  for (int d = 0; d < mesh.dim; ++d) e[2 * d + 1] = static_cast<int>(mesh.global[d]);
  return e;
}

std::string extent_text(const Extent& e) {
  std::string s;
  for (int v : e) s += (s.empty() ? "" : " ") + std::to_string(v);
  return s;
}

double spacing(const BlockGeometry& mesh, int d) {
  return d < mesh.dim ? mesh.dx(d) : 1.0;
}

// Checks the names before any rank starts writing: same answer everywhere,
// so throwing here cannot leave another rank waiting.
void check_variables(const std::vector<std::string>& names,
                     const std::vector<VectorVariable>& vectors) {
  std::set<std::string> seen;
  for (const auto& name : names) {
    if (name.empty()) throw InputError("VTK output: a variable has an empty name");
    if (!seen.insert(name).second)
      throw InputError("VTK output: variable '" + name + "' is listed twice");
  }
  for (const auto& v : vectors) {
    if (v.name.empty()) throw InputError("VTK output: a vector has an empty name");
    if (!seen.insert(v.name).second)
      throw InputError("VTK output: vector '" + v.name + "' is named like another array");
    if (v.components.empty() || v.components.size() > 3)
      throw InputError("VTK output: vector '" + v.name + "' must have 1 to 3 components");
    for (const auto& c : v.components) {
      if (std::find(names.begin(), names.end(), c) == names.end())
        throw InputError("VTK output: component '" + c + "' of vector '" + v.name +
                         "' is not among the variables written");
    }
  }
}

std::size_t index_of(const std::vector<std::string>& names, const std::string& name) {
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

// Builds this rank's block as image data with one cell array per variable.
vtkNew<vtkImageData> make_block(const BlockGeometry& mesh, double time, const FieldAccess& fields,
                                const std::vector<VectorVariable>& vectors) {
  vtkNew<vtkImageData> image;
  const Extent e = local_extent(mesh);
  image->SetExtent(e[0], e[1], e[2], e[3], e[4], e[5]);
  image->SetOrigin(mesh.lower[0], mesh.lower[1], mesh.lower[2]);
  image->SetSpacing(spacing(mesh, 0), spacing(mesh, 1), spacing(mesh, 2));

  const auto& names = fields.names();
  for (std::size_t v = 0; v < names.size(); ++v) {
    vtkNew<vtkDoubleArray> array;
    array->SetName(names[v].c_str());
    array->SetNumberOfComponents(1);
    array->SetNumberOfTuples(mesh.local_count());
    // VTK orders cells x fastest, exactly like the fields' host copies.
    fields.read(v, 0, mesh.planes(), array->GetPointer(0));
    image->GetCellData()->AddArray(array);
  }
  if (!names.empty()) image->GetCellData()->SetActiveScalars(names.front().c_str());

  // Vectors: the components interleaved, three per cell (missing ones 0).
  std::vector<double> component(static_cast<std::size_t>(mesh.local_count()));
  for (const VectorVariable& vec : vectors) {
    vtkNew<vtkDoubleArray> array;
    array->SetName(vec.name.c_str());
    array->SetNumberOfComponents(3);
    array->SetNumberOfTuples(mesh.local_count());
    array->Fill(0.0);
    double* out = array->GetPointer(0);
    for (std::size_t c = 0; c < vec.components.size(); ++c) {
      fields.read(index_of(names, vec.components[c]), 0, mesh.planes(), component.data());
      for (std::size_t e = 0; e < component.size(); ++e) out[3 * e + c] = component[e];
    }
    image->GetCellData()->AddArray(array);
  }
  if (!vectors.empty()) image->GetCellData()->SetActiveVectors(vectors.front().name.c_str());

  // The step's time travels with the data (ParaView's time axis is the .pvd's).
  vtkNew<vtkDoubleArray> time_value;
  time_value->SetName("TimeValue");
  time_value->InsertNextValue(time);
  image->GetFieldData()->AddArray(time_value);
  return image;
}

void write_piece(vtkImageData* image, const std::string& path) {
  vtkNew<vtkXMLImageDataWriter> writer;
  writer->SetInputData(image);
  writer->SetFileName(path.c_str());
  writer->SetDataModeToAppended();
  writer->EncodeAppendedDataOff();  // raw binary, zlib-compressed by default
  writer->SetHeaderTypeToUInt64();  // blocks over 4 GiB stay readable
  if (writer->Write() != 1 || writer->GetErrorCode() != 0) {
    const unsigned long code = writer->GetErrorCode();
    // VTK keeps no errno; its codes name the common causes.
    std::string why = "VTK error code " + std::to_string(code);
    if (code == vtkErrorCode::OutOfDiskSpaceError) why = std::strerror(ENOSPC);
    if (code == vtkErrorCode::CannotOpenFileError) why = "cannot open the file";
    if (code == vtkErrorCode::NoFileNameError) why = "no file name";
    throw RuntimeError("VTK output: cannot write " + path + " (" + why + ")");
  }
}

std::string pvti_text(const BlockGeometry& mesh, const std::string& piece_dir,
                      const std::vector<std::string>& names,
                      const std::vector<VectorVariable>& vectors,
                      const std::vector<Extent>& pieces) {
  std::ostringstream s;
  s << "<?xml version=\"1.0\"?>\n"
    << "<VTKFile type=\"PImageData\" version=\"1.0\" byte_order=\"" << byte_order()
    << "\" header_type=\"UInt64\">\n"
    << "  <PImageData WholeExtent=\"" << extent_text(whole_extent(mesh)) << "\" GhostLevel=\"0\""
    << " Origin=\"" << exact_number(mesh.lower[0]) << ' ' << exact_number(mesh.lower[1]) << ' '
    << exact_number(mesh.lower[2]) << "\" Spacing=\"" << exact_number(spacing(mesh, 0)) << ' '
    << exact_number(spacing(mesh, 1)) << ' ' << exact_number(spacing(mesh, 2)) << "\">\n";
  s << "    <PCellData";
  if (!names.empty()) s << " Scalars=\"" << xml_escape(names.front()) << '"';
  if (!vectors.empty()) s << " Vectors=\"" << xml_escape(vectors.front().name) << '"';
  s << ">\n";
  for (const auto& n : names)
    s << "      <PDataArray type=\"Float64\" Name=\"" << xml_escape(n) << "\"/>\n";
  for (const auto& v : vectors)
    s << "      <PDataArray type=\"Float64\" Name=\"" << xml_escape(v.name)
      << "\" NumberOfComponents=\"3\"/>\n";
  s << "    </PCellData>\n";
  for (size_t r = 0; r < pieces.size(); ++r)
    s << "    <Piece Extent=\"" << extent_text(pieces[r]) << "\" Source=\""
      << xml_escape(piece_dir + "/" + piece_name(static_cast<int>(r))) << "\"/>\n";
  s << "  </PImageData>\n</VTKFile>\n";
  return s.str();
}

// Runs `f` and turns an exception into a message, so the caller can reach
// the next collective instead of leaving the other ranks waiting.
template <class F>
std::string attempt(const F& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what()[0] ? e.what() : "VTK output: unknown error";
  } catch (...) {
    return "VTK output: unknown error";
  }
  return {};
}

// The .pvd time series: one entry per (time, .pvti) written so far.
void write_pvd(const std::string& path, const std::vector<std::pair<double, std::string>>& series) {
  std::ostringstream s;
  s << "<?xml version=\"1.0\"?>\n"
    << "<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"" << byte_order() << "\">\n"
    << "  <Collection>\n";
  for (const auto& [time, file] : series)
    s << "    <DataSet timestep=\"" << exact_number(time) << "\" group=\"\" part=\"0\" file=\""
      << xml_escape(file) << "\"/>\n";
  s << "  </Collection>\n</VTKFile>\n";
  write_atomically(path, s.str());
}

}  // namespace

VtkWriter::VtkWriter(const Context& ctx, const BlockGeometry& mesh, std::string dir,
                     std::string name, long long first_step)
    : ctx_(ctx), mesh_(mesh), dir_(std::move(dir)), name_(std::move(name)) {
  if (name_.empty() || name_.find('/') != std::string::npos)
    throw InputError("VTK output: invalid series name '" + name_ + "'");
  pvd_path_ = (fs::path(dir_) / (name_ + ".pvd")).string();
  make_directories(ctx_, dir_, "VTK output");
  if (!ctx_.is_root()) return;

  // A restarted run continues the existing series up to and including its
  // first step (the restart step's files stay on disk; if that step is
  // written again, write() replaces its entry).
  std::ifstream in(pvd_path_);
  if (!in) return;
  std::stringstream text;
  text << in.rdbuf();
  const std::string content = text.str();
  static const std::regex dataset(R"(<DataSet\b[^>]*>)");
  static const std::regex timestep(R"re(\btimestep\s*=\s*"([^"]*)")re");
  static const std::regex file(R"re(\bfile\s*=\s*"([^"]*)")re");
  bool dropped = false;
  for (std::sregex_iterator it(content.begin(), content.end(), dataset), end; it != end; ++it) {
    const std::string tag = it->str();
    std::smatch t, f;
    if (!std::regex_search(tag, t, timestep) || !std::regex_search(tag, f, file)) continue;
    const std::string path = xml_unescape(f[1].str());
    const long long step = step_of(path, name_);
    if (step >= 0 && step <= first_step)
      series_.emplace_back(std::strtod(t[1].str().c_str(), nullptr), path);
    else
      dropped = true;
  }
  if (dropped) write_pvd(pvd_path_, series_);
}

void VtkWriter::write(long long step, double time, const FieldAccess& fields,
                      const std::vector<VectorVariable>& vectors) {
  const Context& ctx = ctx_;
  check_variables(fields.names(), vectors);
  const std::string label = step_label(name_, step);
  const std::string where = "VTK output of step " + std::to_string(step);

  // 1. Rank 0 creates the step's piece directory.
  make_directories(ctx, (fs::path(dir_) / label).string(), "VTK output");

  // 2. Every rank writes its piece; extents and failures are gathered in one
  //    reduction (each rank fills its own slot; integers are exact in doubles).
  std::string error = attempt([&] {
    auto image = make_block(mesh_, time, fields, vectors);
    write_piece(image, (fs::path(dir_) / label / piece_name(ctx.rank())).string());
  });
  const int nranks = ctx.size();
  std::vector<double> gathered(static_cast<size_t>(7 * nranks), 0.0);
  const Extent mine = local_extent(mesh_);
  for (int c = 0; c < 6; ++c) gathered[7 * ctx.rank() + c] = mine[c];
  gathered[7 * ctx.rank() + 6] = error.empty() ? 0.0 : 1.0;
  ctx.sum(gathered);
  std::vector<Extent> pieces(static_cast<size_t>(nranks));
  for (int r = 0; r < nranks; ++r) {
    for (int c = 0; c < 6; ++c) pieces[r][c] = static_cast<int>(gathered[7 * r + c]);
    if (gathered[7 * r + 6] != 0.0) {
      if (!error.empty()) throw RuntimeError(error);
      throw RuntimeError(where + ": rank " + std::to_string(r) + " could not write its piece");
    }
  }

  // 3. Rank 0 writes the step's index and the series; the final reduction
  //    means no rank returns before both exist.
  const std::string pvti = label + ".pvti";
  for (auto it = series_.begin(); it != series_.end();) {  // a step written again replaces
    it = step_of(it->second, name_) >= step ? series_.erase(it) : it + 1;
  }
  series_.emplace_back(time, pvti);
  if (ctx.is_root()) {
    error = attempt([&] {
      write_atomically(fs::path(dir_) / pvti,
                       pvti_text(mesh_, label, fields.names(), vectors, pieces));
      write_pvd(pvd_path_, series_);
    });
  }
  if (ctx.any(!error.empty()))
    throw RuntimeError(error.empty() ? where + ": rank 0 could not write " + pvti : error);
}

}  // namespace boreas::io
