#pragma once
/// JSON written as it is made, into a text_output: no document tree, so a large report takes the
/// memory of one block, not of the whole document.
///
/// Synopsis
///   json_writer w(out, 2);   // indent 2 (-1: compact)
///   w.begin_object(); w.key("units"); w.begin_array(); ... w.end_array(); w.end_object();
///   w.value(3.5); w.value(std::int64_t{1}); w.value(true); w.value("text"); w.null(); w.number(NaN) -> null
///
/// The text is byte for byte what nlohmann::json's dump(indent) gives for the same document:
/// objects and arrays on their own lines, `"key": value`, numbers as the shortest text that reads
/// back to the same double ("21.0" for a whole double, "0.1"), strings in UTF-8 with only quotes,
/// backslashes and control characters escaped. A string that is not UTF-8 is error 110.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/text/file.hpp"

namespace zoneperf {

/// Error 214 at "indent" unless `indent` is -1 (compact) or 0 to 16 spaces: the bound of every
/// JSON text zoneperf writes (json_writer and each `*_json` / `to_json` with an indent).
void check_json_indent(int indent);

/// Appends a double as json_writer::value writes it (null when not finite).
void append_json_number(std::string& out, double v);
/// The same written at `p`, which must have room for json_number_room bytes; returns its end.
constexpr std::size_t json_number_room = 40;
char* write_json_number(char* p, double v) noexcept;
/// A string as json_writer writes it, quoted and escaped.
std::string json_quoted(std::string_view s);
/// The text between tokens for a writer's indent: a new line at `depth` ("" when compact) and
/// the separator after a key (": ", or ":" when compact).
std::string json_newline(int indent, std::size_t depth);
inline std::string_view json_key_separator(int indent) { return indent < 0 ? ":" : ": "; }

class json_writer {
 public:
  /// `indent` spaces per level (0..16), or -1 for compact output.
  explicit json_writer(text_output& out, int indent = 2);

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  /// The next member's key, inside an object.
  void key(std::string_view k);

  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(double v);  ///< a double; not finite is null
  void value(std::int64_t v);
  void value(int v) { value(static_cast<std::int64_t>(v)); }
  void value(bool v);
  void null();

  /// key(k) then value(v).
  template <class T>
  void member(std::string_view k, const T& v) {
    key(k);
    value(v);
  }

  /// For a writer of many like values (a report's nodes, unit by unit) that puts them together
  /// from text made once: the next value is appended by the caller to the returned buffer, as this
  /// writer would write it at depth() with indent() (see json_layout).
  std::string& raw_value();
  /// The open objects and arrays: the level of the next value's members.
  std::size_t depth() const noexcept { return stack_.size(); }
  int indent() const noexcept { return indent_; }

 private:
  void before_value();
  void close(char bracket);
  void newline(std::size_t depth);
  void string(std::string_view s);

  text_output& out_;
  int indent_;
  struct level {
    bool object;
    std::size_t count;
  };
  std::vector<level> stack_;
  bool after_key_ = false;
};

}  // namespace zoneperf
