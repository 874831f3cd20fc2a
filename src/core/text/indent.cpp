#include "core/text/indent.h"

namespace roiname {

std::string indent_following_lines(std::string_view text, std::size_t spaces) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    out += c;
    if (c == '\n') out.append(spaces, ' ');
  }
  return out;
}

}  // namespace roiname
