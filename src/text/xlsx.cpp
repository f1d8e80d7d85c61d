// An .xlsx sheet as a cell source: its XML decompressed and parsed a block at a time, the rows of
// each block kept until next() has handed them out. A large sheet is parsed by two threads, each
// half of it (split_parse).
#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

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

// What a parse of the sheet hands the reader: rows of cells, each cell's text in `text` or a shared
// string, and where the parse stood.
struct parsed_rows {
  struct cell {
    std::uint32_t column;
    bool shared;
    std::size_t offset, length;
  };
  struct row {
    std::size_t number, first, end;  // cells[first, end)
  };
  std::string text;
  std::vector<cell> cells;
  std::vector<row> rows;
  std::uint64_t consumed = 0;    // bytes of the sheet's XML parsed
  std::size_t rows_parsed = 0;   // rows ended, with cells or without
  std::size_t first_number = 0;  // the number of the first row begun, 0 before one
  std::size_t last_number = 0;   // the number of the last row begun
  std::size_t last_row = 0;      // the last row of <dimension>, 0 when not given
  bool last = false;             // the last block of a split sheet's half
};

// What every parse of the sheet reads.
struct sheet_context {
  std::string name;
  bool date1904 = false;
  std::vector<number_look> looks;
  shared_strings strings;
};

// The rows of the second half of a split sheet do not follow on from the first's (or the second
// starts with a row without a number, counted from 1): the sheet is parsed whole instead.
struct cannot_split {};

// The sheet's elements into rows of cell texts.
class sheet_parser final : public xml_handler {
 public:
  explicit sheet_parser(const sheet_context& sheet) : sheet_(sheet) {}

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
        damaged(sheet_.name, "bad cell reference \"" + std::string(r) + "\"");
      if (column >= max_columns) damaged(sheet_.name, "a cell right of column XFD");
      type = type_of(t);
      style = s ? std::strtoul(s, nullptr, 10) : 0;
      in_cell = true;
      has_formula = has_value = false;
      formula.clear();
      cell_text = out_.text.size();
    } else if (!in_cell) {
      if (n == "row") {
        const char* r = attribute(a, "r");
        std::size_t number = row_number + 1;
        if (r && (!parse_count(r, number) || number <= row_number || number > max_rows))
          damaged(sheet_.name, "row number \"" + std::string(r) + "\" out of order or out of range");
        if (number > max_rows) damaged(sheet_.name, "more rows than a sheet holds");
        row_number = number;
        if (out_.first_number == 0) out_.first_number = number;
        in_row = true;
        row_first = out_.cells.size();
        row_text = out_.text.size();
        column = 0;
      } else if (n == "dimension") {
        const char* ref = attribute(a, "ref");
        const char* colon = ref ? std::strchr(ref, ':') : nullptr;
        std::size_t c = 0, r = 0;
        if (ref && parse_reference(colon ? colon + 1 : ref, c, r)) out_.last_row = r;
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
        if (out_.cells.size() > row_first) out_.rows.push_back({row_number, row_first, out_.cells.size()});
        in_row = false;
        ++out_.rows_parsed;
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
      out_.text.append(t);
    } else if (in_formula && formula.size() < 120) {
      formula.append(t);
    }
  }

  // Moves the rows ended so far into `to`, whose buffers it reuses; the row being parsed stays.
  void hand_over(parsed_rows& to, std::uint64_t consumed) {
    to.text.clear();
    to.cells.clear();
    to.rows.clear();
    std::swap(out_.text, to.text);
    std::swap(out_.cells, to.cells);
    std::swap(out_.rows, to.rows);
    if (in_row) {
      out_.text.assign(to.text, row_text, std::string::npos);
      to.text.resize(row_text);
      out_.cells.assign(to.cells.begin() + static_cast<std::ptrdiff_t>(row_first), to.cells.end());
      to.cells.resize(row_first);
      for (auto& c : out_.cells)
        if (!c.shared) c.offset -= row_text;
      if (in_cell) cell_text -= row_text;
      row_text = 0;
      row_first = 0;
    }
    out_.consumed = consumed;
    out_.last_number = row_number;
    to.consumed = out_.consumed;
    to.rows_parsed = out_.rows_parsed;
    to.first_number = out_.first_number;
    to.last_number = out_.last_number;
    to.last_row = out_.last_row;
  }

 private:
  std::string where(std::size_t col) const {
    return detail::cell_where(sheet_.name, cell_naming::sheet_cell, row_number, col);
  }

  void end_cell() {
    std::string& buf = out_.text;
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
    const auto& strings = sheet_.strings;
    const auto& looks = sheet_.looks;
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
        out_.cells.push_back({static_cast<std::uint32_t>(column), true,
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
        if (end && *end == '\0') shown = detail::excel_date(serial, sheet_.date1904);
      }
      if (!shown.empty()) buf.replace(cell_text, std::string::npos, shown);
    }
    out_.cells.push_back({static_cast<std::uint32_t>(column), false, cell_text, buf.size() - cell_text});
  }

  const sheet_context& sheet_;
  parsed_rows out_;
  // The row and the cell being parsed.
  bool in_row = false, in_cell = false, in_value = false, in_text = false, in_formula = false,
       in_inline = false;
  int phonetic = 0;
  std::size_t row_number = 0, row_first = 0, row_text = 0, column = 0, cell_text = 0;
  cell_type type = cell_type::number;
  std::size_t style = 0;
  bool has_formula = false, has_value = false;
  std::string formula;
};

// Blocks of rows handed from a parsing thread to the reader, up to `depth` blocks ahead; the
// reader's used blocks go back to be filled again.
class rows_channel {
 public:
  explicit rows_channel(std::size_t depth) : depth_(depth) {}

  // Parsing thread: hands `rows` over, leaving an emptied used block in it; false once the reader
  // has stopped.
  bool give(parsed_rows& rows) {
    std::unique_lock<std::mutex> lock(mutex_);
    space_.wait(lock, [&] { return full_.size() < depth_ || stopped_; });
    if (stopped_) return false;
    full_.push_back(std::move(rows));
    rows = parsed_rows();
    if (!used_.empty()) {
      std::swap(rows, used_.back());
      used_.pop_back();
    } else {
      // a new block as large as the last: one allocation each, not a doubling series
      const parsed_rows& last = full_.back();
      rows.text.reserve(last.text.capacity());
      rows.cells.reserve(last.cells.capacity());
      rows.rows.reserve(last.rows.capacity());
    }
    ready_.notify_one();
    return true;
  }
  // Parsing thread, last: the parse ended, with its exception when it failed.
  void finish(std::exception_ptr failure) {
    const std::lock_guard<std::mutex> lock(mutex_);
    finished_ = true;
    failure_ = std::move(failure);
    ready_.notify_one();
  }
  // Reader: the next block into `rows`, whose block goes back while the parse goes on; false after
  // the last one, or the parse's exception after its last block.
  bool take(parsed_rows& rows) {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return !full_.empty() || finished_; });
    if (full_.empty()) {
      if (failure_) std::rethrow_exception(failure_);
      return false;
    }
    if (!finished_) used_.push_back(std::move(rows));  // else nothing is parsed into it again
    rows = std::move(full_.front());
    full_.pop_front();
    space_.notify_one();
    return true;
  }
  // Reader: the parsing thread stops at its next give().
  void stop() {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopped_ = true;
    space_.notify_one();
  }

 private:
  const std::size_t depth_;
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<parsed_rows> full_;
  std::vector<parsed_rows> used_;
  std::exception_ptr failure_;
  bool finished_ = false, stopped_ = false;
};

// A sheet parsed by two threads, each half of its XML with its own expat parser: the XML is split
// where a row starts past its middle; the first half is parsed followed by the end tags of the
// elements open there, the second after their start tags. The reader takes the first half's rows,
// then the second's. Whatever fails (a half's XML or cells, a split that was not between two rows,
// row numbers that do not follow on) is thrown from take(): the sheet is then parsed whole, which
// gives its rows and errors exactly.
class split_parse {
 public:
  split_parse(const sheet_context& sheet, std::string_view xml, const first_element& row, std::size_t at,
              const std::string& file, const std::string& part)
      : first_(sheet, file, part, 4), second_(sheet, file, part, std::numeric_limits<std::size_t>::max()) {
    std::string starts, ends;
    for (const auto& name : row.open) starts += "<" + name + ">";
    for (auto it = row.open.rbegin(); it != row.open.rend(); ++it) ends += "</" + *it + ">";
    first_.thread = std::thread(run, std::ref(first_), std::string(), xml.substr(0, at), ends, 0);
    try {
      second_.thread = std::thread(run, std::ref(second_), starts, xml.substr(at), std::string(), at);
    } catch (...) {
      stop();
      throw;
    }
  }
  ~split_parse() { stop(); }
  split_parse(const split_parse&) = delete;
  split_parse& operator=(const split_parse&) = delete;

  // The next block of rows; false after the last.
  bool take(parsed_rows& rows) {
    if (held_) {
      held_ = false;
      std::swap(rows, next_);
      return true;
    }
    if (!in_second_) {
      if (!first_.channel.take(rows)) throw cannot_split{};  // it ends with a last block
      first_rows_ = rows.rows_parsed;
      first_last_ = rows.last_number;
      if (!rows.last) return true;
      // The first half's last block and the second's first are one block of the parse in one
      // thread: both parsed, or neither is handed out.
      in_second_ = true;
      held_ = next(next_);
      return true;
    }
    return next(rows);
  }

 private:
  // The second half's next block.
  bool next(parsed_rows& rows) {
    if (!second_.channel.take(rows)) return false;
    // its first row follows the first half's last (else the parse in one thread says how)
    if (!checked_ && rows.first_number != 0) {
      if (rows.first_number <= first_last_) throw cannot_split{};
      checked_ = true;
    }
    rows.rows_parsed += first_rows_;
    return true;
  }

  struct half {
    // depth: the blocks it parses ahead of the reader. The second half's are all of them: it is
    // parsed while the reader takes the first's, its rows held until then.
    half(const sheet_context& sheet, const std::string& file, const std::string& part, std::size_t depth)
        : parser(sheet), xml(parser, file, part), channel(depth) {}
    sheet_parser parser;
    xml_parser xml;
    rows_channel channel;
    std::thread thread;
  };

  // Parses one half, handing over its rows a block at a time. The blocks end where those of the
  // parse in one thread end (the first half's last block and the second's first share one of
  // those): a block's rows are handed out when it has parsed, none when it fails, as that parse
  // does.
  static void run(half& h, const std::string& before, std::string_view body, const std::string& after,
                  std::uint64_t base) {
    try {
      parsed_rows rows;
      if (!before.empty()) h.xml.feed(before.data(), before.size(), false);
      std::size_t at = 0;
      do {
        const auto n = static_cast<std::size_t>(
            std::min<std::uint64_t>(block_size - (base + at) % block_size, body.size() - at));
        h.xml.feed(body.data() + at, n, false);
        at += n;
        if (at == body.size()) h.xml.feed(after.data(), after.size(), true);
        h.parser.hand_over(rows, base + at);
        rows.last = at == body.size();
        if (!h.channel.give(rows)) break;  // the reader has stopped
      } while (at < body.size());
      h.channel.finish(nullptr);
    } catch (...) {
      h.channel.finish(std::current_exception());
    }
  }

  void stop() {
    for (half* h : {&first_, &second_}) {
      h->channel.stop();
      if (h->thread.joinable()) h->thread.join();
    }
  }

  half first_, second_;
  bool in_second_ = false, checked_ = false, held_ = false;
  parsed_rows next_;  // the second half's first block, held while the first's last is handed out
  std::size_t first_rows_ = 0, first_last_ = 0;
};
}  // namespace

namespace detail {
std::size_t xlsx_split_from = std::size_t{1} << 20;
}  // namespace detail

struct xlsx_source::impl {
  std::string owned;  // the file's bytes, when read from a path
  std::unique_ptr<zip_archive> zip;
  std::string file, part;
  sheet_context sheet;
  std::unique_ptr<detail::progress_meter> progress;

  // One of the two parses: the sheet whole, block by block in this thread, or split in two threads.
  std::unique_ptr<sheet_parser> parser;
  std::unique_ptr<xml_parser> xml;
  std::unique_ptr<split_parse> split;
  std::uint64_t fed = 0;  // bytes given to the whole parse
  std::size_t skip = 0;   // rows the whole parse passes over, handed out by a split one that failed

  // The block of rows being handed out, `taken` of them so far; `handed` in all.
  parsed_rows current;
  std::size_t taken = 0, handed = 0;
  bool at_end = false;
  std::uint64_t total = 0, consumed = 0;  // bytes of the sheet's XML, parsed
  std::size_t last_row = 0;               // from <dimension>, 0 when not given
  std::size_t rows_parsed = 0;            // rows ended so far, for the rows hint without a <dimension>

  // A large sheet inflated whole is split between two threads at a row start past its middle.
  void try_split() {
    const std::string_view text = zip->whole_text();
    first_element row;
    if (text.size() < std::max<std::size_t>(detail::xlsx_split_from, 1) ||
        !find_first_element(text, "row", row))
      return;
    const std::string tag = "<" + row.name;
    std::size_t at = std::max(text.size() / 2, row.at + 1);
    for (at = text.find(tag, at); at != std::string_view::npos; at = text.find(tag, at + 1)) {
      const std::size_t after = at + tag.size();
      if (after < text.size() && std::strchr(" \t\r\n/>", text[after]) && text[after] != '\0') break;
    }
    if (at == std::string_view::npos) return;
    try {
      split = std::make_unique<split_parse>(sheet, text, row, at, file, part);
    } catch (const std::system_error&) {
      // no thread to be had: parsed whole in this one
    }
  }

  void parse_whole() {
    split.reset();
    xml.reset();
    parser = std::make_unique<sheet_parser>(sheet);
    xml = std::make_unique<xml_parser>(*parser, file, part);
    fed = 0;
  }

  // The next block of rows into `current`; false at the sheet's end.
  bool more() {
    if (at_end) return false;
    taken = 0;
    if (split) {
      try {
        if (!split->take(current)) return finish();
      } catch (...) {
        // the rows handed out so far are the whole parse's first ones
        parse_whole();
        skip = handed;
        return more();
      }
    } else {
      const std::size_t got = zip->read(xml->buffer(block_size), block_size);
      xml->parse_buffer(got, got == 0);
      fed += got;
      parser->hand_over(current, fed);
      if (got == 0) at_end = true;
      if (skip) {
        taken = std::min(skip, current.rows.size());
        skip -= taken;
      }
    }
    consumed = current.consumed;
    rows_parsed = current.rows_parsed;
    if (current.last_row) last_row = current.last_row;
    if (progress) {
      progress->set(std::max(progress->done(), std::min(consumed, total)));
      progress->update();
    }
    if (at_end) finish();
    return true;
  }

  bool finish() {
    at_end = true;
    split.reset();
    zip->close();
    if (progress) std::exchange(progress, nullptr)->finish();
    return false;
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
  m.file = file;
  m.sheet.name = name_;
  for (const auto& r : book.rels) {
    if (r.id != book.sheet_ids[k]) continue;
    if (r.type.size() < 10 || r.type.compare(r.type.size() - 10, 10, "/worksheet") != 0)
      throw error(errc::workbook_no_sheet, file,
                  "\"" + sheets_[k] + "\" is not a worksheet (a chart sheet?)");
    m.part = r.target;
  }
  if (m.part.empty()) damaged(file, "the workbook names no part for sheet \"" + sheets_[k] + "\"");
  m.sheet.date1904 = book.date1904;
  m.sheet.looks = read_number_looks(*m.zip, target_of(book.rels, "styles"));
  m.sheet.strings = read_shared_strings(*m.zip, target_of(book.rels, "sharedStrings"));
  if (!m.zip->open(m.part)) damaged(file, "the zip has no " + m.part + " (sheet \"" + sheets_[k] + "\")");
  m.total = m.zip->size();
  m.try_split();
  if (!m.split) m.parse_whole();
  if (progress) m.progress = std::make_unique<detail::progress_meter>(progress, "reading " + name_, m.total);
}

bool xlsx_source::next() {
  impl& m = *impl_;
  for (;;) {
    while (m.taken == m.current.rows.size())
      if (!m.more()) return false;
    const parsed_rows::row& r = m.current.rows[m.taken++];
    ++m.handed;
    const auto& cells = m.current.cells;
    std::size_t width = 0;  // cells come left to right, but are not trusted to
    for (std::size_t k = r.first; k < r.end; ++k) width = std::max<std::size_t>(width, cells[k].column + 1);
    row_.assign(width, std::string_view());
    for (std::size_t k = r.first; k < r.end; ++k) {
      const parsed_rows::cell& c = cells[k];
      row_[c.column] = std::string_view(
          (c.shared ? m.sheet.strings.text.data() : m.current.text.data()) + c.offset, c.length);
    }
    if (take_row(r.number)) return true;
  }
}

std::size_t xlsx_source::rows_hint() const {
  const impl& m = *impl_;
  const std::uint64_t unparsed = m.total > m.consumed ? m.total - m.consumed : 0;
  const std::size_t pending = m.current.rows.size() - m.taken;
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
