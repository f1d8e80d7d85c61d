// What the workbook sources share (rows shaped as a table's, sheet choice, number formats, dates,
// percentages), and open_cells: a table file's format chosen by its content.
#include "zoneperf/text/workbook.hpp"

#include <sys/stat.h>

#include <cmath>
#include <cstdio>
#include <cstring>

#include "zoneperf/error.hpp"

namespace zoneperf {

namespace detail {

std::size_t sheet_source::choose_sheet(const std::string& file, const std::string& wanted) {
  std::size_t k = 0;
  if (!wanted.empty()) {
    while (k < sheets_.size() && sheets_[k] != wanted) ++k;
  }
  if (k == sheets_.size()) {
    std::string list;
    for (const auto& s : sheets_) list += (list.empty() ? "\"" : ", \"") + s + "\"";
    throw error(errc::workbook_no_sheet, file,
                sheets_.empty() ? std::string("the workbook has no sheet")
                                : "no sheet \"" + wanted + "\" (the workbook's sheets: " + list + ")");
  }
  name_ = file + ":" + quoted_sheet_name(sheets_[k]);
  return k;
}

bool sheet_source::take_row(std::size_t row) {
  std::size_t last = row_.size();
  while (last > 0 && row_[last - 1].empty()) --last;
  if (last == 0) return false;
  line_ = row;
  if (width_ == 0) {
    std::size_t first = 0;
    while (row_[first].empty()) ++first;
    for (std::size_t c = first; c < last; ++c)
      if (row_[c].empty())
        throw error(errc::workbook_empty_header_cell, where_at(row, c),
                    "empty header cell between named columns (a merged header cell keeps its text in its "
                    "first cell only: unmerge the header cells and give every column its own name)");
    width_ = last;
  } else if (last > width_) {
    throw error(errc::workbook_cell_outside_header, where_at(row, last - 1),
                "a filled cell right of the header's last column " + column_letters(width_ - 1) +
                    " (give its column a header, or clear it)");
  }
  row_.resize(width_);
  cells_.swap(row_);
  return true;
}

table_format detect_table_format(std::string_view b) {
  if (b.size() >= 4 && b.substr(0, 4) == std::string_view("PK\3\4", 4)) return table_format::xlsx;
  if (b.size() >= 4 && b.substr(0, 4) == "\xD0\xCF\x11\xE0") return table_format::xls;
  return table_format::csv;
}

std::pair<std::string, std::string> split_sheet(const std::string& path) {
  struct stat st {};
  const std::size_t hash = path.rfind('#');
  if (hash == std::string::npos || ::stat(path.c_str(), &st) == 0) return {path, {}};
  return {path.substr(0, hash), path.substr(hash + 1)};
}

namespace {
// The format's first section (positive numbers) with quoted text, escapes, [colours] and [h]
// removed: what is left are the format's tokens.
std::string format_tokens(std::string_view code) {
  std::string out;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == ';') break;
    if (c == '"') {
      const std::size_t end = code.find('"', i + 1);
      if (end == std::string_view::npos) break;
      i = end;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // an escaped character, a space as wide as one, a fill character
    } else if (c == '[') {
      const std::size_t end = code.find(']', i + 1);
      if (end == std::string_view::npos) break;
      i = end;
    } else {
      out += c;
    }
  }
  return out;
}
}  // namespace

number_look look_of_format(unsigned id, std::string_view code) {
  if (code.empty()) {
    switch (id) {
      case 9:
      case 10:
        return number_look::percent;
      case 14:
      case 15:
      case 16:
      case 17:
      case 22:  // m/d/yyyy, d-mmm-yy, ...
      case 27:
      case 28:
      case 29:
      case 30:
      case 31:
      case 36:  // CJK dates
      case 50:
      case 51:
      case 52:
      case 53:
      case 54:
      case 57:
      case 58:
        return number_look::date;
      default:
        return number_look::plain;
    }
  }
  const std::string t = format_tokens(code);
  if (t.find('%') != std::string::npos) return number_look::percent;
  for (char c : t)
    if (c == 'y' || c == 'Y' || c == 'd' || c == 'D') return number_look::date;
  return number_look::plain;
}

namespace {
// Howard Hinnant's civil_from_days: the date `z` days after 1970-01-01.
void civil_from_days(long long z, long long& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}
}  // namespace

std::string excel_date(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < (date1904 ? 0.0 : 1.0) || serial >= 2958466.0) return {};
  double whole = std::floor(serial);
  long long seconds = std::llround((serial - whole) * 86400.0);
  if (seconds >= 86400) whole += 1, seconds -= 86400;
  const auto day = static_cast<long long>(whole);
  char buf[40];
  if (!date1904 && day == 60) {
    std::snprintf(buf, sizeof buf, "1900-02-29");  // the day Excel counts that never was
  } else {
    // Days from 1970-01-01: 1904-01-01 is serial 0 of the 1904 system; in the 1900 system serial 1
    // is 1900-01-01 and every serial after the false 1900-02-29 is one day late.
    const long long from_1970 = date1904 ? day - 24107 : day - (day < 60 ? 25568 : 25569);
    long long y;
    unsigned m, d;
    civil_from_days(from_1970, y, m, d);
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", y, m, d);
  }
  std::string out = buf;
  if (seconds > 0) {
    std::snprintf(buf, sizeof buf, " %02lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60, seconds % 60);
    out += buf;
  }
  return out;
}

std::string percent_text(std::string_view number) {
  std::size_t i = 0;
  std::string sign;
  if (i < number.size() && (number[i] == '-' || number[i] == '+')) {
    if (number[i] == '-') sign = "-";
    ++i;
  }
  std::string digits;
  long long point = -1;  // digits before the decimal point
  for (; i < number.size(); ++i) {
    const char c = number[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '.' && point < 0) {
      point = static_cast<long long>(digits.size());
    } else {
      break;
    }
  }
  if (point < 0) point = static_cast<long long>(digits.size());
  if (digits.empty()) return std::string(number);
  if (i < number.size() && (number[i] == 'e' || number[i] == 'E')) {
    std::size_t k = i + 1;
    bool negative = false;
    if (k < number.size() && (number[k] == '-' || number[k] == '+')) negative = number[k++] == '-';
    long long exponent = 0;
    const std::size_t first = k;
    for (; k < number.size() && number[k] >= '0' && number[k] <= '9' && exponent < 1000; ++k)
      exponent = exponent * 10 + (number[k] - '0');
    if (k == first || k != number.size() || exponent >= 1000) return std::string(number);
    point += negative ? -exponent : exponent;
    i = k;
  }
  if (i != number.size()) return std::string(number);
  point += 2;  // times 100
  if (point <= 0) {
    digits.insert(0, static_cast<std::size_t>(-point) + 1, '0');
    point = 1;
  } else if (point > static_cast<long long>(digits.size())) {
    digits.append(static_cast<std::size_t>(point) - digits.size(), '0');
  }
  std::string whole = digits.substr(0, static_cast<std::size_t>(point));
  std::string fraction = digits.substr(static_cast<std::size_t>(point));
  const std::size_t nonzero = whole.find_first_not_of('0');
  whole = nonzero == std::string::npos ? "0" : whole.substr(nonzero);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  if (whole == "0" && fraction.empty()) sign.clear();
  return sign + whole + (fraction.empty() ? "" : "." + fraction) + "%";
}

std::string quoted_sheet_name(const std::string& name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (unsigned char c : name)
    if (c < 0x80 && !std::isalnum(c) && c != '_' && c != '.') plain = false;
  if (plain) return name;
  std::string out = "'";
  for (char c : name) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace detail

std::unique_ptr<cell_source> open_cells(const std::string& path, const progress_callback& progress) {
  if (path == "-") return std::make_unique<csv_source>(path, progress);  // standard input: CSV
  auto [file, sheet] = detail::split_sheet(path);
  char head[8] = {};
  std::size_t got = 0;
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (!f) return std::make_unique<csv_source>(file, progress);  // error 401
  got = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  switch (detail::detect_table_format(std::string_view(head, got))) {
    case detail::table_format::xlsx:
      return std::make_unique<xlsx_source>(file, sheet, progress);
    case detail::table_format::xls:
      return std::make_unique<xls_source>(file, sheet, progress);
    case detail::table_format::csv:
      break;
  }
  if (!sheet.empty())
    throw error(errc::workbook_no_sheet, file, "a CSV file has no sheets (\"#" + sheet + "\" names one)");
  return std::make_unique<csv_source>(file, progress);
}

std::unique_ptr<cell_source> open_cells(std::string_view bytes, std::string name,
                                        const progress_callback& progress) {
  const auto format = detail::detect_table_format(bytes.substr(0, 8));
  if (format == detail::table_format::csv)
    return std::make_unique<csv_source>(bytes, std::move(name), progress);
  const std::size_t hash = name.rfind('#');
  const std::string file = name.substr(0, hash);
  const std::string sheet = hash == std::string::npos ? std::string() : name.substr(hash + 1);
  if (format == detail::table_format::xlsx)
    return std::make_unique<xlsx_source>(bytes, file, sheet, progress);
  return std::make_unique<xls_source>(bytes, file, sheet, progress);
}

cell_table read_cells_file(const std::string& path, const progress_callback& progress) {
  return read_table(*open_cells(path, progress));
}

cell_table read_cells(std::string_view bytes, std::string name) {
  return read_table(*open_cells(bytes, std::move(name)));
}

}  // namespace zoneperf
