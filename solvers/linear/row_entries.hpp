#pragma once
// One row of an assembled elliptic operator as (column offset, value)
// pairs: plain data, filled by EllipticRowBuilder (elliptic_row.hpp) on the
// device for the CSR matrix or on the host for the PETSc Mat.
namespace boreas::linear {

// Entry 0 is the diagonal; neighbours follow in the order -x, +x, -y, +y, -z, +z.
struct RowEntries {
  static constexpr int kMax = 7;
  int count = 0;
  int di[kMax], dj[kMax], dk[kMax];  // column cell minus row cell
  double value[kMax];
};

}  // namespace boreas::linear
