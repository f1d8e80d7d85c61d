#include "zoneperf/text/json_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "shortest_digits.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/text/csv.hpp"

namespace zoneperf {

void check_json_indent(int indent) {
  if (indent < -1 || indent > 16)
    throw error(errc::bad_value, "indent",
                "the indent must be -1 (compact) or 0 to 16, not " + std::to_string(indent));
}

json_writer::json_writer(text_output& out, int indent) : out_(out), indent_(indent) {
  check_json_indent(indent);
}

void json_writer::newline(std::size_t depth) {
  if (indent_ < 0) return;
  static const std::string spaces(256, ' ');
  std::string& b = out_.buffer();
  b += '\n';
  for (std::size_t n = depth * static_cast<std::size_t>(indent_); n > 0;) {
    const std::size_t k = std::min(n, spaces.size());
    b.append(spaces, 0, k);
    n -= k;
  }
}

void json_writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (stack_.empty()) return;
  level& l = stack_.back();
  if (l.count++) out_ << ',';
  newline(stack_.size());
}

void json_writer::key(std::string_view k) {
  level& l = stack_.back();
  if (l.count++) out_ << ',';
  newline(stack_.size());
  string(k);
  out_ << (indent_ < 0 ? ":" : ": ");
  after_key_ = true;
}

void json_writer::begin_object() {
  before_value();
  out_ << '{';
  stack_.push_back({true, 0});
}

void json_writer::begin_array() {
  before_value();
  out_ << '[';
  stack_.push_back({false, 0});
}

void json_writer::close(char bracket) {
  const bool any = stack_.back().count > 0;
  stack_.pop_back();
  if (any) newline(stack_.size());
  out_ << bracket;
  out_.maybe_flush();
}

void json_writer::end_object() { close('}'); }
void json_writer::end_array() { close(']'); }

void json_writer::value(std::string_view s) {
  before_value();
  string(s);
}

// The shortest digits that read back exactly (fmt's Dragonbox, shortest_digits.hpp; nlohmann's
// Grisu2 now and then writes one digit more), laid out as nlohmann::json lays out
// a double: plain digits with ".0" for integers below 10^15, "0.000ddd" down to 10^-4, else
// "d.ddde+XX" (at least two exponent digits); "-0.0".
char* write_json_number(char* o, double v) noexcept {
  if (!std::isfinite(v)) {
    std::memcpy(o, "null", 4);
    return o + 4;
  }
  // Copies are of fixed sizes (inlined moves, not memmove calls), within json_number_room of `o`
  // (at most the sign, 1 + 15 + 1 + 17 bytes).
  if (std::signbit(v)) *o++ = '-', v = -v;
  if (v == 0) {
    std::memcpy(o, "0.0", 3);
    return o + 3;
  }
  char digits_buf[48];
  const auto [digits, k, n] = detail::shortest_digits(v, digits_buf);  // v = 0.digits × 10^n
  if (k <= n && n <= 15) {                                             // digits[000].0
    std::memcpy(o, digits, 16);
    std::memset(o + k, '0', 16);
    o += n;
    std::memcpy(o, ".0", 2);
    o += 2;
  } else if (0 < n && n <= 15) {  // dig.its
    std::memcpy(o, digits, 16);
    o[n] = '.';
    std::memcpy(o + n + 1, digits + n, 17);
    o += k + 1;
  } else if (-4 < n && n <= 0) {  // 0.[000]digits
    std::memcpy(o, "0.0000", 6);
    std::memcpy(o + 2 - n, digits, 17);
    o += 2 - n + k;
  } else {  // d.igitse+XX
    *o++ = digits[0];
    if (k > 1) {
      *o++ = '.';
      std::memcpy(o, digits + 1, 17);
      o += k - 1;
    }
    const int x = n - 1;
    *o++ = 'e';
    *o++ = x < 0 ? '-' : '+';
    const int a = x < 0 ? -x : x;
    if (a >= 100) *o++ = static_cast<char>('0' + a / 100);
    *o++ = static_cast<char>('0' + a / 10 % 10);
    *o++ = static_cast<char>('0' + a % 10);
  }
  return o;
}

void append_json_number(std::string& out, double v) {
  char buf[json_number_room];
  out.append(buf, write_json_number(buf, v));
}

std::string json_quoted(std::string_view s) {
  text_output out;
  json_writer w(out, -1);
  w.value(s);
  return out.str();
}

std::string json_newline(int indent, std::size_t depth) {
  if (indent < 0) return {};
  return "\n" + std::string(depth * static_cast<std::size_t>(indent), ' ');
}

std::string& json_writer::raw_value() {
  before_value();
  return out_.buffer();
}

void json_writer::value(double v) {
  before_value();
  append_json_number(out_.buffer(), v);
}

void json_writer::value(std::int64_t v) {
  before_value();
  out_ << std::string_view(std::to_string(v));
}

void json_writer::value(bool v) {
  before_value();
  out_ << (v ? "true" : "false");
}

void json_writer::null() {
  before_value();
  out_ << "null";
}

void json_writer::string(std::string_view s) {
  // Most strings are plain ASCII with nothing to escape: written as they are.
  bool plain = true;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    plain = plain && c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
  }
  if (plain) {
    std::string& b = out_.buffer();
    b += '"';
    b.append(s);
    b += '"';
    return;
  }
  if (detail::find_invalid_utf8(s) != std::string_view::npos)
    throw error(errc::csv_not_utf8, "json", "a string to write is not UTF-8");
  std::string& b = out_.buffer();
  b += '"';
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        b += "\\\"";
        break;
      case '\\':
        b += "\\\\";
        break;
      case '\b':
        b += "\\b";
        break;
      case '\f':
        b += "\\f";
        break;
      case '\n':
        b += "\\n";
        break;
      case '\r':
        b += "\\r";
        break;
      case '\t':
        b += "\\t";
        break;
      default:
        if (c < 0x20) {
          static const char hex[] = "0123456789abcdef";
          b += "\\u00";
          b += hex[c >> 4];
          b += hex[c & 15];
        } else {
          b += ch;
        }
    }
  }
  b += '"';
}

}  // namespace zoneperf
