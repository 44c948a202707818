#include "io/output/xdmf.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "io/output/xml_text.hpp"

namespace boreas::io {
namespace {

// XDMF lists every per-direction quantity slowest first: (z, y, x). 2D and
// 1D meshes are 3D grids one point thick in the unused directions:
// ParaView 5.11's XDMF3 reader puts a 2DCoRectMesh in the y-z plane, but
// reads these as flat images in x-y (or lines along x), like the VTK output.
struct Geometry {
  std::string points;  // "nz+1 ny+1 nx+1", 1 for unused directions
  std::string cells;   // the datasets' shape
  std::string origin, spacing;
};

Geometry describe(const BlockGeometry& mesh) {
  std::ostringstream points, cells, origin, spacing;
  for (int d = 2; d >= 0; --d) {
    const bool used = d < mesh.dim;
    const char* sep = d == 2 ? "" : " ";
    points << sep << (used ? mesh.global[d] + 1 : 1);
    origin << sep << (used ? exact_number(mesh.lower[d]) : "0");
    spacing << sep << (used ? exact_number(mesh.dx(d)) : "1");
    if (used) cells << (d == mesh.dim - 1 ? "" : " ") << mesh.global[d];
  }
  return {points.str(), cells.str(), origin.str(), spacing.str()};
}

std::string document(const BlockGeometry& mesh, const std::vector<XdmfEntry>& entries) {
  const Geometry g = describe(mesh);
  std::ostringstream x;
  x << "<?xml version=\"1.0\" ?>\n"
    << "<Xdmf Version=\"3.0\">\n"
    << "  <Domain>\n"
    << "    <Grid Name=\"time_series\" GridType=\"Collection\" CollectionType=\"Temporal\">\n";
  for (const XdmfEntry& e : entries) {
    x << "      <Grid Name=\"mesh\" GridType=\"Uniform\">\n"
      << "        <Time Value=\"" << exact_number(e.time) << "\"/>\n"
      << "        <Topology TopologyType=\"3DCoRectMesh\" Dimensions=\"" << g.points << "\"/>\n"
      << "        <Geometry GeometryType=\"ORIGIN_DXDYDZ\">\n"
      << "          <DataItem Name=\"Origin\" Format=\"XML\" NumberType=\"Float\" Precision=\"8\""
      << " Dimensions=\"3\">" << g.origin << "</DataItem>\n"
      << "          <DataItem Name=\"Spacing\" Format=\"XML\" NumberType=\"Float\" Precision=\"8\""
      << " Dimensions=\"3\">" << g.spacing << "</DataItem>\n"
      << "        </Geometry>\n";
    for (const std::string& var : e.variables) {
      x << "        <Attribute Name=\"" << xml_escape(var)
        << "\" AttributeType=\"Scalar\" Center=\"Cell\">\n"
        << "          <DataItem Format=\"HDF\" NumberType=\"Float\" Precision=\"8\" Dimensions=\""
        << g.cells << "\">" << xml_escape(e.file) << ":/fields/" << xml_escape(var)
        << "</DataItem>\n"
        << "        </Attribute>\n";
    }
    for (const std::string& vec : e.vectors) {
      x << "        <Attribute Name=\"" << xml_escape(vec)
        << "\" AttributeType=\"Vector\" Center=\"Cell\">\n"
        << "          <DataItem Format=\"HDF\" NumberType=\"Float\" Precision=\"8\" Dimensions=\""
        << g.cells << " 3\">" << xml_escape(e.file) << ":/vectors/" << xml_escape(vec)
        << "</DataItem>\n"
        << "        </Attribute>\n";
    }
    x << "      </Grid>\n";
  }
  x << "    </Grid>\n"
    << "  </Domain>\n"
    << "</Xdmf>\n";
  return x.str();
}

// A reader (ParaView polling a running simulation) sees the old or the new
// index, never half of one.
std::string write_atomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return path + ": cannot write " + tmp + " (" + std::strerror(errno) + ")";
    out << text;
    out.flush();
    if (!out) return path + ": cannot write " + tmp + " (" + std::strerror(errno) + ")";
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(tmp.c_str());
    return path + ": cannot rename " + tmp + " into place (" + why + ")";
  }
  return "";
}

}  // namespace

void write_xdmf(const Context& ctx, const BlockGeometry& mesh, const std::string& path,
                const std::vector<XdmfEntry>& entries) {
  std::string error;
  if (ctx.is_root()) error = write_atomically(path, document(mesh, entries));
  error = ctx.broadcast(error);
  if (!error.empty()) throw RuntimeError(error);
}

}  // namespace boreas::io
