// The CSV source read in blocks: the same cells and the same errors, wherever a block ends.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>

#include "../support/test_support.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/text/csv.hpp"

using namespace zoneperf;
using zoneperf::test_support::message_of;

namespace {
std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// Every row of a source as strings, with its line.
std::vector<std::pair<std::size_t, std::vector<std::string>>> rows_of(cell_source& s) {
  std::vector<std::pair<std::size_t, std::vector<std::string>>> out;
  while (s.next()) out.emplace_back(s.line(), std::vector<std::string>(s.cells().begin(), s.cells().end()));
  return out;
}
// RFC 4180 read the plain way, one byte at a time: the rows (blank lines left out) and the line each
// starts on. The reader's fast path for rows without quotes or CR must give the same.
std::vector<std::pair<std::size_t, std::vector<std::string>>> reference_rows(const std::string& t) {
  std::vector<std::pair<std::size_t, std::vector<std::string>>> out;
  std::size_t i = 0, line = 1;
  while (i < t.size()) {
    const std::size_t first = line;
    std::vector<std::string> cells;
    bool blank = true;
    for (;;) {
      std::string cell;
      if (t[i] == '"') {
        blank = false;
        for (++i; !(t[i] == '"' && (i + 1 >= t.size() || t[i + 1] != '"')); ++i) {
          if (t[i] == '"') ++i;  // "" is one quote
          line += t[i] == '\n';
          cell += t[i];
        }
        ++i;
      } else {
        for (; i < t.size() && t[i] != ',' && t[i] != '\n' && t[i] != '\r'; ++i) cell += t[i];
        blank = blank && cell.empty();
      }
      cells.push_back(cell);
      if (i < t.size() && t[i] == ',') {
        blank = false;
        ++i;
        continue;
      }
      if (i < t.size() && t[i] == '\r' && (++i >= t.size() || t[i] != '\n')) ++line;
      if (i < t.size() && t[i] == '\n') ++i, ++line;
      break;
    }
    if (!blank) out.emplace_back(first, cells);
  }
  return out;
}
}  // namespace

TEST(csv_source_test, rows_split_sixteen_bytes_at_a_time_are_the_rows_read_byte_by_byte) {
  // Cells of 0 to 40 bytes, so that rows and cells cross the 16-byte blocks anywhere; quoted cells
  // with commas, quotes and line breaks; LF, CRLF and lone CR line ends; blank lines.
  std::mt19937 rng(11);
  auto plain = [&] {
    std::string c;
    for (std::size_t k = rng() % 41; k > 0; --k) {
      const auto x = rng() % 20;
      c += x < 19 ? std::string(1, "0123456789.-abcXYZ "[x]) : "中";
    }
    return c;
  };
  std::string text;
  for (int r = 0; r < 20000; ++r) {
    for (int c = 0; c < 6; ++c) {
      if (c) text += ',';
      text += rng() % 12 ? plain() : "\"" + plain() + ",\"\"\n" + plain() + "\"";
    }
    const auto end = rng() % 20;
    text += end < 14 ? "\n" : end < 17 ? "\r\n" : end < 18 ? "\r" : "\n\n";
  }
  csv_source source(text, "blocks.csv");
  const auto rows = rows_of(source);
  ASSERT_EQ(rows.size(), 20000u);
  EXPECT_EQ(rows, reference_rows(text));
}

TEST(csv_source_test, a_file_read_in_blocks_gives_what_the_text_gives) {
  // Rows longer than the 1 MiB block, quoted fields with "" and line breaks across block ends,
  // CRLF, blank lines and UTF-8: the file (blocks) and the text (one piece) must agree.
  std::mt19937 rng(7);
  std::string text = "\xEF\xBB\xBFunit,a,b\r\n";
  for (int r = 0; r < 40000; ++r) {
    text += "u" + std::to_string(r) + ",";
    switch (rng() % 5) {
      case 0:
        text += "\"say \"\"hi\"\"\n多行\",";
        break;
      case 1:
        text += "\"" + std::string(rng() % 64, 'x') + "\",";
        break;
      case 2:
        text += ",";
        break;
      default:
        text += std::to_string(rng() % 100000) + ".25,";
    }
    text += r % 7 ? "1\n" : "2\r\n\r\n";
  }
  text += "big," + std::string(3 << 20, 'y') + ",\"" + std::string(2 << 20, 'z') + "\"";  // no final newline
  const std::string path = write_temp("blocks.csv", text);
  csv_source from_file(path);
  csv_source from_text(std::string_view(text).substr(3), "blocks.csv");
  const auto a = rows_of(from_file), b = rows_of(from_text);
  ASSERT_EQ(a.size(), 40002u);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a[0].second, (std::vector<std::string>{"unit", "a", "b"}));
  EXPECT_EQ(a.back().second[1].size(), 3u << 20);
  EXPECT_EQ(a.back().second[2].size(), 2u << 20);
}

TEST(csv_source_test, an_error_far_down_a_file_names_its_line_and_column) {
  std::string text = "unit,a\n";
  for (int r = 0; r < 900000; ++r) text += "u" + std::to_string(r) + ",1\n";
  text += "late,\"open\n";
  const std::string path = write_temp("late.csv", text);
  EXPECT_EQ(message_of([&] { read_csv_file(path); }),
            "[zoneperf.parse.111] " + path + ":900002:2: unterminated quoted field");
  text.resize(text.size() - 11);
  text += "x,1,2\n";
  const std::string path2 = write_temp("late2.csv", text);
  EXPECT_EQ(message_of([&] { read_csv_file(path2); }),
            "[zoneperf.parse.114] " + path2 + ":900002: row has 3 fields, the header has 2");
}

TEST(csv_source_test, a_missing_file_is_error_401) {
  EXPECT_EQ(message_of([] { csv_source s(std::string("/no/such/file.csv")); }),
            "[zoneperf.io.401] /no/such/file.csv: cannot open file");
}

TEST(csv_source_test, cells_of_a_table_are_views_of_one_buffer) {
  const auto t = read_csv("id,name\n1,\"a,b\"\n2,\"c\"\"d\"\n\n3,\n", "t.csv");
  ASSERT_EQ(t.rows(), 3u);
  EXPECT_EQ(t.cell(0, 1), "a,b");
  EXPECT_EQ(t.cell(1, 1), "c\"d");
  EXPECT_EQ(t.cell(2, 1), "");
  EXPECT_EQ(t.line(2), 5u);
  EXPECT_EQ(t.where(2, 1), "t.csv:5:2");
  EXPECT_EQ(t.header_where(1), "t.csv:1:2");
}

// Fields end where a comma, quote or line end is, found eight bytes at a time: every field length
// from 0 to 19 beside every other, so that each ending byte falls at each place of a word, and a
// stray quote at each place is still error 112 at its column.
TEST(csv_source_test, fields_of_every_length_end_at_their_comma_or_line_end) {
  std::string text = "a,b\n";
  std::vector<std::pair<std::string, std::string>> rows;
  for (std::size_t n = 0; n < 20; ++n)
    for (std::size_t m = 0; m < 20; ++m) {
      rows.emplace_back(std::string(n, 'x') + "1", std::string(m, 'y'));
      text += rows.back().first + "," + rows.back().second + (m % 2 ? "\r\n" : "\n");
    }
  csv_source s(text, "t.csv");
  ASSERT_TRUE(s.next());
  for (const auto& [first, second] : rows) {
    ASSERT_TRUE(s.next());
    ASSERT_EQ(s.cells().size(), 2u);
    EXPECT_EQ(s.cells()[0], first);
    EXPECT_EQ(s.cells()[1], second);
  }
  EXPECT_FALSE(s.next());
  for (std::size_t k = 1; k < 12; ++k) {  // k = 0 would open a quoted field
    const std::string bad = "a,b\nxx," + std::string(k, 'z') + "\"z\n";
    csv_source b(bad, "q.csv");
    ASSERT_TRUE(b.next());
    EXPECT_EQ(message_of([&] { b.next(); }).rfind("[zoneperf.parse.112] q.csv:2:2:", 0), 0u) << k;
  }
}

TEST(csv_source_test, rows_hint_counts_every_line_feed) {
  // The hint counts line feeds 16 bytes at a time, in byte-wide counters summed every 255 blocks:
  // texts of every length around those steps, from no line feed to nothing else (each counter's
  // most), in memory and in a file read beside the stream (64 KiB at a time).
  std::mt19937_64 rng(16);
  const auto lines_of = [](const std::string& t) {
    return static_cast<std::size_t>(std::count(t.begin(), t.end(), '\n')) + (!t.empty() && t.back() != '\n');
  };
  std::vector<std::string> texts;
  for (std::size_t length : {0, 1, 15, 16, 17, 31, 32, 33, 4079, 4080, 4081, 4095, 4096, 4097, 8161, 12000})
    for (int density : {0, 1, 8, 64, 100}) {  // line feeds in 100 bytes
      std::string t(length, 'x');
      for (char& c : t)
        if (static_cast<int>(rng() % 100) < density) c = '\n';
      texts.push_back(t);
    }
  for (const std::string& t : texts) {
    csv_source s(t, "t.csv");
    EXPECT_EQ(s.rows_hint(), lines_of(t)) << t.size();
  }
  std::string big(70000, '\n');
  big += "a,b";
  std::string mixed(70001, 'y');
  for (char& c : mixed)
    if (rng() % 7 == 0) c = '\n';
  for (const std::string& t : {big, mixed}) {
    const std::string path = write_temp("rows_hint_" + std::to_string(::getpid()) + ".csv", t);
    csv_source s(path);
    EXPECT_EQ(s.rows_hint(), lines_of(t));
    std::remove(path.c_str());
  }
}
