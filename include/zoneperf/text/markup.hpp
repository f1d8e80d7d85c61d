#pragma once
/// User text (unit ids, names, grades, titles) in the markup zoneperf writes for people: Markdown,
/// and the XML of the HTML page and the workbook. One place for each rule, so that no writer keeps
/// its own copy.
///
/// Synopsis
///   std::string markdown_text(std::string_view text);   // a Markdown table cell or heading
///   std::string xml_text(std::string_view text);        // XML content or an attribute value
///   std::string xml_safe(std::string_view text);        // the replacements of xml_text, no escaping
///   std::size_t detail::find_control_character(std::string_view text);  // or npos
///
/// Markdown: `&`, `<` and `>` become `&amp;`, `&lt;` and `&gt;`, so that no tag, comment or entity
/// of the text is rendered as HTML; `|` and `\` are backslash-escaped, so that a table cell stays one
/// cell and the text shows as written; a line break (LF or CR) becomes a space, so that a row or a
/// heading stays one line; the other replacements are xml_safe's.
/// XML: xml_safe, then `&`, `<`, `>`, `"` and `'` as entities. xml_safe replaces with U+FFFD what
/// XML 1.0 or HTML does not allow in a document: bytes that are not UTF-8, the C0 controls but
/// tab, LF and CR, DEL and the C1 controls (U+007F to U+009F), and the noncharacters (U+FDD0 to
/// U+FDEF, and U+FFFE and U+FFFF of every plane).
#include <cstddef>
#include <string>
#include <string_view>

namespace zoneperf {

std::string markdown_text(std::string_view text);
std::string xml_text(std::string_view text);
std::string xml_safe(std::string_view text);

namespace detail {
/// The byte offset of the first control character (U+0000 to U+001F, U+007F to U+009F) in UTF-8
/// text, or npos.
std::size_t find_control_character(std::string_view text);
/// The length of `text` in UTF-16 code units, as Excel counts a cell's characters (a character
/// beyond U+FFFF counts 2); an invalid byte counts 1.
std::size_t utf16_length(std::string_view text);
}  // namespace detail

}  // namespace zoneperf
