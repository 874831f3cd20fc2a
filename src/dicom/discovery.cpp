#include "dicom/discovery.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <set>

namespace roiname::dicom {

namespace fs = std::filesystem;

static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

FileContent sniff_content(std::string_view head, std::uintmax_t file_size) {
  if (head.size() >= 132 && std::memcmp(head.data() + 128, "DICM", 4) == 0) return FileContent::part10;
  if (head.size() < 8) return FileContent::not_dicom;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(head[i])); };
  const unsigned group_le = byte(0) | (byte(1) << 8), element_le = byte(2) | (byte(3) << 8);
  const unsigned group_be = (byte(0) << 8) | byte(1), element_be = (byte(2) << 8) | byte(3);
  // A bare data set starts with the file meta group (0002) or the first
  // identifying group (0008), at a low element number.
  const bool little = (group_le == 0x0002 || group_le == 0x0008) && element_le < 0x0100;
  const bool big = group_be == 0x0008 && element_be < 0x0100;
  if (!little && !big) return FileContent::not_dicom;
  const bool explicit_vr = is_upper(head[4]) && is_upper(head[5]);
  const std::uintmax_t implicit_length =
      little ? (byte(4) | (byte(5) << 8) | (byte(6) << 16) | (static_cast<std::uintmax_t>(byte(7)) << 24))
             : ((static_cast<std::uintmax_t>(byte(4)) << 24) | (byte(5) << 16) | (byte(6) << 8) | byte(7));
  if (explicit_vr || implicit_length + 8 <= file_size) return FileContent::raw_dataset;
  return FileContent::not_dicom;
}

FileContent sniff_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return FileContent::unreadable;
  char head[132];
  in.read(head, sizeof head);
  const auto got = static_cast<std::size_t>(in.gcount());
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  return sniff_content(std::string_view(head, got), ec ? got : size);
}

FileList list_files(const std::vector<fs::path>& roots) {
  FileList list;
  std::set<std::string> seen;
  const auto add = [&](const fs::path& file) {
    if (seen.insert(file.string()).second) list.files.push_back(file);
  };
  for (const fs::path& root : roots) {
    std::error_code ec;
    if (fs::is_regular_file(root, ec)) {
      add(root);
      continue;
    }
    if (!fs::is_directory(root, ec)) {
      list.errors.push_back({root.string(), "no such file or folder"});
      continue;
    }
    std::vector<fs::path> found;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      list.errors.push_back({root.string(), "cannot read folder: " + ec.message()});
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        list.errors.push_back({root.string(), "cannot read part of folder: " + ec.message()});
        break;
      }
      std::error_code type_ec;
      if (it->is_regular_file(type_ec)) found.push_back(it->path());
    }
    std::sort(found.begin(), found.end());
    for (const auto& file : found) add(file);
  }
  return list;
}

}  // namespace roiname::dicom
