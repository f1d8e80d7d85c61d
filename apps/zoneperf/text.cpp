// Terminal text helpers for the command-line tool.
#include <algorithm>
#include <iostream>
#include <streambuf>

#include "cli.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/markup.hpp"
#include "zoneperf/text/number.hpp"
#include "zoneperf/text/workbook.hpp"

namespace zoneperf::cli {
namespace {
// Decodes one UTF-8 code point (the library has validated the text; bad bytes count as one).
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (i + len > s.size()) len = 1;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}
bool is_wide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
         (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}
// Passes what is written on to `dest` in the Excel form (no buffer of its own: every write goes
// through at once, so text written straight to `dest` before or after keeps its order).
class excel_csv_buf final : public std::streambuf {
 public:
  explicit excel_csv_buf(std::ostream& dest) : dest_(dest) {}

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    piece_.clear();
    form_.append(piece_, std::string_view(s, static_cast<std::size_t>(n)));
    dest_.write(piece_.data(), static_cast<std::streamsize>(piece_.size()));
    return dest_ ? n : 0;
  }
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char ch = traits_type::to_char_type(c);
    return xsputn(&ch, 1) == 1 ? c : traits_type::eof();
  }
  int sync() override { return dest_.flush() ? 0 : -1; }

 private:
  std::ostream& dest_;
  excel_csv form_;
  std::string piece_;
};

csv_form stdout_csv_form = csv_form::plain;
}  // namespace

void set_stdout_csv_form(csv_form form) { stdout_csv_form = form; }

std::ostream& output_for(output_format f) {
  if (f != output_format::csv || stdout_csv_form == csv_form::plain) return std::cout;
  static excel_csv_buf buf(std::cout);
  static std::ostream excel(&buf);
  return excel;
}

const CLI::Validator table_file(
    [](std::string& path) {
      return path == "-" ? std::string() : CLI::ExistingFile(detail::split_sheet(path).first);
    },
    "FILE[#SHEET]|-", "TABLE");

std::size_t display_width(std::string_view text) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = next_code_point(text, i);
    if (cp == 0xFE0F || (cp >= 0x300 && cp <= 0x36F)) continue;  // variation selector, combining marks
    w += is_wide(cp) ? 2 : 1;
  }
  return w;
}

std::string pad(std::string_view text, std::size_t width, bool right) {
  const std::size_t w = display_width(text);
  const std::string fill(w < width ? width - w : 0, ' ');
  return right ? fill + std::string(text) : std::string(text) + fill;
}

std::string text_table::render() const {
  std::vector<std::size_t> width(header.size(), 0);
  for (std::size_t c = 0; c < header.size(); ++c) width[c] = display_width(header[c]);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size() && c < width.size(); ++c)
      width[c] = std::max(width[c], display_width(row[c]));
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c) out += "  ";
      const bool r = c < right.size() && right[c];
      out += pad(cells[c], width[c], r);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(header);
  std::size_t total = 0;
  for (auto w : width) total += w;
  out += std::string(total + 2 * (width.empty() ? 0 : width.size() - 1), '-') + "\n";
  for (const auto& row : rows) out += line(row);
  return out;
}

std::string text_table::markdown() const {
  std::string out = "|";
  for (const auto& h : header) out += " " + markdown_text(h) + " |";
  out += "\n|";
  for (std::size_t c = 0; c < header.size(); ++c) out += (c < right.size() && right[c]) ? "---:|" : "---|";
  out += "\n";
  for (const auto& row : rows) {
    out += "|";
    for (const auto& cell : row) out += " " + markdown_text(cell) + " |";
    out += "\n";
  }
  return out;
}

std::string text_table::csv() const {
  auto line = [](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c)
      out += (c ? "," : "") + csv_field(cells[c], csv_for::people);
    return out + "\n";
  };
  std::string out = line(header);
  for (const auto& row : rows) out += line(row);
  return out;
}

}  // namespace zoneperf::cli
