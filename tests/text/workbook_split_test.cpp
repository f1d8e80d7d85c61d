// A large .xlsx sheet parsed by two threads, each half of its XML: the rows, the rows hint's end
// and the errors are those of the parse in one thread, for every test workbook and for sheets made
// to be split badly (inside a comment or CDATA, before a row without a number, between rows out of
// order, with damage or a bad cell in either half).
#include <dirent.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <unzip.h>
#include <zip.h>

#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "../support/test_support.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/workbook.hpp"

using namespace zoneperf;

namespace {
const std::string dir = std::string(ZONEPERF_SOURCE_DIR) + "/tests/data/";

// Every row as "line: cell|cell|...", then the end: "end" or the error's message.
std::string outcome(const std::string& bytes, const std::string& name) {
  std::string out;
  try {
    auto s = open_cells(bytes, name);
    while (s->next()) {
      out += std::to_string(s->line()) + ":";
      for (std::string_view c : s->cells()) out.append(c).append("|");
      out += "\n";
    }
    out += "end";
  } catch (const error& e) {
    out += e.what();
  }
  return out;
}

// The outcome with sheets split from `from` bytes of XML.
std::string outcome_split_from(std::size_t from, const std::string& bytes, const std::string& name) {
  const std::size_t before = detail::xlsx_split_from;
  detail::xlsx_split_from = from;
  std::string out;
  try {
    out = outcome(bytes, name);
  } catch (...) {
    detail::xlsx_split_from = before;
    throw;
  }
  detail::xlsx_split_from = before;
  return out;
}
constexpr std::size_t never = std::numeric_limits<std::size_t>::max();

// The threads of this process.
std::size_t threads() {
  std::size_t n = 0;
  DIR* d = ::opendir("/proc/self/task");
  if (!d) return 0;
  while (const dirent* e = ::readdir(d)) n += e->d_name[0] != '.';
  ::closedir(d);
  return n;
}

// inline.xlsx with its sheet's XML replaced by `sheet` (parts deflated, as Excel writes them).
std::string workbook_with_sheet(const std::string& sheet) {
  const std::string from = dir + "workbooks/inline.xlsx";
  const std::string to = testing::TempDir() + "split_" + std::to_string(::getpid()) + ".xlsx";
  unzFile in = unzOpen64(from.c_str());
  zipFile out = zipOpen64(to.c_str(), 0);
  if (!in || !out) throw std::runtime_error("cannot rewrite " + from);
  for (int rc = unzGoToFirstFile(in); rc == UNZ_OK; rc = unzGoToNextFile(in)) {
    char name[512];
    unz_file_info64 info{};
    unzGetCurrentFileInfo64(in, &info, name, sizeof name, nullptr, 0, nullptr, 0);
    std::string data(info.uncompressed_size, '\0');
    unzOpenCurrentFile(in);
    if (!data.empty()) unzReadCurrentFile(in, data.data(), static_cast<unsigned>(data.size()));
    unzCloseCurrentFile(in);
    if (std::string(name) == "xl/worksheets/sheet1.xml") data = sheet;
    zip_fileinfo zi{};
    zipOpenNewFileInZip(out, name, &zi, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, Z_DEFAULT_COMPRESSION);
    zipWriteInFileInZip(out, data.data(), static_cast<unsigned>(data.size()));
    zipCloseFileInZip(out);
  }
  unzClose(in);
  zipClose(out, nullptr);
  std::string bytes = read_text_file(to);
  std::remove(to.c_str());
  return bytes;
}

// `xml` with its rows and cells in the main namespace's prefix "x:", as their parents are: the split
// must find the rows by the name they have.
std::string prefixed(std::string xml) {
  for (const char* tag : {"<row", "</row>", "<c ", "<c>", "</c>"}) {
    const std::string from = tag, to = from[1] == '/' ? "</x:" + from.substr(2) : "<x:" + from.substr(1);
    for (std::size_t at = xml.find(from); at != std::string::npos; at = xml.find(from, at + to.size()))
      xml.replace(at, from.size(), to);
  }
  return xml;
}

// A sheet of a header and rows 2..n, with `middle` in place of the row at its middle (n / 2) and
// `late` in place of row n - 2; in them "{row}" is the row it replaces and "{r}" its number.
std::string sheet_xml(std::size_t n, const std::string& middle = "{row}", const std::string& late = "{row}") {
  auto row = [](std::size_t r) {
    const std::string k = std::to_string(r);
    return "<row r=\"" + k + "\"><c r=\"A" + k + "\" t=\"inlineStr\"><is><t>U" + k + "</t></is></c><c r=\"B" +
           k + "\"><v>" + k + ".5</v></c><c r=\"C" + k + "\"><v>-" + k + "</v></c></row>";
  };
  auto fill = [&](std::string text, std::size_t r) {
    for (std::size_t at; (at = text.find("{row}")) != std::string::npos;) text.replace(at, 5, row(r));
    for (std::size_t at; (at = text.find("{r}")) != std::string::npos;)
      text.replace(at, 3, std::to_string(r));
    return text;
  };
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<x:sheetData>" +
      prefixed(
          "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>unit</t></is></c><c r=\"B1\" "
          "t=\"inlineStr\"><is><t>a</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>b</t></is></c></row>\n");
  for (std::size_t r = 2; r <= n; ++r)
    xml += prefixed((r == n / 2 ? fill(middle, r) : r == n - 2 ? fill(late, r) : row(r)) + "\n");
  return xml + "</x:sheetData></x:worksheet>\n";
}
}  // namespace

TEST(workbook_split_test, every_test_workbook_reads_the_same_split_or_whole) {
  // split from 0 bytes: every sheet with a row past its middle is split
  std::size_t files = 0;
  for (const std::string sub : {"workbooks/", "bad/"}) {
    DIR* d = ::opendir((dir + sub).c_str());
    ASSERT_NE(d, nullptr);
    while (const dirent* e = ::readdir(d)) {
      const std::string name = e->d_name;
      if (name.size() < 5 || name.compare(name.size() - 5, 5, ".xlsx") != 0) continue;
      const std::string bytes = read_text_file(dir + sub + name);
      const std::string whole = outcome_split_from(never, bytes, name);
      EXPECT_EQ(outcome_split_from(0, bytes, name), whole) << sub << name;
      ++files;
    }
    ::closedir(d);
  }
  EXPECT_GE(files, 15u);
}

namespace {
// Where the reader splits `xml` (as documented: the first row start past its middle), or npos.
std::size_t split_point(const std::string& xml) {
  for (std::size_t at = xml.find("<x:row", xml.size() / 2); at != std::string::npos;
       at = xml.find("<x:row", at + 1))
    if (std::string(" \t\r\n/>").find(xml[at + 6]) != std::string::npos) return at;
  return std::string::npos;
}

// The same sheet with the row that starts at `at` edited, keeping its length (so the split stays).
std::string with_split_row(std::string xml, std::size_t at, const std::string& from, const std::string& to) {
  const std::size_t k = xml.find(from, at);
  EXPECT_EQ(from.size(), to.size());
  EXPECT_LT(k, xml.find('>', at));
  return xml.replace(k, from.size(), to);
}
}  // namespace

TEST(workbook_split_test, a_sheet_split_badly_or_damaged_reads_as_it_does_whole) {
  const std::size_t n = 12000;  // 1.2 MB of XML: five blocks of the parse in one thread
  std::vector<std::pair<std::string, std::string>> sheets = {
      {"plain", sheet_xml(n)},
      // damage, and bad cells, late in the second half
      {"bad_xml", sheet_xml(n, "{row}", "<row r=\"{r}\"><c r=\"A{r}\"><v>1</c></row>")},
      {"no_value",
       sheet_xml(n, "{row}", "<row r=\"{r}\"><c r=\"A{r}\"><v>x</v></c><c r=\"B{r}\"><f>A1+1</f></c></row>")},
      {"bad_reference", sheet_xml(n, "{row}", "<row r=\"{r}\"><c r=\"1A\"><v>1</v></c></row>")},
      {"late_row_order", sheet_xml(n, "{row}", "<row r=\"7\"><c r=\"A7\"><v>1</v></c></row>")},
      // the first half's error comes first
      {"both_halves",
       sheet_xml(n, "<row r=\"{r}\"><c r=\"B{r}\"><f>A1</f></c></row>", "<row r=\"{r}\"><c><v>1</c></row>")},
      // empty rows about the middle
      {"empty_rows", sheet_xml(n, "<row r=\"{r}\"/><row r=\"{r}0\"/>")},
  };
  // The split row without its number, or numbered back to row 5: the halves do not follow on.
  const std::string plain = sheets[0].second;
  const std::size_t at = split_point(plain);
  ASSERT_NE(at, std::string::npos);
  const std::string number = plain.substr(at + 10, plain.find('"', at + 10) - at - 10);
  sheets.emplace_back("unnumbered",
                      with_split_row(plain, at, "r=\"" + number + "\"", std::string(number.size() + 4, ' ')));
  sheets.emplace_back("back", with_split_row(plain, at, "r=\"" + number + "\"",
                                             "r=\"" + std::string(number.size() - 1, '0') + "5\""));
  // The rows about the middle in a comment, or in a CDATA section of one cell: the split falls in it.
  const std::size_t from = plain.rfind("<x:row", at - 2000), to = plain.find("</x:row>", at + 2000) + 8;
  const std::string region = plain.substr(from, to - from);
  const std::string first = region.substr(10, region.find('"', 10) - 10);
  const std::string comment = plain.substr(0, from) + "<!--" + region + "-->" + plain.substr(to);
  const std::string cdata = plain.substr(0, from) + "<x:row r=\"" + first + "\"><x:c r=\"A" + first +
                            "\" t=\"str\"><v><![CDATA[" + region + "]]></v></x:c></x:row>" + plain.substr(to);
  for (const std::string& xml : {comment, cdata}) {
    const std::size_t k = split_point(xml);
    ASSERT_GT(k, from);
    ASSERT_LT(k + 20, to);
  }
  sheets.emplace_back("comment", comment);
  sheets.emplace_back("cdata", cdata);
  ASSERT_EQ(sheets.size(), 11u);

  for (const auto& [what, xml] : sheets) {
    const std::string bytes = workbook_with_sheet(xml);
    const std::string whole = outcome_split_from(never, bytes, "s.xlsx");
    EXPECT_EQ(outcome_split_from(0, bytes, "s.xlsx"), whole) << what;
    if (what == "plain") EXPECT_NE(whole.find("\n12000:U12000|12000.5|-12000|\nend"), std::string::npos);
    if (what == "back" || what == "late_row_order") EXPECT_NE(whole.find("out of order"), std::string::npos);
    if (what == "unnumbered")
      EXPECT_EQ(whole, outcome_split_from(never, workbook_with_sheet(plain), "s.xlsx"));
  }
}

TEST(workbook_split_test, two_threads_parse_and_none_is_left_when_the_reader_stops_early) {
  const std::string bytes = workbook_with_sheet(sheet_xml(40000));  // 4.6 MB of XML
  const std::size_t before = detail::xlsx_split_from;
  detail::xlsx_split_from = 0;
  const std::size_t alone = threads();
  ASSERT_GT(alone, 0u);
  for (std::size_t stop : {1, 100, 20000, 39990}) {
    {
      auto s = open_cells(bytes, "s.xlsx");
      // the halves' threads: the second may have parsed all of its half already, the first waits
      // for the reader once it is four blocks ahead
      EXPECT_GE(threads(), alone + 1);
      EXPECT_LE(threads(), alone + 2);
      std::size_t k = 0;
      while (k < stop && s->next()) ++k;
      EXPECT_EQ(k, stop);
      EXPECT_EQ(s->line(), stop);  // the header is row 1
    }
    EXPECT_EQ(threads(), alone) << stop;
  }
  detail::xlsx_split_from = before;
}
