// The text floor's rules for user text in what zoneperf writes for people: CSV cells a spreadsheet
// would run as formulas (text/csv.hpp), Markdown and XML (text/markup.hpp).
#include <gtest/gtest.h>

#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/markup.hpp"

namespace zoneperf {
namespace {

std::string people(std::string_view s) { return csv_field(s, csv_for::people); }
std::string back(std::string_view s) { return csv_field(s, csv_for::reading_back); }

TEST(csv_injection_test, text_starting_like_a_formula_gets_a_quote_for_people) {
  EXPECT_EQ(people("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(people("=1+2"), "'=1+2");
  EXPECT_EQ(people("+cmd"), "'+cmd");
  EXPECT_EQ(people("-2+3"), "'-2+3");
  EXPECT_EQ(people("@SUM(A1:A9)"), "'@SUM(A1:A9)");
  EXPECT_EQ(people("\t=1"), "'\t=1");
  EXPECT_EQ(people("\r=1"), "\"'\r=1\"");
  EXPECT_EQ(people("=a,b"), "\"'=a,b\"");  // the quote goes inside the quoted field
  EXPECT_EQ(people("-inf"), "'-inf");
  EXPECT_EQ(people("--5"), "'--5");
  EXPECT_EQ(people("-"), "-");  // zoneperf's "none": no formula
}

TEST(csv_injection_test, numbers_and_ordinary_text_stay_as_they_are) {
  for (const char* s :
       {"-5", "+5", "-0.01", "-1.5e-3", "+2E+10", "-.5", "-5.", "12", "高新区", "a=b", " =1", "", "'=1"})
    EXPECT_EQ(people(s), s) << s;
  EXPECT_EQ(people("a,b"), "\"a,b\"");
}

TEST(csv_injection_test, a_field_is_quoted_exactly_when_it_holds_a_comma_quote_cr_or_lf) {
  for (const char* s : {"a,b", "say \"hi\"", "a\rb", "a\nb", "U0000001,", "\n"}) {
    std::string quoted = "\"";
    for (const char* c = s; *c; ++c) quoted += *c == '"' ? std::string("\"\"") : std::string(1, *c);
    EXPECT_EQ(back(s), quoted + "\"") << s;
  }
  for (const char* s : {"U0000001", "合格", "a;b", "a\tb", "a'b", ""}) EXPECT_EQ(back(s), s) << s;
}

TEST(csv_injection_test, tables_read_back_keep_every_cell_as_it_is) {
  for (const char* s : {"=1+2", "+cmd", "-2+3", "@x", "\t=1", "-5"})
    EXPECT_EQ(back(s).find('\''), std::string::npos) << s;
  EXPECT_EQ(back("=1+2"), "=1+2");
  EXPECT_EQ(back("=a,b"), "\"=a,b\"");
}

TEST(csv_injection_test, number_text_is_what_a_spreadsheet_reads_as_a_number) {
  using detail::is_number_text;
  for (const char* s : {"0", "-5", "+5", "1.", ".5", "-.5", "1e3", "-1.5E-3"})
    EXPECT_TRUE(is_number_text(s)) << s;
  for (const char* s :
       {"", "-", "+", ".", "e3", "1e", "1e+", "--5", "-5-", "1.2.3", "-inf", "nan", "0x10", "1 "})
    EXPECT_FALSE(is_number_text(s)) << s;
}

TEST(csv_injection_test, a_file_for_people_starts_with_the_bom_one_read_back_does_not) {
  EXPECT_EQ(utf8_bom, "\xEF\xBB\xBF");
  // Through a CSV reader the BOM is skipped: the header is the same either way.
  const auto with = read_csv(std::string(utf8_bom) + "unit,a\n'=x,1\n", "t.csv");
  EXPECT_EQ(with.header[0], "unit");
  EXPECT_EQ(with.cell(0, 0), "'=x");
}

TEST(markdown_text_test, escapes_html_and_table_syntax) {
  EXPECT_EQ(markdown_text("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(markdown_text("R&D"), "R&amp;D");
  EXPECT_EQ(markdown_text("&lt;"), "&amp;lt;");  // an entity in the text shows as typed
  EXPECT_EQ(markdown_text("a|b"), "a\\|b");
  EXPECT_EQ(markdown_text("a\\|b"), "a\\\\\\|b");  // a backslash cannot un-escape the pipe
  EXPECT_EQ(markdown_text("two\nlines\r\n"), "two lines  ");
  EXPECT_EQ(markdown_text("高新区 · 亩均"), "高新区 · 亩均");
}

TEST(xml_text_test, escapes_and_replaces_what_xml_and_html_do_not_allow) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(xml_text("<a href='x'>&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
  EXPECT_EQ(xml_text("a\tb\nc\rd"), "a\tb\nc\rd");
  EXPECT_EQ(xml_safe(std::string("a\0b", 3)), "a" + fffd + "b");
  EXPECT_EQ(xml_safe("\x01\x1f\x7f"), fffd + fffd + fffd);
  EXPECT_EQ(xml_safe("\xC2\x85"), fffd);                                 // U+0085, a C1 control
  EXPECT_EQ(xml_safe("\xEF\xBF\xBE\xEF\xBF\xBF"), fffd + fffd);          // U+FFFE, U+FFFF
  EXPECT_EQ(xml_safe("\xEF\xB7\x90\xEF\xB7\xAF"), fffd + fffd);          // U+FDD0, U+FDEF
  EXPECT_EQ(xml_safe("\xF0\x9F\xBF\xBE\xF4\x8F\xBF\xBF"), fffd + fffd);  // U+1FFFE, U+10FFFF
  EXPECT_EQ(xml_safe("\xEF\xB7\x8F\xEF\xB7\xB0\xEF\xBF\xBD"),
            "\xEF\xB7\x8F\xEF\xB7\xB0\xEF\xBF\xBD");  // neighbours
  EXPECT_EQ(xml_safe("a\xFF"
                     "b\xE9"),
            "a" + fffd + "b" + fffd);  // not UTF-8
  EXPECT_EQ(xml_safe("😊 高新区"), "😊 高新区");
}

TEST(markup_test, control_characters_and_excel_lengths) {
  using detail::find_control_character;
  EXPECT_EQ(find_control_character("高新区 report"), std::string::npos);
  EXPECT_EQ(find_control_character("ab\x07"), 2u);
  EXPECT_EQ(find_control_character("a\nb"), 1u);
  EXPECT_EQ(find_control_character("高\xC2\x9F"), 3u);
  EXPECT_EQ(detail::utf16_length("abc"), 3u);
  EXPECT_EQ(detail::utf16_length("高新区"), 3u);
  EXPECT_EQ(detail::utf16_length("😊"), 2u);
}

}  // namespace
}  // namespace zoneperf
