#pragma once

namespace roiname {
inline constexpr const char* kVersion = "0.1.0";
}
