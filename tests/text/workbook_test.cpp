// Workbook sources: .xlsx and .xls sheets as rows of text cells, sheet choice, dates, percentages,
// Excel's cell names in messages, and the format chosen by a file's bytes.
#include "zoneperf/text/workbook.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <limits>

#include "../support/test_support.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/file.hpp"

using namespace zoneperf;
using zoneperf::test_support::message_of;
using zoneperf::test_support::write_temp;

namespace {
const std::string dir = std::string(ZONEPERF_SOURCE_DIR) + "/tests/data/workbooks/";
const std::string bad = std::string(ZONEPERF_SOURCE_DIR) + "/tests/data/bad/";

using rows = std::vector<std::pair<std::size_t, std::vector<std::string>>>;
rows rows_of(cell_source& s) {
  rows out;
  while (s.next()) out.emplace_back(s.line(), std::vector<std::string>(s.cells().begin(), s.cells().end()));
  return out;
}
rows rows_of(const std::string& path) { return rows_of(*open_cells(path)); }
}  // namespace

TEST(workbook_test, an_xlsx_gives_every_kind_of_cell_as_text) {
  auto s = open_cells(dir + "kinds.xlsx");
  EXPECT_EQ(s->name(), dir + "kinds.xlsx:Figures");
  EXPECT_EQ(s->naming(), cell_naming::sheet_cell);
  const rows r = rows_of(*s);
  ASSERT_EQ(r.size(), 4u);  // blank rows above and below the table are skipped
  EXPECT_EQ(r[0].first, 3u);
  EXPECT_EQ(r[0].second, (std::vector<std::string>{"unit", "count", "share", "flag", "twice", "day", "rate",
                                                   "note", "money"}));
  // strings, numbers as stored, a boolean, a formula's value, a date, a percentage, a number in a
  // money format
  EXPECT_EQ(r[1].second, (std::vector<std::string>{"高端装备", "1380", "0.85", "1", "2760", "2020-07-15",
                                                   "85.5%", "a, \"quoted\"\nline", "7175.5"}));
  // a gap is an empty cell; a string formula; a date and time; 100%; an escaped character
  EXPECT_EQ(r[2].second, (std::vector<std::string>{"新材料新能源", "0.0015", "", "0", "新材料新能源!",
                                                   "2020-02-29 12:30:00", "100%", "xAy", ""}));
  // Excel's 1900-02-29 sits between serials 59 and 61; serial 1 is 1900-01-01
  EXPECT_EQ(r[3].second, (std::vector<std::string>{"1900", "1900-02-28", "1900-02-29", "1900-03-01", "",
                                                   "1900-01-01", "-12.5%", "", ""}));
}

TEST(workbook_test, cells_and_rows_are_named_as_excel_names_them) {
  auto s = open_cells(dir + "kinds.xlsx");
  ASSERT_TRUE(s->next());
  ASSERT_TRUE(s->next());
  EXPECT_EQ(s->where(2), dir + "kinds.xlsx:Figures!C4");
  EXPECT_EQ(s->where_row(), dir + "kinds.xlsx:Figures!4");
  EXPECT_EQ(s->where_at(3, 27), dir + "kinds.xlsx:Figures!AB3");
  const cell_table t = read_cells_file(dir + "kinds.xlsx");
  EXPECT_EQ(t.header_where(1), dir + "kinds.xlsx:Figures!B3");
  EXPECT_EQ(t.header_row_where(), dir + "kinds.xlsx:Figures!3");
  EXPECT_EQ(t.where(0, 8), dir + "kinds.xlsx:Figures!I4");
  EXPECT_EQ(t.row_where(2), dir + "kinds.xlsx:Figures!6");
}

TEST(workbook_test, a_sheet_is_chosen_by_name_after_a_hash) {
  EXPECT_EQ(rows_of(dir + "kinds.xlsx#Second"), (rows{{1, {"unit", "value"}}, {2, {"甲", "42"}}}));
  EXPECT_EQ(open_cells(dir + "kinds.xlsx#Second")->name(), dir + "kinds.xlsx:Second");
  // a name Excel quotes in a reference is quoted in messages
  EXPECT_EQ(message_of([] { rows_of(dir + "kinds.xlsx#Q1 data"); }),
            "[zoneperf.parse.124] " + dir +
                "kinds.xlsx:'Q1 data'!D2: a filled cell right of the header's last column B (give its column "
                "a header, or clear it)");
  EXPECT_EQ(message_of([] { open_cells(dir + "kinds.xlsx#Nope"); }),
            "[zoneperf.parse.121] " + dir +
                "kinds.xlsx: no sheet \"Nope\" (the workbook's sheets: \"Figures\", \"Second\", \"Q1 data\", "
                "\"Empty\")");
  EXPECT_EQ(message_of([] { read_cells_file(dir + "kinds.xlsx#Empty"); }),
            "[zoneperf.parse.113] " + dir + "kinds.xlsx:Empty: empty file: expected a header row");
  // a CSV has no sheets; a path that names a file as it is is never split
  const std::string csv = write_temp("a#b.csv", "unit,x\nu,1\n");
  EXPECT_EQ(read_cells_file(csv).rows(), 1u);
  EXPECT_EQ(message_of([&] { open_cells(csv + "#S"); }),
            "[zoneperf.parse.121] " + csv + ": a CSV file has no sheets (\"#S\" names one)");
  EXPECT_EQ(message_of([] { open_cells(dir + "no_such.xlsx#S"); }),
            "[zoneperf.io.401] " + dir + "no_such.xlsx: cannot open file");
}

TEST(workbook_test, inline_strings_read_as_shared_ones) {
  const cell_table a = read_cells_file(dir + "inline.xlsx");
  const cell_table b = read_cells(sample_file("task-force/values.csv"), "values.csv");
  ASSERT_EQ(a.header, b.header);
  ASSERT_EQ(a.rows(), b.rows());
  for (std::size_t r = 0; r < a.rows(); ++r)
    for (std::size_t c = 0; c < a.columns(); ++c) EXPECT_EQ(a.cell(r, c), b.cell(r, c)) << r << "," << c;
}

TEST(workbook_test, the_1904_date_system_is_read_when_the_workbook_uses_it) {
  EXPECT_EQ(rows_of(dir + "date1904.xlsx"), (rows{{1, {"id", "day"}},
                                                  {2, {"epoch", "1904-01-01"}},
                                                  {3, {"july", "2020-07-15"}},
                                                  {4, {"leap", "1904-02-29 18:00:00"}}}));
}

TEST(workbook_test, an_xls_gives_text_numbers_and_dates) {
  auto s = open_cells(dir + "kinds.xls");
  EXPECT_EQ(s->name(), dir + "kinds.xls:Figures");
  const rows r = rows_of(*s);
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].first, 3u);
  // freexl gives no booleans, no formulas' values and no number formats but dates
  EXPECT_EQ(r[1].second, (std::vector<std::string>{"高端装备", "1380", "0.85", "", "", "2020-07-15", "0.855",
                                                   "a, \"quoted\"\nline", "7175.5"}));
  EXPECT_EQ(r[3].second[1], "1900-02-28");
  EXPECT_EQ(rows_of(dir + "kinds.xls#Second"), (rows{{1, {"unit", "value"}}, {2, {"甲", "42"}}}));
  EXPECT_EQ(message_of([] { open_cells(dir + "kinds.xls#Nope"); }),
            "[zoneperf.parse.121] " + dir +
                "kinds.xls: no sheet \"Nope\" (the workbook's sheets: \"Figures\", \"Second\", \"Q1 data\", "
                "\"Empty\")");
  // LibreOffice's .xls of the sample values holds the CSV's numbers
  const cell_table x = read_cells_file(dir + "values.xls");
  const cell_table c = read_cells(sample_file("task-force/values.csv"), "values.csv");
  ASSERT_EQ(x.rows(), c.rows());
  for (std::size_t r2 = 0; r2 < x.rows(); ++r2)
    for (std::size_t k = 0; k < x.columns(); ++k) EXPECT_EQ(x.cell(r2, k), c.cell(r2, k));
}

TEST(workbook_test, bytes_in_memory_are_told_apart_by_their_first_bytes) {
  const std::string xlsx = read_text_file(dir + "kinds.xlsx");
  auto s = open_cells(xlsx, "upload.xlsx#Second");
  EXPECT_EQ(s->name(), "upload.xlsx:Second");
  EXPECT_EQ(rows_of(*s).size(), 2u);
  const std::string xls = read_text_file(dir + "kinds.xls");
  EXPECT_EQ(read_cells(xls, "upload.xls#Second").rows(), 1u);
  EXPECT_EQ(read_cells("unit,a\nu,1\n", "t.csv").rows(), 1u);
  EXPECT_EQ(
      message_of([] { read_cells(std::string("\xD0\xCF\x11\xE0 not really", 15), "x.xls"); }),
      "[zoneperf.parse.120] x.xls: not a readable .xls workbook (freexl error -8): the file is damaged, "
      "encrypted, or not an Excel 97-2003 workbook; save it again as .xlsx");
  EXPECT_EQ(message_of([] { read_cells(std::string("PK\3\4 not really", 15), "x.xlsx"); }),
            "[zoneperf.parse.120] x.xlsx: not a readable .xlsx workbook: its zip container is damaged");
  // the embedded sample workbooks
  EXPECT_EQ(read_cells(sample_file("task-force/values.xlsx"), "values.xlsx").rows(), 4u);
}

TEST(workbook_test, rows_hint_counts_the_rows_left) {
  auto s = open_cells(dir + "inline.xlsx");
  ASSERT_TRUE(s->next());
  EXPECT_EQ(s->rows_hint(), 4u);
  auto x = open_cells(dir + "values.xls");
  ASSERT_TRUE(x->next());
  EXPECT_EQ(x->rows_hint(), 4u);
}

TEST(workbook_test, progress_is_reported_in_bytes_of_the_sheet) {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> seen;
  std::string stage;
  const progress_callback cb = [&](std::string_view st, std::uint64_t done, std::uint64_t total) {
    stage = std::string(st);
    seen.emplace_back(done, total);
  };
  read_cells_file(dir + "inline.xlsx", cb);
  EXPECT_EQ(stage, "reading " + dir + "inline.xlsx:Sheet1");
  ASSERT_GE(seen.size(), 2u);
  EXPECT_EQ(seen.front().first, 0u);
  EXPECT_EQ(seen.back().first, seen.back().second);
  EXPECT_GT(seen.back().second, 1000u);
  seen.clear();
  read_cells_file(dir + "values.xls", cb);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen.back().first, seen.back().second);
}

TEST(workbook_test, damaged_and_unusual_workbooks_give_their_errors) {
  EXPECT_EQ(message_of([] { read_cells_file(bad + "corrupt_zip.xlsx"); }),
            "[zoneperf.parse.120] " + bad +
                "corrupt_zip.xlsx: not a readable .xlsx workbook: its zip container is damaged");
  EXPECT_EQ(message_of([] { read_cells_file(bad + "corrupt_data.xlsx"); }).substr(0, 20),
            "[zoneperf.parse.120]");
  EXPECT_EQ(
      message_of([] { read_cells_file(bad + "formula_without_value.xlsx"); }),
      "[zoneperf.parse.122] " + bad +
          "formula_without_value.xlsx:Sheet1!D3: the formula =D2+24 has no value stored: open the file in "
          "Excel (or LibreOffice) and save it, so that its formulas' values are stored with them");
  EXPECT_EQ(
      message_of([] { read_cells_file(bad + "merged_header.xlsx"); }),
      "[zoneperf.parse.123] " + bad +
          "merged_header.xlsx:Sheet1!C1: empty header cell between named columns (a merged header cell "
          "keeps its text in its first cell only: unmerge the header cells and give every column its own "
          "name)");
  // a 2 MB shared-strings table is read whole, then the sheet that uses a few of them
  const cell_table notes = read_cells_file(bad + "big_shared_strings.xlsx#Notes");
  EXPECT_EQ(notes.rows(), 23999u);
  EXPECT_EQ(notes.cell(23998, 0),
            "跟进记录 23999：走访企业，了解项目进度与用地需求，协调解决用地、用能等问题");
  EXPECT_EQ(read_cells_file(bad + "big_shared_strings.xlsx").rows(), 4u);
}

TEST(workbook_test, workbooks_of_other_writers_and_damaged_ones) {
  // error values, rich text (its reading guide left out), an ISO date cell, cells and rows without
  // references, a part found through an absolute target
  EXPECT_EQ(
      rows_of(dir + "odd_cells.xlsx#Second"),
      (rows{{1, {"unit", "value"}}, {2, {"甲", "#N/A"}}, {3, {"富文本", "2020-07-15"}}, {4, {"", "7"}}}));
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"odd_bad_xml.xlsx",
       "[zoneperf.parse.120] {dir}odd_bad_xml.xlsx: xl/worksheets/sheet2.xml is not well-formed XML (line 2, "
       "column 454): mismatched tag"},
      {"odd_string_index.xlsx",
       "[zoneperf.parse.120] {dir}odd_string_index.xlsx:Second!A2: refers to shared string 999, which the "
       "workbook does not have"},
      {"odd_row_order.xlsx",
       "[zoneperf.parse.120] {dir}odd_row_order.xlsx:Second: row number \"1\" out of order or out of range"},
      {"odd_reference.xlsx",
       "[zoneperf.parse.120] {dir}odd_reference.xlsx:Second: bad cell reference \"XFE2\""},
      {"odd_no_workbook.xlsx",
       "[zoneperf.parse.120] {dir}odd_no_workbook.xlsx: not an .xlsx workbook: the zip has no "
       "xl/workbook.xml"},
      {"odd_no_sheet_part.xlsx",
       "[zoneperf.parse.120] {dir}odd_no_sheet_part.xlsx: the zip has no xl/worksheets/sheet2.xml (sheet "
       "\"Second\")"},
      {"odd_no_relationship.xlsx",
       "[zoneperf.parse.120] {dir}odd_no_relationship.xlsx: the workbook names no part for sheet \"Second\""},
      {"odd_chart_sheet.xlsx",
       "[zoneperf.parse.121] {dir}odd_chart_sheet.xlsx: \"Second\" is not a worksheet (a chart sheet?)"},
  };
  for (const auto& [file, expected] : cases) {
    std::string want = expected;
    want.replace(want.find("{dir}"), 5, dir);
    EXPECT_EQ(message_of([&] { rows_of(dir + file + "#Second"); }), want) << file;
  }
}

namespace {
// `bytes` with a field of `part`'s zip entry changed by `delta` in both its headers: `at` is the
// field's offset in the local header (CRC 14, uncompressed size 22), 2 less than in the central
// directory's.
std::string with_entry_field(std::string bytes, const std::string& part, std::size_t at, std::int32_t delta) {
  for (std::size_t name = bytes.find(part); name != std::string::npos; name = bytes.find(part, name + 1)) {
    std::size_t field = 0;
    if (name >= 30 && bytes.compare(name - 30, 4, "PK\3\4") == 0) field = name - 30 + at;
    if (name >= 46 && bytes.compare(name - 46, 4, "PK\1\2") == 0) field = name - 46 + at + 2;
    if (field == 0) continue;
    std::uint32_t v = 0;
    for (int k = 3; k >= 0; --k)
      v = v << 8 | static_cast<unsigned char>(bytes[field + static_cast<std::size_t>(k)]);
    v += static_cast<std::uint32_t>(delta);
    for (std::size_t k = 0; k < 4; ++k) bytes[field + k] = static_cast<char>(v >> (8 * k) & 0xFF);
  }
  return bytes;
}
}  // namespace

TEST(workbook_test, a_sheet_that_does_not_inflate_as_its_entry_says_is_streamed_with_its_errors) {
  // a part is inflated whole only when it gives exactly the size and CRC its entry states; any
  // other is streamed through minizip, which reads these as it always did
  const std::string good = read_text_file(dir + "inline.xlsx");
  const std::string sheet = "xl/worksheets/sheet1.xml";
  const cell_table a = read_cells(good, "a.xlsx");
  // a size stated 1000 bytes too large: minizip reads to the data's end and checks no CRC
  const cell_table b = read_cells(with_entry_field(good, sheet, 22, 1000), "b.xlsx");
  ASSERT_EQ(a.header, b.header);
  ASSERT_EQ(a.rows(), b.rows());
  ASSERT_EQ(a.rows(), 4u);
  for (std::size_t r = 0; r < a.rows(); ++r)
    for (std::size_t c = 0; c < a.columns(); ++c) EXPECT_EQ(a.cell(r, c), b.cell(r, c)) << r << "," << c;
  EXPECT_EQ(message_of([&] { read_cells(with_entry_field(good, sheet, 14, 1), "c.xlsx"); }),
            "[zoneperf.parse.120] c.xlsx: the zip's data for xl/worksheets/sheet1.xml are damaged (CRC)");
  // a size stated 100 bytes too small: minizip stops there, inside the XML
  EXPECT_EQ(message_of([&] { read_cells(with_entry_field(good, sheet, 22, -100), "d.xlsx"); }).substr(0, 76),
            "[zoneperf.parse.120] d.xlsx: xl/worksheets/sheet1.xml is not well-formed XML");
}

TEST(workbook_test, number_formats_tell_dates_and_percentages) {
  using detail::look_of_format;
  using detail::number_look;
  EXPECT_EQ(look_of_format(0, ""), number_look::plain);
  EXPECT_EQ(look_of_format(9, ""), number_look::percent);
  EXPECT_EQ(look_of_format(10, ""), number_look::percent);
  EXPECT_EQ(look_of_format(14, ""), number_look::date);
  EXPECT_EQ(look_of_format(22, ""), number_look::date);
  EXPECT_EQ(look_of_format(31, ""), number_look::date);  // yyyy"年"m"月"d"日"
  EXPECT_EQ(look_of_format(57, ""), number_look::date);
  EXPECT_EQ(look_of_format(20, ""), number_look::plain);  // h:mm, a time
  EXPECT_EQ(look_of_format(32, ""), number_look::plain);  // h"时"mm"分"
  EXPECT_EQ(look_of_format(164, "yyyy-mm-dd"), number_look::date);
  EXPECT_EQ(look_of_format(164, "[$-804]yyyy\"年\"m\"月\"d\"日\";@"), number_look::date);
  EXPECT_EQ(look_of_format(164, "D-MMM"), number_look::date);
  EXPECT_EQ(look_of_format(164, "0.0%"), number_look::percent);
  EXPECT_EQ(look_of_format(164, "hh:mm:ss"), number_look::plain);
  EXPECT_EQ(look_of_format(164, "[Red]0.00"), number_look::plain);
  EXPECT_EQ(look_of_format(164, "#,##0 \"天 days\""), number_look::plain);
  EXPECT_EQ(look_of_format(164, "0\\d"), number_look::plain);
  EXPECT_EQ(look_of_format(164, "0.00_);[Red](0.00)"), number_look::plain);
  EXPECT_EQ(look_of_format(164, "0;0%"), number_look::plain);  // a percent sign only for negatives
  EXPECT_EQ(look_of_format(164, "\"unclosed"), number_look::plain);
  EXPECT_EQ(look_of_format(164, "[unclosed"), number_look::plain);
}

TEST(workbook_test, serial_days_become_iso_dates) {
  using detail::excel_date;
  EXPECT_EQ(excel_date(1, false), "1900-01-01");
  EXPECT_EQ(excel_date(59, false), "1900-02-28");
  EXPECT_EQ(excel_date(60, false), "1900-02-29");
  EXPECT_EQ(excel_date(61, false), "1900-03-01");
  EXPECT_EQ(excel_date(25569, false), "1970-01-01");
  EXPECT_EQ(excel_date(44027, false), "2020-07-15");
  EXPECT_EQ(excel_date(44027.75, false), "2020-07-15 18:00:00");
  EXPECT_EQ(excel_date(44027.999999999, false), "2020-07-16");  // rounds to the next midnight
  EXPECT_EQ(excel_date(2958465, false), "9999-12-31");
  EXPECT_EQ(excel_date(2958466, false), "");
  EXPECT_EQ(excel_date(0, false), "");
  EXPECT_EQ(excel_date(-1, false), "");
  EXPECT_EQ(excel_date(0, true), "1904-01-01");
  EXPECT_EQ(excel_date(42565, true), "2020-07-15");
  EXPECT_EQ(excel_date(-1, true), "");
  EXPECT_EQ(excel_date(std::numeric_limits<double>::quiet_NaN(), false), "");
}

TEST(workbook_test, percentages_move_the_decimal_point_in_the_text) {
  using detail::percent_text;
  EXPECT_EQ(percent_text("0.855"), "85.5%");
  EXPECT_EQ(percent_text("1"), "100%");
  EXPECT_EQ(percent_text("0.05"), "5%");
  EXPECT_EQ(percent_text("-0.125"), "-12.5%");
  EXPECT_EQ(percent_text("+0.5"), "50%");
  EXPECT_EQ(percent_text("1.5E-3"), "0.15%");
  EXPECT_EQ(percent_text("2.5e+2"), "25000%");
  EXPECT_EQ(percent_text("1E-7"), "0.00001%");
  EXPECT_EQ(percent_text("0"), "0%");
  EXPECT_EQ(percent_text("-0"), "0%");
  EXPECT_EQ(percent_text("0.1234567890123456789"), "12.34567890123456789%");  // every digit kept
  EXPECT_EQ(percent_text(".5"), "50%");
  EXPECT_EQ(percent_text("abc"), "abc");
  EXPECT_EQ(percent_text("1e"), "1e");
  EXPECT_EQ(percent_text("1e5000"), "1e5000");
  EXPECT_EQ(percent_text("1.2.3"), "1.2.3");
}

TEST(workbook_test, helpers) {
  EXPECT_EQ(detail::column_letters(0), "A");
  EXPECT_EQ(detail::column_letters(25), "Z");
  EXPECT_EQ(detail::column_letters(26), "AA");
  EXPECT_EQ(detail::column_letters(16383), "XFD");
  EXPECT_EQ(detail::quoted_sheet_name("Sheet1"), "Sheet1");
  EXPECT_EQ(detail::quoted_sheet_name("汇总表"), "汇总表");
  EXPECT_EQ(detail::quoted_sheet_name("Q1 data"), "'Q1 data'");
  EXPECT_EQ(detail::quoted_sheet_name("2020"), "'2020'");
  EXPECT_EQ(detail::quoted_sheet_name("it's"), "'it''s'");
  EXPECT_EQ(detail::detect_table_format("PK\3\4"), detail::table_format::xlsx);
  EXPECT_EQ(detail::detect_table_format("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), detail::table_format::xls);
  EXPECT_EQ(detail::detect_table_format("unit,a"), detail::table_format::csv);
  EXPECT_EQ(detail::detect_table_format("PK"), detail::table_format::csv);
  EXPECT_EQ(detail::split_sheet("/no/such/book.xlsx#Sheet 2"),
            (std::pair<std::string, std::string>{"/no/such/book.xlsx", "Sheet 2"}));
  EXPECT_EQ(detail::split_sheet("/no/such/book.xlsx"),
            (std::pair<std::string, std::string>{"/no/such/book.xlsx", ""}));
}
