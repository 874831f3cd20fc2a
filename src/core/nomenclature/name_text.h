// Small text helpers shared by the nomenclature sources (not a public API).
#pragma once

#include <string>
#include <string_view>

namespace roiname::nomenclature_detail {

// 'name' in single quotes, for error messages.
inline std::string quoted(std::string_view s) {
  std::string text(1, '\'');
  text.append(s);
  text += '\'';
  return text;
}

// 3 → "03" (margins, crops and Gy decimals are written with two digits).
inline std::string two_digits(int n) {
  std::string text = std::to_string(n);
  if (text.size() < 2) text.insert(text.begin(), '0');
  return text;
}

}  // namespace roiname::nomenclature_detail
