#include "zoneperf/text/markup.hpp"

namespace zoneperf {
namespace {

constexpr char32_t invalid = 0xFFFFFFFF;
constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

struct code_point {
  char32_t value;   // `invalid` for a byte that does not start a valid UTF-8 sequence
  std::size_t len;  // bytes: 1 for an invalid byte
};

code_point decode(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return {c, 1};
  std::size_t len = 0;
  char32_t cp = 0, min = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2, min = 0x80, cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, min = 0x800, cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, min = 0x10000, cp = c & 0x07;
  } else {
    return {invalid, 1};
  }
  if (i + len > s.size()) return {invalid, 1};
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return {invalid, 1};
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {invalid, 1};
  return {cp, len};
}

bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// What xml_safe replaces.
bool disallowed(char32_t cp) {
  if (cp == invalid) return true;
  if (is_control(cp)) return cp != '\t' && cp != '\n' && cp != '\r';
  return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

// Appends `text` with xml_safe's replacements, passing each ASCII byte to `ascii` (which appends
// it, escaped as it likes).
template <class Ascii>
void each_safe(std::string& out, std::string_view text, Ascii ascii) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) {
      ascii(out, static_cast<char>(c));
      ++i;
      continue;
    }
    const code_point p = decode(text, i);
    if (disallowed(p.value))
      out += replacement;
    else if (p.len == 1)
      ascii(out, static_cast<char>(c));  // tab, LF, CR
    else
      out.append(text.substr(i, p.len));
    i += p.len;
  }
}

}  // namespace

std::string xml_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  each_safe(out, text, [](std::string& o, char c) { o += c; });
  return out;
}

namespace {
// The HTML entity for &, < and > (and, with `quotes`, " and '); nullptr for any other byte.
const char* entity_of(char c, bool quotes) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return quotes ? "&quot;" : nullptr;
    case '\'':
      return quotes ? "&#39;" : nullptr;
    default:
      return nullptr;
  }
}
}  // namespace

std::string xml_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  each_safe(out, text, [](std::string& o, char c) {
    if (const char* e = entity_of(c, true))
      o += e;
    else
      o += c;
  });
  return out;
}

std::string markdown_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  each_safe(out, text, [](std::string& o, char c) {
    if (const char* e = entity_of(c, false)) {
      o += e;
      return;
    }
    switch (c) {
      case '|':
        o += "\\|";
        break;
      case '\\':
        o += "\\\\";
        break;
      case '\n':
      case '\r':
        o += ' ';
        break;
      default:
        o += c;
    }
  });
  return out;
}

namespace detail {
std::size_t find_control_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const code_point p = decode(text, i);
    if (p.value != invalid && is_control(p.value)) return i;
    i += p.len;
  }
  return std::string_view::npos;
}

std::size_t utf16_length(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size();) {
    const code_point p = decode(text, i);
    n += p.value != invalid && p.value > 0xFFFF ? 2 : 1;
    i += p.len;
  }
  return n;
}
}  // namespace detail

}  // namespace zoneperf
