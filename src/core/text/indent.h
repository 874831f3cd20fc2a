// Indenting multi-line text, for documents written piece by piece (a JSON
// array streamed item by item must look as if the whole were pretty-printed).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace roiname {

// `text` with every line after the first indented by `spaces` more spaces.
std::string indent_following_lines(std::string_view text, std::size_t spaces);

}  // namespace roiname
