#pragma once
// Point and line sampling of a run's output variables as CSV, shared by
// `boreas sample` and the in-run samplers (docs/io.md, "Sampling").
//
// A line is "X0,Y0[,Z0]:X1,Y1[,Z1]:N" (N evenly spaced points, ends
// included) or a whole grid line "x=0.5" (2D) / "x=0.5,z=0.25" (3D): every
// coordinate but one fixed, the free one running over the cell centres of
// its axis plus both ends of the domain. A point is "X,Y[,Z]".
#include <string>
#include <vector>

#include "mesh/mesh.hpp"
#include "mesh/sample.hpp"

namespace boreas::pipeline {

// The points of a line or point spec on `mesh`; InputError naming `what`
// (an option or a key) and the spec when it is malformed or leaves the domain.
std::vector<Point> parse_point_spec(const Mesh& mesh, const std::string& what,
                                    const std::string& spec);
std::vector<Point> parse_line_spec(const Mesh& mesh, const std::string& what,
                                   const std::string& spec);

// "time,step,x,y[,z],<variables>\n"
std::string sample_csv_header(int dim, const std::vector<std::string>& variables);
// One row per point: time and step, the point's coordinates and
// values[i * variables + v], each written with 17 significant digits.
std::string sample_csv_rows(int dim, double time, long long step, const std::vector<Point>& points,
                            const std::vector<double>& values, std::size_t variables);

}  // namespace boreas::pipeline
