// MPI-aware GoogleTest main: rank 0 prints results; failures on other ranks
// are printed with their rank; the process exits non-zero on every rank if
// any rank failed (docs/architecture.md, "Tests").
#include <gtest/gtest.h>

#include <cstdio>

#include "core/context.hpp"
#include "tests/test_context.hpp"

namespace {
boreas::Context* g_ctx = nullptr;

class RankFailurePrinter : public ::testing::EmptyTestEventListener {
 public:
  explicit RankFailurePrinter(int rank) : rank_(rank) {}
  void OnTestPartResult(const ::testing::TestPartResult& r) override {
    if (!r.failed()) return;
    std::fprintf(stderr, "[rank %d] %s:%d: Failure\n%s\n", rank_,
                 r.file_name() ? r.file_name() : "?", r.line_number(), r.summary());
  }

 private:
  int rank_;
};
}  // namespace

namespace boreas::testing {
const Context& context() {
  return *g_ctx;
}
}  // namespace boreas::testing

int main(int argc, char** argv) {
  int rc = 0;
  {
    boreas::Context ctx(argc, argv);
    g_ctx = &ctx;
    ::testing::InitGoogleTest(&argc, argv);
    auto& listeners = ::testing::UnitTest::GetInstance()->listeners();
    if (ctx.rank() != 0) {
      delete listeners.Release(listeners.default_result_printer());
      listeners.Append(new RankFailurePrinter(ctx.rank()));
    }
    int local = RUN_ALL_TESTS();
    rc = ctx.max(static_cast<long long>(local)) != 0 ? 1 : 0;
    g_ctx = nullptr;
  }
  return rc;
}
