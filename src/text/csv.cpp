#include "zoneperf/text/csv.hpp"

#include <iconv.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// Bytes of the word equal to c, as the high bit of each: exact up to the first such byte (a borrow
// can only mark bytes after it), which is all the caller looks at.
inline std::uint64_t bytes_equal(std::uint64_t w, char c) {
  constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  const std::uint64_t x = w ^ (ones * static_cast<unsigned char>(c));
  return (x - ones) & ~x & highs;
}

// The first byte from i on that ends an unquoted field (, CR LF ") or n: eight bytes at a time
// while eight are left, then byte by byte.
inline std::size_t skip_plain(const char* p, std::size_t i, std::size_t n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    const std::uint64_t m =
        bytes_equal(w, ',') | bytes_equal(w, '\n') | bytes_equal(w, '\r') | bytes_equal(w, '"');
    if (m) return i + static_cast<std::size_t>(__builtin_ctzll(m) >> 3);
  }
#endif
  while (i < n && !special.at[static_cast<unsigned char>(p[i])]) ++i;
  return i;
}

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

// The length of the UTF-8 sequence at p[0, n) (its first byte not ASCII), 0 when it is invalid.
std::size_t utf8_length(const unsigned char* p, std::size_t n) {
  const unsigned char c = p[0];
  std::size_t len = 0;
  unsigned int min = 0, cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2, min = 0x80, cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, min = 0x800, cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, min = 0x10000, cp = c & 0x07;
  } else {
    return 0;
  }
  if (len > n) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((p[k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[k] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Visits the non-ASCII sequences of `s`: visit(offset, length), length 0 for a byte that starts no
// valid UTF-8 sequence (the walk goes on at the next byte); stops when visit returns false.
template <class Visit>
void walk_utf8(std::string_view s, Visit visit) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (std::size_t i = 0, n = s.size(); i < n;) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = utf8_length(p + i, n - i);
    if (!visit(i, len)) return;
    i += len ? len : 1;
  }
}

// Non-ASCII text counted as valid UTF-8 sequences and as bytes that start none.
struct utf8_census {
  std::uint64_t valid = 0, invalid = 0;
  void add(std::string_view s) {
    walk_utf8(s, [this](std::size_t, std::size_t len) {
      len ? ++valid : ++invalid;
      return true;
    });
  }
};

// Reads the file open on `fd` from `offset` to its end in 64 KiB blocks with pread, leaving the
// stream's position alone, passing each block to `f`. False when it cannot be read so (a pipe).
template <class F>
bool read_beside(int fd, off_t offset, F f) {
  constexpr std::size_t size = std::size_t{1} << 16;
  const std::unique_ptr<char[]> block(new char[size]);
  for (;;) {
    const ssize_t got = ::pread(fd, block.get(), size, offset);
    if (got < 0) return false;
    if (got == 0) return true;
    f(std::string_view(block.get(), static_cast<std::size_t>(got)));
    offset += got;
  }
}

// The encoding asked for, or the thread's reading scope's when none is.
text_encoding chosen(text_encoding asked) {
  return asked == text_encoding::automatic ? detail::current_reading().encoding : asked;
}

std::string at(const std::string& name, std::size_t line) { return name + ":" + std::to_string(line); }
std::string at(const std::string& name, std::size_t line, std::size_t column) {
  return at(name, line) + ":" + std::to_string(column);
}
}  // namespace

std::string cell_source::where_at(std::size_t line, std::size_t column) const {
  return detail::cell_where(name_, naming_, line, column >= hidden_column_ ? column + 1 : column);
}

std::string cell_source::row_at(std::size_t line) const { return detail::row_where(name_, naming_, line); }

csv_source::csv_source(std::string_view text, std::string name, const progress_callback& progress,
                       text_encoding encoding)
    : cell_source(std::move(name)), encoding_(chosen(encoding)), text_(text) {
  if (progress)
    progress_ = std::make_unique<detail::progress_meter>(progress, "reading " + name_, text.size());
}

csv_source::csv_source(const std::string& path, const progress_callback& progress, text_encoding encoding)
    : cell_source(path == "-" ? "standard input" : path), encoding_(chosen(encoding)) {
  if (path == "-") {
    file_ = stdin;
    borrowed_ = true;
  } else {
    file_ = std::fopen(path.c_str(), "rb");
    if (!file_) throw error(errc::cannot_open, path, "cannot open file");
    detail::note_input(path, ::fileno(file_));  // the CLI refuses to write over its inputs
  }
  if (progress) {
    std::error_code ec;
    const auto size = borrowed_ ? 0 : std::filesystem::file_size(path, ec);  // a pipe: 0, unknown
    progress_ = std::make_unique<detail::progress_meter>(progress, "reading " + name_, ec ? 0 : size);
  }
}

// Reports the bytes consumed, looking at the clock once per 64 KiB.
void csv_source::report_progress() {
  const std::uint64_t consumed = dropped_ + pos_;
  if (consumed < check_at_) return;
  check_at_ = consumed + (std::uint64_t{1} << 16);
  progress_->set(bytes_consumed());
  progress_->update();
}

// Bytes of the source consumed: decoded GB18030 is longer than the file, so then the file's position.
std::uint64_t csv_source::bytes_consumed() const {
  if (gb18030_ && file_) {
    const long at = std::ftell(file_);
    return at < 0 ? 0 : static_cast<std::uint64_t>(at) - undecoded_.size();
  }
  return dropped_ + pos_;
}

csv_source::~csv_source() {
  if (file_ && !borrowed_) std::fclose(file_);
  if (gb18030_) ::iconv_close(static_cast<iconv_t>(gb18030_));
}

namespace {
// The line feeds in [p, p + n). With SSE2, 16 bytes at a time: each byte of `counts` adds 1 (a
// compare gives -1, subtracted) for every line feed in its lane, for at most 255 blocks before the
// lanes are summed (psadbw against zero adds up each half's 8 bytes). Otherwise eight bytes at a
// time: a byte of w ^ 0x0a.. is zero exactly where w has '\n', and the high bit of each byte of `t`
// below is set exactly for the zero bytes; those bits are summed by a multiplication (the top byte of
// (t >> 7) × 0x0101.. adds up the 0/1 bytes), not by __builtin_popcountll, which without -mpopcnt is
// a call into libgcc.
std::size_t count_line_feeds(const char* p, std::size_t n) {
  std::size_t count = 0, i = 0;
#if defined(__SSE2__)
  const __m128i lf = _mm_set1_epi8('\n');
  while (i + 16 <= n) {
    __m128i counts = _mm_setzero_si128();
    for (const std::size_t stop = std::min(n - 15, i + 255 * 16); i < stop; i += 16)
      counts =
          _mm_sub_epi8(counts, _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)), lf));
    const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());
    count += static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) +
             static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
  }
#else
  constexpr std::uint64_t lf = 0x0a0a0a0a0a0a0a0aULL, low7 = 0x7f7f7f7f7f7f7f7fULL;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    const std::uint64_t x = w ^ lf;
    const std::uint64_t t = ~(((x & low7) + low7) | x | low7);
    count += static_cast<std::size_t>(((t >> 7) * 0x0101010101010101ULL) >> 56);
  }
#endif
  return count + static_cast<std::size_t>(std::count(p + i, p + n, '\n'));
}
}  // namespace

std::size_t csv_source::rows_hint() const {
  // The lines of the bytes not parsed yet: those in the buffer, then the rest of the file (read
  // with pread, so the stream's position is untouched).
  std::size_t breaks = count_line_feeds(text_.data() + pos_, text_.size() - pos_);
  char last = pos_ < text_.size() ? text_.back() : '\n';
  if (file_ && !at_end_) {
    const long at = std::ftell(file_);
    if (at < 0) return 0;
    const bool read = read_beside(::fileno(file_), at, [&](std::string_view block) {
      breaks += count_line_feeds(block.data(), block.size());
      last = block.back();
    });
    if (!read) return 0;
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
  // The block goes after the bytes kept; in GB18030, after the start of a character the last block
  // ended in, to be decoded after the bytes kept.
  // storage_ keeps its size between blocks and text_ says how much of it holds bytes: shrinking it
  // to the bytes read and growing it again for the next block would zero-fill every block first.
  std::string& into = gb18030_ ? undecoded_ : storage_;
  const std::size_t before = gb18030_ ? undecoded_.size() : kept;
  if (gb18030_ || into.size() < before + block_size) into.resize(before + block_size);
  const std::size_t got = std::fread(into.data() + before, 1, block_size, file_);
  if (got < block_size && std::ferror(file_)) throw error(errc::cannot_open, name_, "cannot read file");
  if (got == 0) at_end_ = true;
  if (!gb18030_) {
    text_ = std::string_view(storage_.data(), kept + got);
  } else {
    into.resize(before + got);
    const std::size_t line =
        next_line_ + static_cast<std::size_t>(std::count(storage_.begin(), storage_.begin() + kept, '\n'));
    storage_.resize(kept);
    const std::string block = std::move(undecoded_);
    const std::size_t left = decode(block, storage_, line);
    undecoded_.assign(block, block.size() - left, left);
    text_ = storage_;
  }
  pos_ = 0;
  return got > 0;
}

bool csv_source::mostly_not_utf8() const {
  // The whole file, read beside the stream; from a pipe, the bytes at hand only.
  utf8_census census;
  if (!file_ || !read_beside(::fileno(file_), 0, [&](std::string_view block) { census.add(block); }))
    census = utf8_census{}, census.add(text_);
  return census.invalid > census.valid;
}

void csv_source::start_gb18030(std::size_t begin) {
  const iconv_t cd = ::iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1))
    throw error(errc::csv_not_utf8, name_, "cannot decode GB18030 on this system (iconv has no GB18030)");
  gb18030_ = cd;
  std::string decoded;
  const std::string_view rest = text_.substr(begin);
  undecoded_.assign(rest.substr(rest.size() - decode(rest, decoded, next_line_)));
  dropped_ += begin;
  storage_ = std::move(decoded);
  text_ = storage_;
  pos_ = 0;
}

std::size_t csv_source::decode(std::string_view in, std::string& out, std::size_t line) const {
  // A GB18030 character is 1, 2 or 4 bytes and at most 4 bytes of UTF-8: twice the bytes suffice.
  const std::size_t before = out.size();
  out.resize(before + 2 * in.size() + 4);
  char* from = const_cast<char*>(in.data());
  std::size_t from_left = in.size();
  char* to = out.data() + before;
  std::size_t to_left = out.size() - before;
  const std::size_t r = ::iconv(static_cast<iconv_t>(gb18030_), &from, &from_left, &to, &to_left);
  const int why = errno;
  out.resize(static_cast<std::size_t>(to - out.data()));
  if (r != static_cast<std::size_t>(-1)) return 0;
  const std::size_t done = in.size() - from_left;
  const std::size_t bad_line =
      line + static_cast<std::size_t>(std::count(in.begin(), in.begin() + done, '\n'));
  if (why == EINVAL && file_ && !at_end_) return from_left;  // the next block ends the character
  throw error(errc::csv_not_utf8, at(name_, bad_line),
              why == EINVAL
                  ? "the file ends inside a GB18030 character"
                  : "neither UTF-8 nor GB18030 (an invalid byte sequence in the line; save the file "
                    "as UTF-8)");
}

bool csv_source::check_utf8(std::size_t begin, std::size_t end, std::size_t line) {
  if (gb18030_) return true;  // decoded by iconv: UTF-8
  const std::string_view record = text_.substr(begin, end - begin);
  if (all_ascii(record.data(), record.size())) return true;
  const std::size_t bad = detail::find_invalid_utf8(record);
  if (bad == std::string_view::npos) {
    seen_non_ascii_ = true;
    return true;
  }
  // Not UTF-8. GB18030 when that is asked for, or when the rows handed out so far were ASCII (the
  // same in both) and most of the file's non-ASCII text is not UTF-8 either.
  const bool gb = mostly_not_utf8();
  if (gb && encoding_ == text_encoding::automatic && !seen_non_ascii_) {
    detail::leave_note(name_, "not UTF-8: read as GB18030 (GBK)");
    start_gb18030(begin);
    return false;
  }
  std::size_t line_start = 0;
  for (std::size_t k = 0; k < bad; ++k)
    if (record[k] == '\n') ++line, line_start = k + 1;
  throw error(errc::csv_not_utf8, at(name_, line),
              "not UTF-8 (invalid byte sequence at byte " + std::to_string(bad - line_start + 1) +
                  " of the line; save the file as UTF-8" +
                  (gb ? ", or read it as GB18030: most of its text is not UTF-8)" : ")"));
}

namespace {
// The usual row: no quote, no CR, not blank, and whole in [i, n). Its commas are found 16 bytes at a
// time as the bits of a mask, and each cell is added as it is found; true with `i` past the row's
// line feed. False for any other row (cells added so far are dropped: `count` is 0 again), which
// the general loop of parse_record then reads from its start. `ascii` tells whether the bytes looked
// at, the row's and some after it, are all ASCII (then the row needs no UTF-8 check).
template <class Add>
bool split_plain(const char* p, std::size_t n, std::size_t& i, std::size_t& count, Add& add, bool& ascii) {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"'),
                cr = _mm_set1_epi8('\r');
  std::size_t begin = i;
  __m128i any = _mm_setzero_si128();  // the bytes looked at, or'ed: a high bit set is not ASCII
  for (std::size_t k = i; k + 16 <= n; k += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k));
    any = _mm_or_si128(any, x);
    auto commas = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, comma)));
    const auto stops = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, lf), _mm_cmpeq_epi8(x, quote)), _mm_cmpeq_epi8(x, cr))));
    const unsigned stop = stops ? static_cast<unsigned>(__builtin_ctz(stops)) : 16;
    commas &= (1u << stop) - 1;  // the commas before the row's end
    for (; commas; commas &= commas - 1) {
      const std::size_t at = k + static_cast<std::size_t>(__builtin_ctz(commas));
      add(p + begin, at - begin);
      begin = at + 1;
    }
    if (stop < 16) {
      const std::size_t at = k + stop;
      if (p[at] != '\n' || at == i) break;  // a quote or CR, or a blank line
      add(p + begin, at - begin);
      i = at + 1;
      ascii = _mm_movemask_epi8(any) == 0;
      return true;
    }
  }
#else
  (void)p, (void)n, (void)i, (void)add, (void)ascii;
#endif
  count = 0;
  return false;
}
}  // namespace

bool csv_source::parse_record() {
  const char* p = text_.data();
  const std::size_t n = text_.size();
  const std::size_t start = pos_;
  std::size_t i = pos_;
  std::size_t line = next_line_;
  bool blank = true;
  // Cells are written by index over the room the vector has (the width of the rows before), and
  // the vector is cut to the count at the end: no call per cell. Its start and room are kept in
  // locals: read through cells_, they would be loaded again after every cell's store.
  std::size_t count = 0;
  std::string_view* cells = cells_.data();
  std::size_t room = cells_.size();
  auto add = [&](const char* b, std::size_t length) {
    if (count == room) {
      cells_.resize(2 * count + 16);
      cells = cells_.data();
      room = cells_.size();
    }
    cells[count++] = std::string_view(b, length);
  };
  fixups_.clear();
  unquoted_.clear();
  bool ascii = false;
  const bool plain = split_plain(p, n, i, count, add, ascii);
  if (plain) ++line, blank = false;
  for (; !plain;) {
    if (i < n && p[i] == '"') {
      blank = false;
      const std::size_t quote_line = line;
      const std::size_t column = count + 1;
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
          fixups_.push_back(count);
          fixups_.push_back(unquoted_begin);
          add(nullptr, unquoted_.size() - unquoted_begin);
        } else {
          add(p + content, k - content);
        }
        i = k + 1;
        break;
      }
      if (i < n && p[i] != ',' && p[i] != '\n' && p[i] != '\r')
        throw error(errc::csv_bad_quote, at(name_, line, column),
                    "text after the closing quote of a quoted field");
    } else {
      const std::size_t begin = i;
      i = skip_plain(p, i, n);
      if (i < n && p[i] == '"')
        throw error(errc::csv_bad_quote, at(name_, line, count + 1),
                    "a quote inside an unquoted field (quote the whole field and double the quote)");
      if (i > begin) blank = false;
      add(p + begin, i - begin);
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
  cells_.resize(count);
  for (std::size_t k = 0; k < fixups_.size(); k += 2)
    cells_[fixups_[k]] = std::string_view(unquoted_.data() + fixups_[k + 1], cells_[fixups_[k]].size());
  if (!ascii && !check_utf8(start, i, next_line_)) return false;  // now GB18030: parse it again
  line_ = next_line_;
  next_line_ = line;
  pos_ = i;
  if (blank) cells_.clear();
  return true;
}

bool csv_source::next() {
  if (first_) {
    if (encoding_ == text_encoding::gb18030) start_gb18030(pos_);  // its mark decodes to UTF-8's
    while (text_.size() - pos_ < 3 && refill()) {
    }
    if (text_.substr(pos_, 3) == "\xEF\xBB\xBF") pos_ += 3;
    first_ = false;
  }
  for (;;) {
    if (pos_ >= text_.size() && !refill()) {
      if (progress_) {  // the stage's last report, once
        progress_->set(bytes_consumed());
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

namespace {
// A text cell a spreadsheet could take as a formula (see csv_for).
bool formula_like(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=':
    case '@':
    case '\t':
    case '\r':
      return true;
    case '+':
    case '-':
      return text != "-" && !detail::is_number_text(text);
    default:
      return false;
  }
}
}  // namespace

void append_csv_field(std::string& out, std::string_view text, csv_for reader) {
  const bool prefix = reader == csv_for::people && formula_like(text);
  // A byte loop over the table of special bytes (, " CR LF): find_first_of calls memchr on the set
  // for every byte of the text, and a report writes two fields a row this way.
  if (std::none_of(text.begin(), text.end(),
                   [](char c) { return special.at[static_cast<unsigned char>(c)]; })) {
    if (prefix) out += '\'';
    out.append(text);
    return;
  }
  out += '"';
  if (prefix) out += '\'';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string csv_field(std::string_view text, csv_for reader) {
  std::string out;
  append_csv_field(out, text, reader);
  return out;
}

void excel_csv::append(std::string& out, std::string_view piece) {
  if (piece.empty()) return;
  if (!started_) out.append(utf8_bom);
  started_ = true;
  out.reserve(out.size() + piece.size() + piece.size() / 16);
  for (char c : piece) {
    if (c == '"') quoted_ = !quoted_;  // "" inside a quoted field toggles twice
    if (c == '\n' && !quoted_ && !after_cr_) out += '\r';
    out += c;
    after_cr_ = c == '\r';
  }
}

std::string csv_in_form(std::string_view csv, csv_form form) {
  if (form == csv_form::plain) return std::string(csv);
  std::string out;
  excel_csv().append(out, csv);
  return out;
}

void write_csv_file(output_file& file, std::string_view csv) {
  file.write(csv_in_form(csv, csv_form::excel));
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

bool is_number_text(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  auto digits = [&] {
    const std::size_t from = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') ++i;
    return i - from;
  };
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t mantissa = digits();
  if (i < n && s[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return false;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == n;
}

std::size_t find_invalid_utf8(std::string_view s) {
  std::size_t bad = std::string_view::npos;
  walk_utf8(s, [&bad](std::size_t at, std::size_t len) {
    if (!len) bad = at;
    return len != 0;
  });
  return bad;
}
}  // namespace detail

}  // namespace zoneperf
