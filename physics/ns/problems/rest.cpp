// Fluid at rest (the default): u = 0, p = 0; with physics.boussinesq the
// temperature starts at T0 or from the conduction profile, plus an optional
// convection-cell perturbation. Lids, inflows and buoyancy set it moving.
#include "io/deck/keys.hpp"
#include "physics/ns/ns_faces.hpp"
#include "physics/ns/problems/problems.hpp"

namespace boreas::ns {
namespace {

void keys(io::Keys<TemperatureStart> k) {
  k.choice("problem.T_init", &TemperatureStart::conduction,
           {{"uniform", false}, {"conduction", true}})
      .def("\"uniform\"")
      .describe(
          "initial T (physics.boussinesq): T0, or linear between the isothermal walls normal to "
          "physics.gravity_axis");
  k.real("problem.T_perturbation", &TemperatureStart::perturbation)
      .def("0.0")
      .units("K")
      .describe(
          "amplitude of cos(2 pi x/Lx) sin(pi y/Ly) added to the initial T (x, y from the lower "
          "corner)");
}

class Rest final : public Problem {
 public:
  explicit Rest(TemperatureStart start) : start_(start) {}
  void check(const Equation& eq, const Mesh& mesh, io::DeckProblems& problems) const override {
    if (!eq.thermal || !start_.conduction) return;
    const ThermalParams& th = *eq.thermal;
    const int a = th.axis;
    if (!th.wall[2 * a].isothermal || !th.wall[2 * a + 1].isothermal || mesh.periodic(a)) {
      problems.add(
          {"problem.T_init", "physics.gravity_axis",
           std::string("physics.thermal.") + face_key_name(2 * a),
           std::string("physics.thermal.") + face_key_name(2 * a + 1)},
          "ns: problem.T_init = \"conduction\" needs isothermal walls on both faces normal "
          "to the buoyancy axis");
    }
  }
  TemperatureStart temperature_start() const override { return start_; }

 private:
  TemperatureStart start_;
};

}  // namespace

ProblemInfo rest_info() {
  return {"rest",
          "fluid at rest (lids, inflows, buoyancy set it moving); T from T0 or the conduction "
          "profile, plus a perturbation",
          [](io::Schema& s) { keys(io::Keys<TemperatureStart>(s)); }};
}

std::unique_ptr<Problem> make_rest(const io::Deck& deck) {
  TemperatureStart start;
  keys(io::Keys<TemperatureStart>(deck, start));
  return std::make_unique<Rest>(start);
}

}  // namespace boreas::ns
