// Helpers shared by the test suites: where real data lives, temporary
// folders, and running the built roiname binary.
#pragma once

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace roiname::testing {

// The shared/ folder with real DICOM and names, or empty when absent.
std::filesystem::path shared_dir();

// Skips the current test, with the reason, when shared/ is absent.
#define ROINAME_REQUIRE_SHARED()                                            \
  do {                                                                      \
    if (::roiname::testing::shared_dir().empty())                           \
      GTEST_SKIP() << "shared data folder not found at " ROINAME_SHARED_DIR \
                   << " (set ROINAME_SHARED_DIR); real-data test skipped";  \
  } while (0)

// The project source tree (for data/ and examples/).
std::filesystem::path source_dir();

// A fresh empty temporary folder, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the built roiname binary with `args` (already shell-quoted where
// needed) and captures its output.
CommandResult run_roiname(const std::string& args);

// Runs any shell command and captures its output.
CommandResult run_shell(const std::string& command);

// Quotes a string for /bin/sh.
std::string shell_quote(const std::string& text);

}  // namespace roiname::testing
