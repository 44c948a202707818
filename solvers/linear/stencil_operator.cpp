#include "solvers/linear/stencil_operator.hpp"

#include <string>

#include "core/error.hpp"

namespace boreas::linear {
namespace {

const Mesh& mesh_of(const EllipticProblem& p) {
  if (p.mesh == nullptr) throw RuntimeError("EllipticProblem has no mesh");
  return *p.mesh;
}

StencilSpec spec_of(const EllipticProblem& p) {
  StencilSpec s;
  s.bcs = p.bcs;
  s.shift = p.shift;
  s.scale = p.scale;
  s.k_constant = p.k_constant;
  s.coefficient = p.coefficient;
  return s;
}

// 0, 1 or 2 (dirichlet): how many times a physical face's weight enters the
// diagonal (ghost = -u1 gives u1 - ghost = 2 u1; ghost = +u1 gives 0).
int boundary_multiplier(const Boundaries& bcs, Face f) {
  return bcs.get(f, 0).type == BoundaryType::dirichlet ? 2 : 0;
}

template <int Dim, class C>
double apply_kernel(const Box& in, const C& c, const FieldView& x, const FieldView& y) {
  double s = 0.0;
  par_reduce_rows(
      "stencil_apply", in,
      KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1, double& acc) {
        const auto row = c.template row<Dim>(k, j);
        const Rows u = rows_of<Dim>(x, k, j);
        double* BOREAS_RESTRICT py = &y(0, k, j, 0);
        double t = 0.0;
        BOREAS_SIMD_SUM(t)
        for (int i = i0; i < i1; ++i) {
          const double a = apply_at<Dim>(row, u, i);
          py[i] = a;
          t += a * u.c[i];
        }
        acc += t;
      },
      Kokkos::Sum<double>(s));
  return s;
}

template <int Dim, class C>
double residual_kernel(const Box& in, const C& c, const FieldView& b, const FieldView& x,
                       const FieldView& r) {
  double s = 0.0;
  par_reduce_rows(
      "stencil_residual", in,
      KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1, double& acc) {
        const auto row = c.template row<Dim>(k, j);
        const Rows u = rows_of<Dim>(x, k, j);
        const double* BOREAS_RESTRICT pb = &b(0, k, j, 0);
        double* BOREAS_RESTRICT pr = &r(0, k, j, 0);
        double t = 0.0;
        BOREAS_SIMD_SUM(t)
        for (int i = i0; i < i1; ++i) {
          const double v = pb[i] - apply_at<Dim>(row, u, i);
          pr[i] = v;
          t += v * v;
        }
        acc += t;
      },
      Kokkos::Sum<double>(s));
  return s;
}

template <int Dim, class C>
void diagonal_kernel(const Box& in, const C& c, const FieldView& d, bool inverse) {
  par_for_rows(
      "stencil_diagonal", in, KOKKOS_LAMBDA(const int k, const int j, const int i0, const int i1) {
        const auto row = c.template row<Dim>(k, j);
        double* pd = &d(0, k, j, 0);
        for (int i = i0; i < i1; ++i) pd[i] = inverse ? 1.0 / row.diag(i) : row.diag(i);
      });
}

// The variable-k stencil: face weights from harmonic means of k, and the
// diagonal. (A free function: nvcc does not allow extended lambdas in
// private member functions.)
VarCoefs variable_coefficients(const Mesh& mesh, const StencilSpec& spec, HaloExchange& halo) {
  VarCoefs var;
  const Box in = mesh.interior();
  // A private copy: its rank and periodic ghosts come from our own exchange.
  FieldView kc = mesh.make_field("stencil_k", 1);
  const FieldView src = spec.coefficient;
  if (src.extent(1) != kc.extent(1) || src.extent(2) != kc.extent(2) ||
      src.extent(3) != kc.extent(3)) {
    throw RuntimeError("elliptic coefficient field '" + src.label() +
                       "' does not match the mesh of the operator");
  }
  par_for(
      "stencil_copy_k", in,
      KOKKOS_LAMBDA(const int k, const int j, const int i) { kc(0, k, j, i) = src(0, k, j, i); });
  halo.exchange(kc);
  const int dim = mesh.dim();
  var.w = mesh.make_field("stencil_w", dim);
  var.diag = mesh.make_field("stencil_diag", 1);
  const FieldView w = var.w, diag = var.diag;
  const double shift = spec.shift;
  Kokkos::deep_copy(diag, 0.0);
  par_for(
      "stencil_diag_shift", in,
      KOKKOS_LAMBDA(const int k, const int j, const int i) { diag(0, k, j, i) = shift; });
  for (int d = 0; d < dim; ++d) {
    const int g = mesh.ghost(d), n = mesh.local_cells(d);
    const double h = mesh.dx(d);
    const double s = spec.scale / (h * h);
    const Face lower = static_cast<Face>(2 * d), upper = static_cast<Face>(2 * d + 1);
    const bool phys_lo = mesh.is_physical_boundary(lower);
    const bool phys_hi = mesh.is_physical_boundary(upper);
    const double m_lo = boundary_multiplier(spec.bcs, lower);
    const double m_hi = boundary_multiplier(spec.bcs, upper);
    const int oi = d == 0, oj = d == 1, ok = d == 2;
    // Faces: the interior cells' lower faces plus the last cell's upper face.
    Box faces = in;
    if (d == 0) faces.i1 += 1;
    if (d == 1) faces.j1 += 1;
    if (d == 2) faces.k1 += 1;
    par_for(
        "stencil_face_weights", faces, KOKKOS_LAMBDA(const int k, const int j, const int i) {
          const int idx = d == 0 ? i : (d == 1 ? j : k);
          double v = 0.0;
          if (!((idx == g && phys_lo) || (idx == g + n && phys_hi))) {
            const double a = kc(0, k - ok, j - oj, i - oi), b = kc(0, k, j, i);
            v = s * 2.0 * a * b / (a + b);
          }
          w(d, k, j, i) = v;
        });
    par_for(
        "stencil_diag_faces", in, KOKKOS_LAMBDA(const int k, const int j, const int i) {
          const int idx = d == 0 ? i : (d == 1 ? j : k);
          const double kk = kc(0, k, j, i);
          const double lo = idx == g && phys_lo ? m_lo * s * kk : w(d, k, j, i);
          const double hi =
              idx == g + n - 1 && phys_hi ? m_hi * s * kk : w(d, k + ok, j + oj, i + oi);
          diag(0, k, j, i) += lo + hi;
        });
  }
  return var;
}

}  // namespace

StencilOperator::StencilOperator(const EllipticProblem& p)
    : StencilOperator(mesh_of(p), spec_of(p)) {}

StencilOperator::StencilOperator(const Mesh& mesh, const StencilSpec& spec)
    : mesh_(mesh), spec_(spec) {
  check_conditions();
  bool dirichlet = false;
  for (int f = 0; f < 2 * mesh_.dim(); ++f) {
    const Face face = static_cast<Face>(f);
    BoundaryCondition bc = spec_.bcs.get(face, 0);
    if (bc.type == BoundaryType::dirichlet) dirichlet = true;
    bc.value = 0.0;
    homogeneous_.set(face, 0, bc);
  }
  singular_ = spec_.shift == 0.0 && !dirichlet;
  halo_ = std::make_unique<HaloExchange>(mesh_, 1);
  needs_exchange_ = mesh_.context().any(halo_->bytes_per_exchange() > 0);
  variable_ = spec_.coefficient.data() != nullptr;
  if (variable_) {
    build_variable();
  } else {
    build_constant();
  }
}

StencilOperator::~StencilOperator() = default;

void StencilOperator::check_conditions() const {
  if (!(spec_.scale > 0.0) || !(spec_.shift >= 0.0)) {
    throw InputError("elliptic operator needs scale > 0 and shift >= 0 (scale " +
                     std::to_string(spec_.scale) + ", shift " + std::to_string(spec_.shift) + ")");
  }
  if (spec_.coefficient.data() == nullptr && !(spec_.k_constant > 0.0)) {
    throw InputError("elliptic operator needs a positive coefficient k (got " +
                     std::to_string(spec_.k_constant) + ")");
  }
  check_boundaries(mesh_, spec_.bcs);
  for (int f = 0; f < 2 * mesh_.dim(); ++f) {
    const Face face = static_cast<Face>(f);
    const BoundaryType t = spec_.bcs.get(face, 0).type;
    if (t == BoundaryType::dirichlet || t == BoundaryType::neumann || t == BoundaryType::periodic) {
      continue;
    }
    throw InputError("elliptic solvers support dirichlet, neumann and periodic boundaries; " +
                     face_name(face) + " is '" + boundary_type_name(t) + "'");
  }
}

void StencilOperator::build_constant() {
  const_.shift = spec_.shift;
  for (int d = 0; d < 3; ++d) {
    const int e = mesh_.extent(d);
    Line w("stencil_w", static_cast<size_t>(e + 1));
    Line dg("stencil_dg", static_cast<size_t>(e + 1));
    auto hw = Kokkos::create_mirror_view(w);
    auto hdg = Kokkos::create_mirror_view(dg);
    Kokkos::deep_copy(hw, 0.0);
    Kokkos::deep_copy(hdg, 0.0);
    if (d < mesh_.dim()) {
      const int g = mesh_.ghost(d), n = mesh_.local_cells(d);
      const double h = mesh_.dx(d);
      const double face = spec_.scale * spec_.k_constant / (h * h);
      const Face lower = static_cast<Face>(2 * d), upper = static_cast<Face>(2 * d + 1);
      const bool phys_lo = mesh_.is_physical_boundary(lower);
      const bool phys_hi = mesh_.is_physical_boundary(upper);
      for (int c = g; c <= g + n; ++c) hw(c) = face;
      if (phys_lo) hw(g) = 0.0;
      if (phys_hi) hw(g + n) = 0.0;
      for (int c = g; c < g + n; ++c) {
        const double lo = c == g && phys_lo ? boundary_multiplier(spec_.bcs, lower) * face : face;
        const double hi =
            c == g + n - 1 && phys_hi ? boundary_multiplier(spec_.bcs, upper) * face : face;
        hdg(c) = lo + hi;
      }
    }
    Kokkos::deep_copy(w, hw);
    Kokkos::deep_copy(dg, hdg);
    const_.w[d] = w;
    const_.dg[d] = dg;
  }
}

void StencilOperator::build_variable() {
  var_ = variable_coefficients(mesh_, spec_, *halo_);
}

void StencilOperator::exchange(const FieldView& x) {
  if (needs_exchange_) halo_->exchange(x);
}

void StencilOperator::fill_ghosts(const FieldView& x) {
  exchange(x);
  apply_boundaries(mesh_, x, homogeneous_);
}

void StencilOperator::apply(const FieldView& x, const FieldView& y) {
  fill_ghosts(x);
  apply_dot(x, y);
}

double StencilOperator::apply_dot(const FieldView& x, const FieldView& y) {
  double s = 0.0;
  const Box in = mesh_.interior();
  visit_stencil(
      *this, [&](auto dim, const auto& c) { s = apply_kernel<decltype(dim)::value>(in, c, x, y); });
  return s;
}

double StencilOperator::residual(const FieldView& b, const FieldView& x, const FieldView& r) {
  double s = 0.0;
  const Box in = mesh_.interior();
  visit_stencil(*this, [&](auto dim, const auto& c) {
    s = residual_kernel<decltype(dim)::value>(in, c, b, x, r);
  });
  return s;
}

void StencilOperator::diagonal(const FieldView& d) {
  const Box in = mesh_.interior();
  visit_stencil(*this, [&](auto dim, const auto& c) {
    diagonal_kernel<decltype(dim)::value>(in, c, d, false);
  });
}

void StencilOperator::inverse_diagonal(const FieldView& dinv) {
  const Box in = mesh_.interior();
  visit_stencil(*this, [&](auto dim, const auto& c) {
    diagonal_kernel<decltype(dim)::value>(in, c, dinv, true);
  });
}

}  // namespace boreas::linear
