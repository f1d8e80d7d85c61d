#include "zoneperf/io/csv.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "zoneperf/error.hpp"

namespace zoneperf {

std::string csv_table::where(std::size_t row, std::size_t column) const {
  return source + ":" + std::to_string(lines.at(row)) + ":" + std::to_string(column + 1);
}

std::string csv_table::header_where(std::size_t column) const {
  return source + ":" + std::to_string(header_line) + ":" + std::to_string(column + 1);
}

namespace detail {
std::size_t find_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned int min = 0, cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000, cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}
}  // namespace detail

csv_table read_csv(std::string_view text, std::string source) {
  csv_table t;
  t.source = std::move(source);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  if (auto bad = detail::find_invalid_utf8(text); bad != std::string_view::npos) {
    std::size_t line = 1, line_start = 0;
    for (std::size_t i = 0; i < bad; ++i)
      if (text[i] == '\n') ++line, line_start = i + 1;
    throw error(errc::csv_not_utf8, t.source + ":" + std::to_string(line),
                "not UTF-8 (invalid byte sequence at byte " + std::to_string(bad - line_start + 1) +
                    " of the line; save the file as UTF-8)");
  }

  std::vector<std::vector<std::string>> records;
  std::vector<std::size_t> starts;
  std::size_t line = 1;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    // One record.
    const std::size_t record_line = line;
    std::vector<std::string> fields;
    std::string field;
    bool blank = true;
    for (;;) {
      if (i < n && text[i] == '"') {
        blank = false;
        const std::size_t quote_line = line;
        const std::size_t column = fields.size() + 1;
        ++i;
        for (;;) {
          if (i >= n)
            throw error(errc::csv_unterminated_quote,
                        t.source + ":" + std::to_string(quote_line) + ":" + std::to_string(column),
                        "unterminated quoted field");
          if (text[i] == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (text[i] == '\n') ++line;
          field += text[i++];
        }
        if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
          throw error(errc::csv_bad_quote,
                      t.source + ":" + std::to_string(line) + ":" + std::to_string(column),
                      "text after the closing quote of a quoted field");
      } else {
        while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"')
            throw error(errc::csv_bad_quote,
                        t.source + ":" + std::to_string(line) + ":" + std::to_string(fields.size() + 1),
                        "a quote inside an unquoted field (quote the whole field and double the quote)");
          blank = false;
          field += text[i++];
        }
      }
      fields.push_back(std::move(field));
      field.clear();
      if (i < n && text[i] == ',') {
        blank = false;
        ++i;
        continue;
      }
      if (i < n && text[i] == '\r') ++i;
      if (i < n && text[i] == '\n') ++i, ++line;
      break;
    }
    if (blank) continue;  // an empty line
    records.push_back(std::move(fields));
    starts.push_back(record_line);
  }
  if (records.empty()) throw error(errc::csv_empty, t.source, "empty file: expected a header row");

  t.header = std::move(records.front());
  t.header_line = starts.front();
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != t.header.size())
      throw error(errc::csv_field_count, t.source + ":" + std::to_string(starts[r]),
                  "row has " + std::to_string(records[r].size()) + " fields, the header has " +
                      std::to_string(t.header.size()));
    t.rows.push_back(std::move(records[r]));
    t.lines.push_back(starts[r]);
  }
  return t;
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw error(errc::cannot_open, path, "cannot open file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

csv_table read_csv_file(const std::string& path) { return read_csv(read_text_file(path), path); }

std::optional<double> parse_number(std::string_view cell, const std::string& where) {
  while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t')) cell.remove_prefix(1);
  while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t')) cell.remove_suffix(1);
  if (cell.empty()) return std::nullopt;
  std::string_view digits = cell;
  if (digits.front() == '+') digits.remove_prefix(1);
  double value = 0;
  const char* first = digits.data();
  const char* last = digits.data() + digits.size();
  auto [ptr, ec] = std::from_chars(first, last, value, std::chars_format::general);
  // Quote the cell in messages, cut at 40 bytes (on a UTF-8 boundary) so a huge cell stays readable.
  std::string_view shown = cell;
  bool cut = false;
  if (shown.size() > 40) {
    std::size_t n = 37;
    while (n > 0 && (static_cast<unsigned char>(shown[n]) & 0xC0) == 0x80) --n;
    shown = shown.substr(0, n);
    cut = true;
  }
  const std::string quoted =
      "\"" + std::string(shown) + (cut ? "...\" (" + std::to_string(cell.size()) + " bytes)" : "\"");
  if (ec == std::errc::result_out_of_range)
    throw error(errc::out_of_range, where, "number out of range: " + quoted);
  if (ec != std::errc() || ptr != last) throw error(errc::not_a_number, where, "not a number: " + quoted);
  if (!std::isfinite(value)) throw error(errc::not_finite, where, "not a finite number: " + quoted);
  return value;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace zoneperf
