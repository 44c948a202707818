// Zalesak's slotted cylinder: q0 = value inside a disk of `radius` about
// `center` (x, y) from which a slot of `slot_width` is cut, from the bottom
// of the disk up to `slot_length` above it; background elsewhere. A
// discontinuous profile: the test of the limiters (no new extrema). In 3D
// a cylinder along z; in 1D the cut through the disk's centre along x (two
// plateaus either side of the slot).
#include "io/deck/keys.hpp"
#include "physics/advection/problems/problem.hpp"

namespace boreas::advection {
namespace {

struct Slotted {
  double value = 1.0;
  double background = 0.0;
  double radius = 0.15;
  double slot_width = 0.05;
  double slot_length = 0.25;
  std::vector<double> center{0.5, 0.75};
};

void keys(io::Keys<Slotted> k) {
  k.real("problem.value", &Slotted::value).def("1.0").describe("value inside the slotted disk");
  k.real("problem.background", &Slotted::background).def("0.0").describe("value outside it");
  k.real("problem.radius", &Slotted::radius)
      .def("0.15")
      .above(0)
      .units("m")
      .describe("disk radius");
  k.real("problem.slot_width", &Slotted::slot_width)
      .def("0.05")
      .above(0)
      .units("m")
      .describe("width of the slot (centred on the disk's x)");
  k.real("problem.slot_length", &Slotted::slot_length)
      .def("0.25")
      .above(0)
      .units("m")
      .describe("length of the slot, from the bottom of the disk upwards");
  k.reals("problem.center", &Slotted::center)
      .def("[0.5, 0.75]")
      .length(1, 3)
      .units("m")
      .describe("centre of the disk (x, y; a 1D mesh uses x)");
}

struct SlottedShape {
  double value, background, r2, half_width, slot_top;
  double c[2];
  KOKKOS_INLINE_FUNCTION double operator()(const double x[3]) const {
    const double dx = x[0] - c[0], dy = x[1] - c[1];
    if (dx * dx + dy * dy > r2) return background;
    if (math::fabs(dx) < half_width && x[1] < slot_top) return background;
    return value;
  }
};

class SlottedProblem final : public Problem {
 public:
  explicit SlottedProblem(Slotted p) : p_(std::move(p)) {}
  void check(const Mesh& mesh, io::DeckProblems& problems) const override {
    const int need = mesh.dim() >= 2 ? 2 : 1;
    if (static_cast<int>(p_.center.size()) < need) {
      problems.add({"problem.center", "mesh.cells"},
                   "problem.center needs the disk's x and y on a 2D or 3D mesh");
    }
    if (p_.slot_width >= 2.0 * p_.radius) {
      problems.add({"problem.slot_width", "problem.radius"},
                   "problem.slot_width must be below the disk's diameter (2 problem.radius)");
    }
    if (p_.slot_length >= 2.0 * p_.radius) {
      problems.add({"problem.slot_length", "problem.radius"},
                   "problem.slot_length must be below the disk's diameter (2 problem.radius)");
    }
  }
  void fill(const Mesh& mesh, const Trace& trace, const FieldView& q) const override {
    // In 1D the cut through the disk's centre (fill_cell_means puts y there).
    const double cy = mesh.dim() >= 2 ? p_.center[1] : 0.5 * (mesh.lower(1) + mesh.upper(1));
    SlottedShape s{p_.value,
                   p_.background,
                   p_.radius * p_.radius,
                   0.5 * p_.slot_width,
                   cy - p_.radius + p_.slot_length,
                   {p_.center[0], cy}};
    fill_cell_means(mesh, trace, s, q);
  }

 private:
  Slotted p_;
};

}  // namespace

ProblemInfo slotted_cylinder_info() {
  return {"slotted_cylinder",
          "Zalesak's slotted cylinder: a discontinuous disk with a slot (limiters, extrema)",
          [](io::Schema& s) { keys(io::Keys<Slotted>(s)); }};
}

std::unique_ptr<Problem> make_slotted_cylinder(const io::Deck& deck) {
  Slotted p;
  keys(io::Keys<Slotted>(deck, p));
  return std::make_unique<SlottedProblem>(p);
}

}  // namespace boreas::advection
