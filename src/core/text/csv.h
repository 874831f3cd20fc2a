// CSV output: RFC 4180 quoting of one field.
#pragma once

#include <string>
#include <string_view>

namespace roiname {

// `text` as one CSV field: unchanged when it holds no comma, quote or line
// break, else wrapped in quotes with inner quotes doubled.
std::string csv_field(std::string_view text);

}  // namespace roiname
