#include "core/ordered_parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

namespace roiname {
namespace {

TEST(OrderedParallel, ConsumesEveryItemOnceInIndexOrder) {
  for (int threads : {1, 2, 4}) {
    SCOPED_TRACE(threads);
    std::vector<std::size_t> order;
    std::vector<std::string> values;
    ordered_parallel<std::string>(
        100, threads, 3, [](std::size_t i) { return "item " + std::to_string(i); },
        [&](std::size_t i, std::string&& value) {
          order.push_back(i);
          values.push_back(std::move(value));
        });
    ASSERT_EQ(order.size(), 100u);
    for (std::size_t i = 0; i < order.size(); ++i) {
      EXPECT_EQ(order[i], i);
      EXPECT_EQ(values[i], "item " + std::to_string(i));
    }
  }
}

TEST(OrderedParallel, NeverHoldsMoreThanTheWindow) {
  // Items produced but not yet consumed never exceed the window, however
  // the threads are scheduled: what keeps memory flat.
  std::atomic<int> produced{0}, consumed{0}, most_waiting{0};
  ordered_parallel<int>(
      500, 4, 6,
      [&](std::size_t i) {
        const int waiting = ++produced - consumed;
        int seen = most_waiting;
        while (waiting > seen && !most_waiting.compare_exchange_weak(seen, waiting)) {
        }
        return static_cast<int>(i);
      },
      [&](std::size_t i, int&& value) {
        EXPECT_EQ(static_cast<std::size_t>(value), i);
        ++consumed;
      });
  EXPECT_EQ(consumed, 500);
  EXPECT_LE(most_waiting, 6);
}

TEST(OrderedParallel, NothingToDoIsFine) {
  int calls = 0;
  ordered_parallel<int>(
      0, 4, 4, [&](std::size_t) { return ++calls; }, [&](std::size_t, int&&) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(OrderedParallel, AnExceptionStopsTheWorkAndIsRethrown) {
  for (int threads : {1, 3}) {
    std::atomic<int> consumed{0};
    EXPECT_THROW(ordered_parallel<int>(
                     1000, threads, 4,
                     [](std::size_t i) {
                       if (i == 10) throw std::runtime_error("bug");
                       return static_cast<int>(i);
                     },
                     [&](std::size_t, int&&) { ++consumed; }),
                 std::runtime_error);
    EXPECT_LE(consumed, 10);
  }
  EXPECT_THROW(ordered_parallel<int>(
                   50, 2, 4, [](std::size_t i) { return static_cast<int>(i); },
                   [](std::size_t i, int&&) {
                     if (i == 5) throw std::logic_error("sink bug");
                   }),
               std::logic_error);
}

}  // namespace
}  // namespace roiname
