#include "zoneperf/text/csv.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <utility>

#include "../detail/progress_meter.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/text/file.hpp"

namespace zoneperf {
namespace {
constexpr std::size_t block_size = std::size_t{1} << 20;

// Bytes that end an unquoted field or make it an error.
struct special_bytes {
  bool at[256] = {};
  constexpr special_bytes() {
    at[static_cast<unsigned char>(',')] = true;
    at[static_cast<unsigned char>('\n')] = true;
    at[static_cast<unsigned char>('\r')] = true;
    at[static_cast<unsigned char>('"')] = true;
  }
};
constexpr special_bytes special;

bool all_ascii(const char* p, std::size_t n) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w & 0x8080808080808080ull) return false;
  }
  for (; i < n; ++i)
    if (static_cast<unsigned char>(p[i]) & 0x80) return false;
  return true;
}

std::string at(const std::string& name, std::size_t line) { return name + ":" + std::to_string(line); }
std::string at(const std::string& name, std::size_t line, std::size_t column) {
  return at(name, line) + ":" + std::to_string(column);
}
}  // namespace

std::string cell_source::where_at(std::size_t line, std::size_t column) const {
  return detail::cell_where(name_, naming_, line, column);
}
std::string cell_source::row_at(std::size_t line) const { return detail::row_where(name_, naming_, line); }

csv_source::csv_source(std::string_view text, std::string name, const progress_callback& progress)
    : cell_source(std::move(name)), text_(text) {
  if (progress)
    progress_ = std::make_unique<detail::progress_meter>(progress, "reading " + name_, text.size());
}

csv_source::csv_source(const std::string& path, const progress_callback& progress) : cell_source(path) {
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_) throw error(errc::cannot_open, path, "cannot open file");
  detail::note_input(path, ::fileno(file_));  // the CLI refuses to write over its inputs
  if (progress) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);  // a pipe has none: 0, unknown
    progress_ = std::make_unique<detail::progress_meter>(progress, "reading " + name_, ec ? 0 : size);
  }
}

// Reports the bytes consumed, looking at the clock once per 64 KiB.
void csv_source::report_progress() {
  const std::uint64_t consumed = dropped_ + pos_;
  if (consumed < check_at_) return;
  check_at_ = consumed + (std::uint64_t{1} << 16);
  progress_->set(consumed);
  progress_->update();
}

csv_source::~csv_source() {
  if (file_) std::fclose(file_);
}

std::size_t csv_source::rows_hint() const {
  // The lines of the bytes not parsed yet: those in the buffer, then the rest of the file (read
  // with pread, so the stream's position is untouched).
  std::size_t breaks = static_cast<std::size_t>(std::count(text_.begin() + pos_, text_.end(), '\n'));
  char last = pos_ < text_.size() ? text_.back() : '\n';
  if (file_ && !at_end_) {
    const long at = std::ftell(file_);
    if (at < 0) return 0;
    const int fd = ::fileno(file_);
    std::unique_ptr<char[]> block(new char[std::size_t{1} << 16]);
    for (off_t offset = at;;) {
      const ssize_t got = ::pread(fd, block.get(), std::size_t{1} << 16, offset);
      if (got < 0) return 0;
      if (got == 0) break;
      breaks += static_cast<std::size_t>(std::count(block.get(), block.get() + got, '\n'));
      last = block[static_cast<std::size_t>(got) - 1];
      offset += got;
    }
  }
  return breaks + (last != '\n');
}

bool csv_source::refill() {
  if (!file_ || at_end_) {
    at_end_ = true;
    return false;
  }
  const std::size_t kept = text_.size() - pos_;
  dropped_ += pos_;
  if (kept) std::memmove(storage_.data(), text_.data() + pos_, kept);
  storage_.resize(kept + block_size);
  const std::size_t got = std::fread(storage_.data() + kept, 1, block_size, file_);
  if (got < block_size && std::ferror(file_)) throw error(errc::cannot_open, name_, "cannot read file");
  storage_.resize(kept + got);
  text_ = storage_;
  pos_ = 0;
  if (got == 0) at_end_ = true;
  return got > 0;
}

void csv_source::check_utf8(std::size_t begin, std::size_t end) const {
  const std::string_view record = text_.substr(begin, end - begin);
  if (all_ascii(record.data(), record.size())) return;
  const std::size_t bad = detail::find_invalid_utf8(record);
  if (bad == std::string_view::npos) return;
  std::size_t line = line_, line_start = 0;
  for (std::size_t k = 0; k < bad; ++k)
    if (record[k] == '\n') ++line, line_start = k + 1;
  throw error(errc::csv_not_utf8, at(name_, line),
              "not UTF-8 (invalid byte sequence at byte " + std::to_string(bad - line_start + 1) +
                  " of the line; save the file as UTF-8)");
}

bool csv_source::parse_record() {
  const char* p = text_.data();
  const std::size_t n = text_.size();
  const std::size_t start = pos_;
  std::size_t i = pos_;
  std::size_t line = next_line_;
  bool blank = true;
  cells_.clear();
  fixups_.clear();
  unquoted_.clear();
  for (;;) {
    if (i < n && p[i] == '"') {
      blank = false;
      const std::size_t quote_line = line;
      const std::size_t column = cells_.size() + 1;
      std::size_t content = ++i;
      bool escaped = false;
      std::size_t unquoted_begin = 0;
      for (;;) {
        const void* q = i < n ? std::memchr(p + i, '"', n - i) : nullptr;
        const std::size_t k = q ? static_cast<std::size_t>(static_cast<const char*>(q) - p) : n;
        line += static_cast<std::size_t>(std::count(p + i, p + k, '\n'));
        if (!q) {
          if (!at_end_) return false;
          throw error(errc::csv_unterminated_quote, at(name_, quote_line, column),
                      "unterminated quoted field");
        }
        if (k + 1 >= n && !at_end_) return false;  // a quote or its end: the next byte decides
        if (k + 1 < n && p[k + 1] == '"') {
          if (!escaped) escaped = true, unquoted_begin = unquoted_.size();
          unquoted_.append(p + i, k + 1 - i);
          i = k + 2;
          continue;
        }
        if (escaped) {
          unquoted_.append(p + i, k - i);
          fixups_.push_back(cells_.size());
          fixups_.push_back(unquoted_begin);
          cells_.emplace_back(nullptr, unquoted_.size() - unquoted_begin);
        } else {
          cells_.emplace_back(p + content, k - content);
        }
        i = k + 1;
        break;
      }
      if (i < n && p[i] != ',' && p[i] != '\n' && p[i] != '\r')
        throw error(errc::csv_bad_quote, at(name_, line, column),
                    "text after the closing quote of a quoted field");
    } else {
      const std::size_t begin = i;
      while (i < n && !special.at[static_cast<unsigned char>(p[i])]) ++i;
      if (i < n && p[i] == '"')
        throw error(errc::csv_bad_quote, at(name_, line, cells_.size() + 1),
                    "a quote inside an unquoted field (quote the whole field and double the quote)");
      if (i > begin) blank = false;
      cells_.emplace_back(p + begin, i - begin);
    }
    if (i >= n && !at_end_) return false;
    if (i < n && p[i] == ',') {
      blank = false;
      ++i;
      continue;
    }
    if (i < n && p[i] == '\r') {
      if (i + 1 >= n && !at_end_) return false;
      ++i;
      if (i >= n || p[i] != '\n') ++line;  // a lone CR ends a line too (CR-only files)
    }
    if (i < n && p[i] == '\n') ++i, ++line;
    break;
  }
  for (std::size_t k = 0; k < fixups_.size(); k += 2)
    cells_[fixups_[k]] = std::string_view(unquoted_.data() + fixups_[k + 1], cells_[fixups_[k]].size());
  line_ = next_line_;
  next_line_ = line;
  pos_ = i;
  check_utf8(start, i);
  if (blank) cells_.clear();
  return true;
}

bool csv_source::next() {
  if (first_) {
    while (text_.size() - pos_ < 3 && refill()) {
    }
    if (text_.substr(pos_, 3) == "\xEF\xBB\xBF") pos_ += 3;
    first_ = false;
  }
  for (;;) {
    if (pos_ >= text_.size() && !refill()) {
      if (progress_) {  // the stage's last report, once
        progress_->set(dropped_ + pos_);
        std::exchange(progress_, nullptr)->finish();
      }
      return false;
    }
    if (!parse_record()) {
      refill();
      continue;
    }
    if (cells_.empty()) continue;  // a blank line
    if (width_ == 0) {
      width_ = cells_.size();
    } else if (cells_.size() != width_) {
      throw error(
          errc::csv_field_count, where_row(),
          "row has " + std::to_string(cells_.size()) + " fields, the header has " + std::to_string(width_));
    }
    if (progress_) report_progress();
    return true;
  }
}

std::string cell_table::where(std::size_t row, std::size_t column) const {
  return detail::cell_where(source, naming, lines_.at(row), column);
}
std::string cell_table::row_where(std::size_t row) const {
  return detail::row_where(source, naming, lines_.at(row));
}
std::string cell_table::header_where(std::size_t column) const {
  return detail::cell_where(source, naming, header_line, column);
}
std::string cell_table::header_row_where() const { return detail::row_where(source, naming, header_line); }

cell_table read_table(cell_source& source) {
  cell_table t;
  t.source = source.name();
  t.naming = source.naming();
  if (!source.next()) throw error(errc::csv_empty, t.source, "empty file: expected a header row");
  for (auto c : source.cells()) t.header.emplace_back(c);
  t.header_line = source.line();
  while (source.next()) {
    for (auto c : source.cells()) {
      t.text_.append(c);
      t.ends_.push_back(t.text_.size());
    }
    t.lines_.push_back(source.line());
  }
  return t;
}

cell_table read_csv(std::string_view text, std::string source) {
  csv_source s(text, std::move(source));
  return read_table(s);
}

cell_table read_csv_file(const std::string& path, const progress_callback& progress) {
  csv_source s(path, progress);
  return read_table(s);
}

void append_csv_field(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(text);
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string csv_field(std::string_view text) {
  std::string out;
  append_csv_field(out, text);
  return out;
}

namespace detail {
std::string column_letters(std::size_t column) {
  std::string out;
  for (std::size_t c = column + 1; c > 0; c = (c - 1) / 26) out.insert(out.begin(), char('A' + (c - 1) % 26));
  return out;
}

std::string cell_where(const std::string& source, cell_naming naming, std::size_t line, std::size_t column) {
  if (naming == cell_naming::sheet_cell) return source + "!" + column_letters(column) + std::to_string(line);
  return at(source, line, column + 1);
}

std::string row_where(const std::string& source, cell_naming naming, std::size_t line) {
  return naming == cell_naming::sheet_cell ? source + "!" + std::to_string(line) : at(source, line);
}

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

}  // namespace zoneperf
