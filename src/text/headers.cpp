#include "zoneperf/text/headers.hpp"

#include <array>

namespace zoneperf {

std::string fold_header(std::string_view h) {
  std::string out;
  out.reserve(h.size());
  for (std::size_t i = 0; i < h.size();) {
    const auto c = static_cast<unsigned char>(h[i]);
    // U+FF01..U+FF5E is EF BC 81..BF and EF BD 80..9E; U+3000 is E3 80 80.
    if (c == 0xEF && i + 2 < h.size()) {
      const auto b1 = static_cast<unsigned char>(h[i + 1]), b2 = static_cast<unsigned char>(h[i + 2]);
      if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) {
        out += static_cast<char>(0x21 + (b2 - 0x81));
        i += 3;
        continue;
      }
      if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) {
        out += static_cast<char>(0x60 + (b2 - 0x80));
        i += 3;
        continue;
      }
    }
    if (c == 0xE3 && i + 2 < h.size() && static_cast<unsigned char>(h[i + 1]) == 0x80 &&
        static_cast<unsigned char>(h[i + 2]) == 0x80) {
      out += ' ';
      i += 3;
      continue;
    }
    out += h[i++];
  }
  const auto blank = [](char ch) { return ch == ' ' || ch == '\t'; };
  std::size_t b = 0, e = out.size();
  while (b < e && blank(out[b])) ++b;
  while (e > b && blank(out[e - 1])) --e;
  return out.substr(b, e - b);
}

bracketed split_bracket(std::string_view s) {
  bracketed out{s, {}, false};
  if (s.empty() || s.back() != ')') return out;
  // The "(" that opens the last bracket, nested brackets counted.
  int depth = 0;
  for (std::size_t i = s.size(); i-- > 0;) {
    if (s[i] == ')') {
      ++depth;
    } else if (s[i] == '(' && --depth == 0) {
      std::string_view base = s.substr(0, i);
      while (!base.empty() && (base.back() == ' ' || base.back() == '\t')) base.remove_suffix(1);
      if (base.empty()) return out;  // "(亿元)" alone is no name with a bracket
      out.base = base;
      out.bracket = s.substr(i + 1, s.size() - i - 2);
      out.has_bracket = true;
      return out;
    }
  }
  return out;
}

bool is_unit_header(std::string_view header) {
  static constexpr std::array<std::string_view, 5> names = {"unit", "单位", "单位名称", "专班", "考核单位"};
  const std::string folded = fold_header(header);
  for (const auto n : names)
    if (folded == n) return true;
  return false;
}

}  // namespace zoneperf
