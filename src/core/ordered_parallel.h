// Work items produced on several threads and consumed one at a time in
// index order, with a bounded number of results waiting: what lets `scan`
// and `run` stream their output in input order, identical at any -j, with
// memory that does not grow with the number of items.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace roiname {

// Calls produce(i) for every i in [0, count) on `threads` threads (the
// calling thread is one of them) and consume(i, result) in increasing i,
// never concurrently. A thread does not start item i while item
// i - window has not been consumed, so at most `window` results exist at
// once (window is raised to the thread count when lower). An exception from
// produce or consume stops the work and is rethrown here once every thread
// has stopped.
template <typename T>
void ordered_parallel(std::size_t count, int threads, std::size_t window,
                      const std::function<T(std::size_t)>& produce,
                      const std::function<void(std::size_t, T&&)>& consume) {
  const int thread_count = std::clamp<int>(threads, 1, static_cast<int>(std::max<std::size_t>(count, 1)));
  window = std::max<std::size_t>(window, static_cast<std::size_t>(thread_count));
  std::mutex mutex;
  std::condition_variable room;  // signalled when an item is consumed or the work stops
  std::size_t next = 0;          // next item to produce
  std::size_t next_out = 0;      // next item to consume
  bool consuming = false;        // a thread is in the consume loop
  std::map<std::size_t, T> ready;
  std::exception_ptr failure;

  const auto fail = [&](std::unique_lock<std::mutex>& lock) {
    if (!lock.owns_lock()) lock.lock();
    if (!failure) failure = std::current_exception();
    room.notify_all();
  };
  const auto work = [&] {
    while (true) {
      std::unique_lock lock(mutex);
      room.wait(lock, [&] { return failure || next >= count || next < next_out + window; });
      if (failure || next >= count) return;
      const std::size_t index = next++;
      lock.unlock();
      try {
        T result = produce(index);
        lock.lock();
        ready.emplace(index, std::move(result));
      } catch (...) {
        fail(lock);
        return;
      }
      // Whoever holds the next item in order consumes; one thread at a time.
      if (consuming) continue;
      consuming = true;
      while (!failure) {
        const auto it = ready.find(next_out);
        if (it == ready.end()) break;
        T item = std::move(it->second);
        ready.erase(it);
        const std::size_t item_index = next_out;
        lock.unlock();
        try {
          consume(item_index, std::move(item));
        } catch (...) {
          fail(lock);
          break;
        }
        lock.lock();
        ++next_out;
        room.notify_all();
      }
      consuming = false;
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < thread_count; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace roiname
