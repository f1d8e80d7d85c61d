// GB18030 (GBK) CSV files: read as the UTF-8 text they encode, lines as in the file; a file that is
// mostly UTF-8 with a bad byte stays error 110.
#include <gtest/gtest.h>
#include <iconv.h>

#include <fstream>
#include <random>

#include "../support/test_support.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/reading.hpp"

using namespace zoneperf;
using zoneperf::test_support::message_of;

namespace {
// `utf8` in GB18030, made with iconv (as a clerk's older Excel would save it).
std::string to_gb18030(const std::string& utf8) {
  const iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string out(utf8.size() * 2 + 8, '\0');
  char* from = const_cast<char*>(utf8.data());
  std::size_t from_left = utf8.size();
  char* to = out.data();
  std::size_t to_left = out.size();
  const std::size_t r = iconv(cd, &from, &from_left, &to, &to_left);
  iconv_close(cd);
  EXPECT_NE(r, static_cast<std::size_t>(-1));
  out.resize(out.size() - to_left);
  return out;
}

std::string write_temp(const std::string& name, const std::string& bytes) {
  const std::string path = testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

using rows = std::vector<std::pair<std::size_t, std::vector<std::string>>>;
rows rows_of(cell_source& s) {
  rows out;
  while (s.next()) out.emplace_back(s.line(), std::vector<std::string>(s.cells().begin(), s.cells().end()));
  return out;
}

rows rows_of_text(const std::string& text, text_encoding e = text_encoding::automatic) {
  csv_source s(std::string_view(text), "t.csv", {}, e);
  return rows_of(s);
}
rows rows_of_file(const std::string& path, text_encoding e = text_encoding::automatic) {
  csv_source s(path, {}, e);
  return rows_of(s);
}

// A table with Chinese ids and headers, quoted fields with line breaks and commas, CRLF.
std::string chinese_table(int rows_count, unsigned seed) {
  std::mt19937 rng(seed);
  const char* names[] = {"高端装备", "新材料新能源",   "生物医药",
                         "电子信息", "招商一组，二组", "服务\"专班\""};
  std::string text = "单位,意向项目数,用地面积(亩),备注\r\n";
  for (int r = 0; r < rows_count; ++r) {
    text += std::string(names[rng() % 6]).find_first_of(",\"") == std::string::npos
                ? std::string(names[rng() % 4]) + std::to_string(r)
                : std::string("u") + std::to_string(r);
    text += "," + std::to_string(rng() % 100) + "," + std::to_string(rng() % 1000) + ".5,";
    if (r % 7 == 0)
      text += "\"第一行\n第二行，含逗号, \"\"引号\"\"\"";
    else
      text += names[rng() % 4];
    text += r % 3 ? "\r\n" : "\n";
  }
  return text;
}
}  // namespace

TEST(encoding_test, a_gbk_file_reads_as_the_text_it_encodes_with_one_note) {
  const std::string utf8 = chinese_table(200, 1);
  const std::string path = write_temp("enc_gbk.csv", to_gb18030(utf8));
  std::vector<std::string> notes;
  {
    reading_options reading;
    reading.notes = [&](const std::string& where, const std::string& what) {
      notes.push_back(where + ": " + what);
    };
    reading_scope scope(reading);
    EXPECT_EQ(rows_of_file(path), rows_of_text(utf8));
    EXPECT_EQ(rows_of_text(to_gb18030(utf8)), rows_of_text(utf8));
  }
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0], path + ": not UTF-8: read as GB18030 (GBK)");
  EXPECT_EQ(rows_of_file(path).size(), 201u);  // the header and 200 rows  // no scope: no note, same rows
}

TEST(encoding_test, characters_split_across_blocks_and_lines_keep_their_numbers) {
  // Over 3 MiB of GB18030: 1 MiB blocks end inside two-byte characters; the lines reported are
  // the file's (the ASCII line ends are the same bytes in both encodings).
  const std::string utf8 = chinese_table(90000, 2);
  const std::string gb = to_gb18030(utf8);
  ASSERT_GT(gb.size(), std::size_t{3} << 20);
  const std::string path = write_temp("enc_big.csv", gb);
  const rows expected = rows_of_text(utf8);
  EXPECT_EQ(rows_of_file(path), expected);
  EXPECT_EQ(rows_of_file(path, text_encoding::gb18030), expected);
  // The byte that starts every 4-byte GB18030 character (a character GBK lacks) survives too.
  EXPECT_EQ(rows_of_text(to_gb18030("a,b\n€😀,1\n"), text_encoding::gb18030).at(1).second.at(0), "€😀");
}

TEST(encoding_test, ascii_rows_then_gbk_switch_where_the_first_chinese_is) {
  std::string utf8 = "unit,a\n";
  for (int r = 0; r < 30000; ++r) utf8 += "u" + std::to_string(r) + "," + std::to_string(r) + "\n";
  utf8 += "高端装备,1\n";
  const std::string path = write_temp("enc_late.csv", to_gb18030(utf8));
  const rows got = rows_of_file(path);
  ASSERT_EQ(got.size(), 30002u);
  EXPECT_EQ(got.back().second.at(0), "高端装备");
  EXPECT_EQ(got.back().first, 30002u);
}

TEST(encoding_test, mostly_utf8_with_a_bad_byte_stays_error_110) {
  std::string text = "unit,a\n高端装备,1\n新材料新能源,2\n生物\xB5医药,3\n";
  const std::string path = write_temp("enc_bad_byte.csv", text);
  csv_source s(path);
  EXPECT_EQ(message_of([&] { rows_of(s); }),
            "[zoneperf.parse.110] " + path +
                ":4: not UTF-8 (invalid byte sequence at byte 7 of the line; save the "
                "file as UTF-8)");
}

TEST(encoding_test, utf8_forced_on_a_gbk_file_says_what_it_looks_like) {
  const std::string gb = to_gb18030("单位,a\n高端装备,1\n");
  EXPECT_EQ(message_of([&] { rows_of_text(gb, text_encoding::utf8); }),
            "[zoneperf.parse.110] t.csv:1: not UTF-8 (invalid byte sequence at byte 1 of the line; save the "
            "file as "
            "UTF-8, or read it as GB18030: most of its text is not UTF-8)");
}

TEST(encoding_test, utf8_rows_then_gbk_rows_is_an_error_not_a_mixture) {
  // The first row was handed out as UTF-8: the rest cannot be read as GB18030 behind its back.
  const std::string text = "unit,a\n高端装备,1\n" + to_gb18030("新材料新能源,2\n生物医药,3\n电子信息,4\n");
  EXPECT_EQ(message_of([&] { rows_of_text(text); }),
            "[zoneperf.parse.110] t.csv:3: not UTF-8 (invalid byte sequence at byte 1 of the line; save the "
            "file as "
            "UTF-8, or read it as GB18030: most of its text is not UTF-8)");
}

TEST(encoding_test, bytes_that_are_not_gb18030_either_name_their_line) {
  const std::string gb = to_gb18030("单位,a\n高端装备,1\n") + "x\xFF,2\n";
  EXPECT_EQ(message_of([&] { rows_of_text(gb); }),
            "[zoneperf.parse.110] t.csv:3: neither UTF-8 nor GB18030 (an invalid byte sequence in the line; "
            "save the "
            "file as UTF-8)");
  const std::string cut = to_gb18030("单位,a\n高端装备,1\n高");
  const std::string path = write_temp("enc_cut.csv", cut.substr(0, cut.size() - 1));
  EXPECT_EQ(message_of([&] { rows_of_file(path); }),
            "[zoneperf.parse.110] " + path + ":3: the file ends inside a GB18030 character");
}
