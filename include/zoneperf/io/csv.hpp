#pragma once
/// CSV tables as every zoneperf reader takes them (RFC 4180, UTF-8).
///
/// Synopsis
///   csv_table read_csv(std::string_view text, std::string source);  // throws zoneperf::error
///   csv_table read_csv_file(const std::string& path);
///   std::optional<double> parse_number(std::string_view cell, const std::string& where);
///   std::string csv_field(std::string_view text);                    // quotes when needed
///
/// Accepted: a UTF-8 byte-order mark at the start, CRLF or LF line ends, quoted fields holding
/// commas, quotes ("") and line breaks. Errors name the source, the line and the column
/// (1-based field number): invalid UTF-8, an unterminated or stray quote, a row whose field
/// count differs from the header's, an empty file. Blank lines are skipped.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zoneperf {

struct csv_table {
  std::string source;                          ///< the file name used in messages
  std::vector<std::string> header;             ///< the first row
  std::vector<std::vector<std::string>> rows;  ///< each as wide as the header
  std::vector<std::size_t> lines;              ///< the 1-based line where each row starts
  std::size_t header_line = 1;

  /// "values.csv:4:3" for row 2 (0-based), column 2 (0-based).
  std::string where(std::size_t row, std::size_t column) const;
  /// "values.csv:1:3" for a header cell.
  std::string header_where(std::size_t column) const;
};

csv_table read_csv(std::string_view text, std::string source);
/// Reads a whole file; a file that cannot be opened is error 401 naming the path.
csv_table read_csv_file(const std::string& path);
/// Reads a whole file as bytes (error 401 when it cannot be opened).
std::string read_text_file(const std::string& path);

/// Parses a decimal number, correctly rounded, in the C locale. Surrounding ASCII spaces are
/// ignored and an empty cell gives nullopt (a missing value). "NaN", "inf" and numbers that
/// overflow a double are errors naming `where`.
std::optional<double> parse_number(std::string_view cell, const std::string& where);

/// A field ready for a CSV line: quoted (with "" for ") when it holds a comma, quote or line break.
std::string csv_field(std::string_view text);

namespace detail {
/// The byte offset of the first invalid UTF-8 sequence in `text`, or npos.
std::size_t find_invalid_utf8(std::string_view text);
}  // namespace detail

}  // namespace zoneperf
