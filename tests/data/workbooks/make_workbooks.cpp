// Writes the test workbooks of tests/data/workbooks and tests/data/bad with libxlsxwriter, and the
// variants no writer makes on purpose (a formula without its value, the 1904 date system, a broken
// zip) by rewriting a written workbook's parts with minizip. Run by make.sh (not by the build):
//   make_workbooks <repository root>
#include <unzip.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {
std::string root;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void spit(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::vector<std::vector<std::string>> read_csv(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(slurp(path));
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (;;) {
      const std::size_t comma = line.find(',', start);
      cells.push_back(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    rows.push_back(cells);
  }
  return rows;
}

lxw_workbook* new_workbook(const std::string& path, bool inline_strings = false) {
  lxw_workbook_options options{};
  options.constant_memory = inline_strings ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (!wb) throw std::runtime_error("cannot create " + path);
  static lxw_doc_properties properties{};
  properties.created = 1577836800;  // 2020-01-01: the same bytes on every run
  workbook_set_properties(wb, &properties);
  return wb;
}

void close(lxw_workbook* wb) {
  if (workbook_close(wb) != LXW_NO_ERROR)
    throw std::runtime_error("libxlsxwriter could not write a workbook");
}

// A CSV table as a sheet: numbers as numbers, the rest as strings. `cell` may change a cell.
void write_table(lxw_worksheet* ws, const std::vector<std::vector<std::string>>& rows,
                 lxw_row_t first_row = 0) {
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      const std::string& v = rows[r][c];
      const auto row = static_cast<lxw_row_t>(first_row + r);
      const auto col = static_cast<lxw_col_t>(c);
      char* end = nullptr;
      const double x = std::strtod(v.c_str(), &end);
      if (v.empty()) continue;
      if (r > 0 && end && *end == '\0')
        worksheet_write_number(ws, row, col, x, nullptr);
      else
        worksheet_write_string(ws, row, col, v.c_str(), nullptr);
    }
  }
}

// Copies the zip at `from` to `to`, replacing text in its parts: {part, {old, new}}; an edit
// {part, {"", ""}} leaves the part out.
void rewrite(const std::string& from, const std::string& to,
             const std::multimap<std::string, std::pair<std::string, std::string>>& edits,
             int method = Z_DEFLATED) {
  unzFile in = unzOpen64(from.c_str());
  zipFile out = zipOpen64(to.c_str(), 0);
  if (!in || !out) throw std::runtime_error("cannot rewrite " + from);
  for (int rc = unzGoToFirstFile(in); rc == UNZ_OK; rc = unzGoToNextFile(in)) {
    char name[512];
    unz_file_info64 info{};
    unzGetCurrentFileInfo64(in, &info, name, sizeof name, nullptr, 0, nullptr, 0);
    unzOpenCurrentFile(in);
    std::string data(info.uncompressed_size, '\0');
    if (!data.empty()) unzReadCurrentFile(in, data.data(), static_cast<unsigned>(data.size()));
    unzCloseCurrentFile(in);
    auto range = edits.equal_range(name);
    if (range.first != range.second && range.first->second.first.empty()) continue;
    for (auto it = range.first; it != range.second; ++it) {
      const std::size_t at = data.find(it->second.first);
      if (at == std::string::npos) throw std::runtime_error(std::string(name) + " lacks " + it->second.first);
      data.replace(at, it->second.first.size(), it->second.second);
    }
    zip_fileinfo zi{};
    zi.tmz_date = {0, 0, 0, 1, 0, 2020};
    zipOpenNewFileInZip(out, name, &zi, nullptr, 0, nullptr, 0, nullptr, method, Z_DEFAULT_COMPRESSION);
    zipWriteInFileInZip(out, data.data(), static_cast<unsigned>(data.size()));
    zipCloseFileInZip(out);
  }
  unzClose(in);
  zipClose(out, nullptr);
}

// Every kind of cell: strings, numbers, booleans, a formula, dates, a percentage, a gap, blank rows.
void kinds(const std::string& dir) {
  lxw_workbook* wb = new_workbook(dir + "/kinds.xlsx");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Figures");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_format* stamp = workbook_add_format(wb);
  format_set_num_format(stamp, "yyyy-mm-dd hh:mm");
  lxw_format* percent = workbook_add_format(wb);
  format_set_num_format(percent, "0.0%");
  lxw_format* cjk_date = workbook_add_format(wb);
  format_set_num_format_index(cjk_date, 14);
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "#,##0.00 \"元\"");
  lxw_format* fill = workbook_add_format(wb);
  format_set_bg_color(fill, LXW_COLOR_YELLOW);
  worksheet_write_blank(ws, 1, 3, fill);  // row 2: only a coloured empty cell
  const char* header[] = {"unit", "count", "share", "flag", "twice", "day", "rate", "note", "money"};
  for (lxw_col_t c = 0; c < 9; ++c) worksheet_write_string(ws, 2, c, header[c], nullptr);
  // row 4
  worksheet_write_string(ws, 3, 0, "高端装备", nullptr);
  worksheet_write_number(ws, 3, 1, 1380, nullptr);
  worksheet_write_number(ws, 3, 2, 0.85, nullptr);
  worksheet_write_boolean(ws, 3, 3, 1, nullptr);
  worksheet_write_formula_num(ws, 3, 4, "=B4*2", nullptr, 2760);
  lxw_datetime d1 = {2020, 7, 15, 0, 0, 0};
  worksheet_write_datetime(ws, 3, 5, &d1, date);
  worksheet_write_number(ws, 3, 6, 0.855, percent);
  worksheet_write_string(ws, 3, 7, "a, \"quoted\"\nline", nullptr);
  worksheet_write_number(ws, 3, 8, 7175.5, money);
  // row 5: a gap in column C, a string formula, a date and time, 100%
  worksheet_write_string(ws, 4, 0, "新材料新能源", nullptr);
  worksheet_write_number(ws, 4, 1, 0.0015, nullptr);
  worksheet_write_boolean(ws, 4, 3, 0, nullptr);
  worksheet_write_formula_str(ws, 4, 4, "=A5&\"!\"", nullptr, "新材料新能源!");
  lxw_datetime d2 = {2020, 2, 29, 12, 30, 0};
  worksheet_write_datetime(ws, 4, 5, &d2, stamp);
  worksheet_write_number(ws, 4, 6, 1, percent);
  worksheet_write_string(ws, 4, 7, "x_x0041_y", nullptr);
  // row 6: the days around Excel's 1900-02-29, in a built-in date format
  worksheet_write_string(ws, 5, 0, "1900", nullptr);
  worksheet_write_number(ws, 5, 1, 59, cjk_date);
  worksheet_write_number(ws, 5, 2, 60, cjk_date);
  worksheet_write_number(ws, 5, 3, 61, cjk_date);
  worksheet_write_number(ws, 5, 5, 1, cjk_date);
  worksheet_write_number(ws, 5, 6, -0.125, percent);
  // blank but formatted rows below the table
  for (lxw_row_t r = 10; r < 15; ++r) worksheet_write_blank(ws, r, 2, fill);

  lxw_worksheet* second = workbook_add_worksheet(wb, "Second");
  worksheet_write_string(second, 0, 0, "unit", nullptr);
  worksheet_write_string(second, 0, 1, "value", nullptr);
  worksheet_write_string(second, 1, 0, "甲", nullptr);
  worksheet_write_number(second, 1, 1, 42, nullptr);
  lxw_worksheet* spaced = workbook_add_worksheet(wb, "Q1 data");
  worksheet_write_string(spaced, 0, 0, "unit", nullptr);
  worksheet_write_string(spaced, 0, 1, "value", nullptr);
  worksheet_write_string(spaced, 1, 0, "乙", nullptr);
  worksheet_write_string(spaced, 1, 3, "stray", nullptr);
  workbook_add_worksheet(wb, "Empty");
  close(wb);
}

// The same table with inline strings (libxlsxwriter's constant-memory mode writes no shared strings).
void inline_strings(const std::string& dir) {
  lxw_workbook* wb = new_workbook(dir + "/inline.xlsx", true);
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  write_table(ws, read_csv(root + "/samples/task-force/values.csv"));
  close(wb);
}

// An AHP matrix: an empty top-left cell, judgements as numbers or as text ("1/9").
void drinks(const std::string& dir) {
  lxw_workbook* wb = new_workbook(dir + "/drinks.xlsx");
  write_table(workbook_add_worksheet(wb, "判断矩阵"), read_csv(root + "/tests/data/weights/drinks.csv"));
  close(wb);
}

// 1904 dates: libxlsxwriter writes the 1900 system, so the serials are written by hand and the
// workbook's date system is set afterwards.
void date1904(const std::string& dir) {
  const std::string tmp = dir + "/date1904.tmp.xlsx";
  lxw_workbook* wb = new_workbook(tmp);
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy/m/d");
  worksheet_write_string(ws, 0, 0, "id", nullptr);
  worksheet_write_string(ws, 0, 1, "day", nullptr);
  worksheet_write_string(ws, 1, 0, "epoch", nullptr);
  worksheet_write_number(ws, 1, 1, 0, date);  // 1904-01-01
  worksheet_write_string(ws, 2, 0, "july", nullptr);
  worksheet_write_number(ws, 2, 1, 42565, date);  // 2020-07-15 (44027 in the 1900 system)
  worksheet_write_string(ws, 3, 0, "leap", nullptr);
  worksheet_write_number(ws, 3, 1, 59.75, date);  // 1904-02-29 18:00
  close(wb);
  rewrite(tmp, dir + "/date1904.xlsx",
          {{"xl/workbook.xml", {"<workbookPr ", "<workbookPr date1904=\"1\" "}}});
  std::remove(tmp.c_str());
}

// kinds.xlsx changed in the ways other writers (or damage) make a workbook: odd_<name>.xlsx.
void odd(const std::string& dir) {
  const std::string kinds = dir + "/kinds.xlsx";
  const std::string s2 = "xl/worksheets/sheet2.xml", rels = "xl/_rels/workbook.xml.rels";
  const std::string ws = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
  // error values, rich inline text with a reading guide, an ISO date cell, cells and a row without
  // references, an empty string formula, a shared string with a reading guide, a part found through
  // an absolute target with dot segments
  rewrite(
      kinds, dir + "/odd_cells.xlsx",
      {{s2, {"<c r=\"B2\"><v>42</v></c>", "<c r=\"B2\" t=\"e\"><v>#N/A</v></c>"}},
       {s2,
        {"</row></sheetData>",
         "</row><row r=\"3\"><c t=\"inlineStr\"><is><r><t>富</t></r><r><t>文本</t></r><rPh sb=\"0\" "
         "eb=\"1\"><t>ふ</t></rPh></is></c><c t=\"d\"><v>2020-07-15T00:00:00</v></c></row><row><c "
         "r=\"A4\" t=\"str\"><f>\"\"</f><v></v></c><c r=\"B4\"><v>7</v></c></row></sheetData>"}},
       {"xl/sharedStrings.xml",
        {"<si><t>甲</t></si>", "<si><r><t>甲</t></r><rPh sb=\"0\" eb=\"1\"><t>コウ</t></rPh></si>"}},
       {rels, {"Target=\"worksheets/sheet2.xml\"", "Target=\"/xl/worksheets/../worksheets/./sheet2.xml\""}}});
  rewrite(kinds, dir + "/odd_bad_xml.xlsx", {{s2, {"</sheetData>", "</sheetDat>"}}});
  rewrite(kinds, dir + "/odd_string_index.xlsx", {{s2, {"<v>15</v>", "<v>999</v>"}}});
  rewrite(kinds, dir + "/odd_row_order.xlsx", {{s2, {"<row r=\"2\"", "<row r=\"1\""}}});
  rewrite(kinds, dir + "/odd_reference.xlsx", {{s2, {"r=\"B2\"", "r=\"XFE2\""}}});
  rewrite(kinds, dir + "/odd_no_workbook.xlsx", {{"xl/workbook.xml", {"", ""}}});
  rewrite(kinds, dir + "/odd_no_sheet_part.xlsx", {{s2, {"", ""}}});
  rewrite(kinds, dir + "/odd_no_relationship.xlsx",
          {{"xl/workbook.xml", {"r:id=\"rId2\"", "r:id=\"rId99\""}}});
  rewrite(kinds, dir + "/odd_chart_sheet.xlsx",
          {{rels,
            {ws + "\" Target=\"worksheets/sheet2.xml", ws.substr(0, ws.size() - 9) +
                                                           "chartsheet\" "
                                                           "Target=\"worksheets/sheet2.xml"}}});
}

// The bad-input corpus: each workbook fails in one way, with the task-force values otherwise right.
void bad(const std::string& dir) {
  const auto values = read_csv(root + "/samples/task-force/values.csv");
  {  // a formula whose value was never computed
    const std::string tmp = dir + "/formula.tmp.xlsx";
    lxw_workbook* wb = new_workbook(tmp);
    lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
    write_table(ws, values);
    worksheet_write_formula_num(ws, 2, 3, "=D2+24", nullptr, 102);
    close(wb);
    rewrite(tmp, dir + "/formula_without_value.xlsx",
            {{"xl/worksheets/sheet1.xml", {"<f>D2+24</f><v>102</v>", "<f>D2+24</f>"}}});
    std::remove(tmp.c_str());
  }
  {  // a date typed in a number column
    lxw_workbook* wb = new_workbook(dir + "/date_in_number.xlsx");
    lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
    write_table(ws, values);
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_datetime d = {2020, 7, 15, 0, 0, 0};
    worksheet_write_datetime(ws, 3, 4, &d, date);
    close(wb);
  }
  {  // text in a number cell
    lxw_workbook* wb = new_workbook(dir + "/text_in_number.xlsx");
    lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
    write_table(ws, values);
    worksheet_write_string(ws, 2, 7, "—", nullptr);
    close(wb);
  }
  {  // a header cell merged over two columns
    lxw_workbook* wb = new_workbook(dir + "/merged_header.xlsx");
    lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
    write_table(ws, values);
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    worksheet_merge_range(ws, 0, 1, 0, 2, "intent_projects", bold);  // C1 "signed_projects" is lost
    close(wb);
  }
  {  // a 2 MB shared-strings table: a second sheet of notes
    lxw_workbook* wb = new_workbook(dir + "/big_shared_strings.xlsx");
    lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
    write_table(ws, values);
    lxw_worksheet* notes = workbook_add_worksheet(wb, "Notes");
    char note[160];
    for (int k = 0; k < 24000; ++k) {
      std::snprintf(note, sizeof note,
                    "跟进记录 %05d：走访企业，了解项目进度与用地需求，协调解决用地、用能等问题", k);
      worksheet_write_string(notes, static_cast<lxw_row_t>(k), 0, note, nullptr);
    }
    close(wb);
  }
  {  // a zip cut short, as an interrupted copy leaves it
    lxw_workbook* wb = new_workbook(dir + "/corrupt.tmp.xlsx");
    write_table(workbook_add_worksheet(wb, nullptr), values);
    close(wb);
    const std::string bytes = slurp(dir + "/corrupt.tmp.xlsx");
    spit(dir + "/corrupt_zip.xlsx", bytes.substr(0, bytes.size() / 2));
    std::string flipped = bytes;  // and one whose compressed sheet has damaged bytes
    const std::size_t sheet = flipped.find("xl/worksheets/sheet1.xml");
    for (std::size_t k = sheet + 60; k < sheet + 200 && k < flipped.size(); k += 7) flipped[k] ^= 0x5A;
    spit(dir + "/corrupt_data.xlsx", flipped);
    std::remove((dir + "/corrupt.tmp.xlsx").c_str());
  }
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_workbooks <repository root>\n");
    return 2;
  }
  root = argv[1];
  try {
    kinds(root + "/tests/data/workbooks");
    inline_strings(root + "/tests/data/workbooks");
    date1904(root + "/tests/data/workbooks");
    odd(root + "/tests/data/workbooks");
    drinks(root + "/tests/data/workbooks");
    // fuzz seeds: parts stored without compression, so that mutations reach the XML
    rewrite(root + "/tests/data/workbooks/kinds.xlsx",
            root + "/tests/fuzz/corpus/workbook_xlsx/kinds_stored.xlsx", {}, 0);
    rewrite(root + "/tests/data/workbooks/odd_cells.xlsx",
            root + "/tests/fuzz/corpus/workbook_xlsx/odd_cells_stored.xlsx", {}, 0);
    bad(root + "/tests/data/bad");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "make_workbooks: %s\n", e.what());
    return 1;
  }
  return 0;
}
