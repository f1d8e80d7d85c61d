// An .xlsx sheet as a cell source: its XML decompressed and parsed a block at a time, the rows of
// each block kept until next() has handed them out.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "../detail/progress_meter.hpp"
#include "xlsx_parts.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/workbook.hpp"

namespace zoneperf {
namespace {
using namespace detail::xlsx;
using detail::number_look;

constexpr std::size_t block_size = std::size_t{1} << 18;
constexpr std::size_t max_rows = 1048576, max_columns = 16384;  // Excel's sheet size

enum class cell_type : unsigned char { number, shared, inline_text, formula_text, boolean, error, date };

cell_type type_of(const char* t) {
  // by characters: this runs once a cell, and the names are one letter but two
  if (!t) return cell_type::number;
  const bool one = t[0] != '\0' && t[1] == '\0';
  switch (t[0]) {
    case 's':
      return one                          ? cell_type::shared
             : std::strcmp(t, "str") == 0 ? cell_type::formula_text
                                          : cell_type::number;
    case 'i':
      return std::strcmp(t, "inlineStr") == 0 ? cell_type::inline_text : cell_type::number;
    case 'b':
      return one ? cell_type::boolean : cell_type::number;
    case 'e':
      return one ? cell_type::error : cell_type::number;
    case 'd':
      return one ? cell_type::date : cell_type::number;
    default:
      return cell_type::number;
  }
}

// The 0-based column and the row of a reference "C7" (row 0 when it has none).
bool parse_reference(const char* ref, std::size_t& column, std::size_t& row) {
  std::size_t c = 0, r = 0, i = 0;
  for (; ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
    c = c * 26 + static_cast<std::size_t>(ref[i] - 'A' + 1);
    if (c > max_columns) return false;
  }
  for (; ref[i] >= '0' && ref[i] <= '9'; ++i) {
    r = r * 10 + static_cast<std::size_t>(ref[i] - '0');
    if (r > max_rows) return false;
  }
  if (ref[i] != '\0' || c == 0) return false;
  column = c - 1;
  row = r;
  return true;
}

bool parse_count(std::string_view s, std::size_t& n) {
  if (s.empty() || s.size() > 12) return false;
  n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return true;
}
}  // namespace

struct xlsx_source::impl : xml_handler {
  std::string owned;  // the file's bytes, when read from a path
  std::unique_ptr<zip_archive> zip;
  std::string part, name;  // the sheet's part, the source's name
  bool date1904 = false;
  std::vector<number_look> looks;
  shared_strings strings;
  std::unique_ptr<xml_parser> parser;
  bool at_end = false;
  std::uint64_t consumed = 0, total = 0;
  std::size_t last_row = 0;     // from <dimension>, 0 when not given
  std::size_t rows_parsed = 0;  // rows ended so far, for the rows hint without a <dimension>
  std::unique_ptr<detail::progress_meter> progress;

  // Rows parsed and not yet handed out; a cell's text is in `buf` or a shared string.
  struct cell {
    std::uint32_t column;
    bool shared;
    std::size_t offset, length;
  };
  struct row {
    std::size_t number, first, end;  // cells[first, end)
  };
  std::string buf;
  std::vector<cell> cells;
  std::vector<row> rows;
  std::size_t taken = 0;

  // The row and the cell being parsed.
  bool in_row = false, in_cell = false, in_value = false, in_text = false, in_formula = false,
       in_inline = false;
  int phonetic = 0;
  std::size_t row_number = 0, row_first = 0, row_text = 0, column = 0, cell_text = 0;
  cell_type type = cell_type::number;
  std::size_t style = 0;
  bool has_formula = false, has_value = false;
  std::string formula;

  std::string where(std::size_t col) const {
    return detail::cell_where(name, cell_naming::sheet_cell, row_number, col);
  }

  void start(std::string_view n, const char** a) override {
    if (n == "c" && in_row) {
      // the cell's attributes in one pass (the first of a name counts, as attribute() finds it)
      const char *r = nullptr, *t = nullptr, *s = nullptr;
      for (const char** at = a; *at; at += 2) {
        // a one-letter name has no prefix to look for
        const char* attr = at[0];
        const std::string_view key =
            attr[0] != '\0' && attr[1] == '\0' ? std::string_view(attr, 1) : local_name(attr);
        const char** slot = key == "r" ? &r : key == "t" ? &t : key == "s" ? &s : nullptr;
        if (slot && !*slot) *slot = at[1];
      }
      std::size_t ref_row = 0;
      if (r && !parse_reference(r, column, ref_row))
        damaged(name, "bad cell reference \"" + std::string(r) + "\"");
      if (column >= max_columns) damaged(name, "a cell right of column XFD");
      type = type_of(t);
      style = s ? std::strtoul(s, nullptr, 10) : 0;
      in_cell = true;
      has_formula = has_value = false;
      formula.clear();
      cell_text = buf.size();
    } else if (!in_cell) {
      if (n == "row") {
        const char* r = attribute(a, "r");
        std::size_t number = row_number + 1;
        if (r && (!parse_count(r, number) || number <= row_number || number > max_rows))
          damaged(name, "row number \"" + std::string(r) + "\" out of order or out of range");
        if (number > max_rows) damaged(name, "more rows than a sheet holds");
        row_number = number;
        in_row = true;
        row_first = cells.size();
        row_text = buf.size();
        column = 0;
      } else if (n == "dimension") {
        const char* ref = attribute(a, "ref");
        const char* colon = ref ? std::strchr(ref, ':') : nullptr;
        std::size_t c = 0, r = 0;
        if (ref && parse_reference(colon ? colon + 1 : ref, c, r)) last_row = r;
      }
    } else if (n == "v") {
      in_value = has_value = true;
    } else if (n == "f") {
      in_formula = has_formula = true;
    } else if (n == "is") {
      in_inline = true;
    } else if (n == "t") {
      in_text = in_inline && phonetic == 0;
    } else if (n == "rPh") {
      ++phonetic;
    }
  }

  void end(std::string_view n) override {
    if (!in_cell) {
      if (n == "row" && in_row) {
        if (cells.size() > row_first) rows.push_back({row_number, row_first, cells.size()});
        in_row = false;
        ++rows_parsed;
      }
      return;
    }
    if (n == "v") {
      in_value = false;
    } else if (n == "f") {
      in_formula = false;
    } else if (n == "t") {
      in_text = false;
    } else if (n == "is") {
      in_inline = false;
    } else if (n == "rPh") {
      --phonetic;
    } else if (n == "c") {
      end_cell();
      in_cell = false;
      ++column;
    }
  }

  void text(std::string_view t) override {
    if (in_value || in_text) {
      buf.append(t);
    } else if (in_formula && formula.size() < 120) {
      formula.append(t);
    }
  }

  void end_cell() {
    std::string_view value(buf.data() + cell_text, buf.size() - cell_text);
    // A formula's value as a program that does not compute formulas writes it: no <v>, or an empty
    // one where a number belongs.
    const bool computed = type == cell_type::number || type == cell_type::formula_text;
    if (has_formula && computed && (!has_value || (type == cell_type::number && value.empty()))) {
      throw error(errc::workbook_formula_without_value, where(column),
                  "the formula =" + formula + (formula.size() >= 120 ? "..." : "") +
                      " has no value stored: open the file in Excel (or LibreOffice) and save it, so that "
                      "its formulas' values are stored with them");
    }
    if (value.empty()) return;
    if (type == cell_type::inline_text) {
      decode_escapes(buf, cell_text);
    } else if (type == cell_type::shared) {
      std::size_t k = 0;
      if (!parse_count(value, k) || k >= strings.ends.size())
        damaged(where(column),
                "refers to shared string " + std::string(value) + ", which the workbook does not have");
      buf.resize(cell_text);
      const std::string_view s = strings.at(k);
      if (!s.empty())
        cells.push_back({static_cast<std::uint32_t>(column), true,
                         static_cast<std::size_t>(s.data() - strings.text.data()), s.size()});
      return;
    } else if (type == cell_type::date && value.size() >= 19 && value[10] == 'T') {
      // an ISO 8601 date cell: "2020-07-15T00:00:00" is the date, a time of day follows it as in
      // a serial date
      const std::string time(value.substr(11, 8));
      buf.replace(cell_text + 10, std::string::npos, time == "00:00:00" ? std::string() : " " + time);
    } else if (type == cell_type::number && style < looks.size() && looks[style] != number_look::plain) {
      std::string shown;
      if (looks[style] == number_look::percent) {
        shown = detail::percent_text(value);
      } else {
        char* end = nullptr;
        const std::string v(value);
        const double serial = std::strtod(v.c_str(), &end);
        if (end && *end == '\0') shown = detail::excel_date(serial, date1904);
      }
      if (!shown.empty()) buf.replace(cell_text, std::string::npos, shown);
    }
    cells.push_back({static_cast<std::uint32_t>(column), false, cell_text, buf.size() - cell_text});
  }

  // Forgets the rows handed out, keeping the row being parsed.
  void compact() {
    const std::size_t keep_text = in_row ? row_text : buf.size();
    const std::size_t keep_cells = in_row ? row_first : cells.size();
    buf.erase(0, keep_text);
    cells.erase(cells.begin(), cells.begin() + static_cast<std::ptrdiff_t>(keep_cells));
    for (auto& c : cells)
      if (!c.shared) c.offset -= keep_text;
    if (in_cell) cell_text -= keep_text;
    row_text = 0;
    row_first = 0;
    rows.clear();
    taken = 0;
  }

  // Parses the next block of the sheet; false at its end.
  bool parse_more() {
    if (at_end) return false;
    compact();
    const std::size_t got = zip->read(parser->buffer(block_size), block_size);
    consumed += got;
    parser->parse_buffer(got, got == 0);
    if (progress) {
      progress->set(std::min(consumed, total));
      progress->update();
    }
    if (got == 0) {
      at_end = true;
      zip->close();
      if (progress) std::exchange(progress, nullptr)->finish();
    }
    return true;
  }
};

xlsx_source::xlsx_source(std::string_view bytes, const std::string& file, const std::string& sheet,
                         const progress_callback& progress) {
  open(bytes, file, sheet, progress);
}

xlsx_source::xlsx_source(const std::string& path, const std::string& sheet,
                         const progress_callback& progress) {
  std::string bytes = read_text_file(path);
  impl_ = std::make_unique<impl>();
  impl_->owned = std::move(bytes);
  open(impl_->owned, path, sheet, progress);
}

xlsx_source::~xlsx_source() = default;

void xlsx_source::open(std::string_view bytes, const std::string& file, const std::string& sheet,
                       const progress_callback& progress) {
  if (!impl_) impl_ = std::make_unique<impl>();
  impl& m = *impl_;
  m.zip = std::make_unique<zip_archive>(bytes, file);
  const workbook_info book = read_workbook(*m.zip);
  sheets_ = book.sheet_names;
  const std::size_t k = choose_sheet(file, sheet);
  m.name = name_;
  for (const auto& r : book.rels) {
    if (r.id != book.sheet_ids[k]) continue;
    if (r.type.size() < 10 || r.type.compare(r.type.size() - 10, 10, "/worksheet") != 0)
      throw error(errc::workbook_no_sheet, file,
                  "\"" + sheets_[k] + "\" is not a worksheet (a chart sheet?)");
    m.part = r.target;
  }
  if (m.part.empty()) damaged(file, "the workbook names no part for sheet \"" + sheets_[k] + "\"");
  m.date1904 = book.date1904;
  m.looks = read_number_looks(*m.zip, target_of(book.rels, "styles"));
  m.strings = read_shared_strings(*m.zip, target_of(book.rels, "sharedStrings"));
  if (!m.zip->open(m.part)) damaged(file, "the zip has no " + m.part + " (sheet \"" + sheets_[k] + "\")");
  m.total = m.zip->size();
  m.parser = std::make_unique<xml_parser>(m, file, m.part);
  if (progress) m.progress = std::make_unique<detail::progress_meter>(progress, "reading " + name_, m.total);
}

bool xlsx_source::next() {
  impl& m = *impl_;
  for (;;) {
    while (m.taken == m.rows.size())
      if (!m.parse_more()) return false;
    const impl::row& r = m.rows[m.taken++];
    std::size_t width = 0;  // cells come left to right, but are not trusted to
    for (std::size_t k = r.first; k < r.end; ++k) width = std::max<std::size_t>(width, m.cells[k].column + 1);
    row_.assign(width, std::string_view());
    for (std::size_t k = r.first; k < r.end; ++k) {
      const impl::cell& c = m.cells[k];
      row_[c.column] =
          std::string_view((c.shared ? m.strings.text.data() : m.buf.data()) + c.offset, c.length);
    }
    if (take_row(r.number)) return true;
  }
}

std::size_t xlsx_source::rows_hint() const {
  const impl& m = *impl_;
  const std::uint64_t unparsed = m.total > m.consumed ? m.total - m.consumed : 0;
  const std::size_t pending = m.rows.size() - m.taken;
  // A row takes at least 16 bytes of XML: a <dimension> larger than the sheet is not believed.
  const std::size_t most = static_cast<std::size_t>(unparsed / 16) + pending;
  if (m.last_row > line_) return std::min(m.last_row - line_, most);
  // Without a <dimension> (writers that stream rows leave it out), the rows left are estimated from
  // the bytes per row parsed so far, one eighth over so that a reader sizing its storage once
  // rarely runs past it.
  if (m.rows_parsed == 0 || m.at_end) return pending;
  const std::uint64_t per_row = std::max<std::uint64_t>(m.consumed / m.rows_parsed, 16);
  const std::uint64_t estimate = unparsed / per_row;
  return std::min(static_cast<std::size_t>(estimate + estimate / 8) + pending, most);
}

}  // namespace zoneperf
