#include "support/test_support.h"

#include <sys/wait.h>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace fs = std::filesystem;

namespace roiname::testing {

fs::path shared_dir() {
  const char* env = std::getenv("ROINAME_SHARED_DIR");
  fs::path dir = env ? fs::path(env) : fs::path(ROINAME_SHARED_DIR);
  std::error_code ec;
  if (fs::is_directory(dir / "data" / "dicom", ec)) return fs::weakly_canonical(dir);
  return {};
}

fs::path source_dir() { return fs::path(ROINAME_SOURCE_DIR); }

TempDir::TempDir() {
  std::random_device rd;
  for (;;) {
    path_ = fs::temp_directory_path() / ("roiname-test-" + std::to_string(rd()));
    if (fs::create_directory(path_)) break;
  }
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'')
      quoted += "'\\''";
    else
      quoted += c;
  }
  return quoted + "'";
}

static std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

CommandResult run_shell(const std::string& command) {
  TempDir tmp;
  const fs::path out = tmp.path() / "out", err = tmp.path() / "err";
  const std::string full =
      command + " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string()) + " </dev/null";
  const int status = std::system(full.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_all(out);
  result.err = read_all(err);
  return result;
}

CommandResult run_roiname(const std::string& args) {
  return run_shell(shell_quote(ROINAME_BINARY) + " " + args);
}

}  // namespace roiname::testing
