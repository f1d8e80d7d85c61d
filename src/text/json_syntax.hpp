#pragma once
// Private to the library: reading JSON text with syntax errors as numbered problems at
// "source:line:column", and the names of JSON types for messages. The one place that turns the
// JSON parser's exceptions into zoneperf errors, and the one place that bounds how deep a JSON
// document may nest.
//
// Synopsis
//   json_max_depth                          128 levels of arrays and objects
//   parse_json<Json>(text, source)          the document, or error 101 / 102
//   read_json(text, source, doc)            the same without throwing: the problem, if any
//   json_excerpt(j)                         at most 60 characters of j's JSON text, for messages
//   json_type_name(j)                       "an object", "an array", ... for messages
//   dump_json(j, indent)                    j.dump(indent) with the indent bounded (error 214)
#include <cstddef>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "zoneperf/error.hpp"
#include "zoneperf/text/json_writer.hpp"

namespace zoneperf::detail {

/// How deep arrays and objects may nest in any JSON document zoneperf reads (the root is level 1).
/// A tree nested as deep as the loader allows (32 levels of nodes, two JSON levels each) stays far
/// below it; deeper documents are error 102 before they are parsed, so nothing recursive (the
/// parser's copies, dump() in a message) ever meets an unbounded depth.
inline constexpr std::size_t json_max_depth = 128;

/// "line:column" (both from 1, the column in bytes) of the byte at `offset`; a line ends at
/// "\n", "\r\n" or a lone "\r".
inline std::string json_line_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1, col = 1;
  for (std::size_t k = 0; k < offset && k < text.size(); ++k) {
    if (text[k] == '\n' || (text[k] == '\r' && (k + 1 >= text.size() || text[k + 1] != '\n')))
      ++line, col = 1;
    else if (text[k] != '\r')
      ++col;
  }
  return std::to_string(line) + ":" + std::to_string(col);
}

/// Any exception of the JSON parser (a syntax error, or a number too large for a double) as
/// problem 101; a syntax error carries its line and column.
inline problem json_syntax_problem(const nlohmann::json::exception& e, std::string_view text,
                                   std::string_view source) {
  std::string where(source);
  if (const auto* pe = dynamic_cast<const nlohmann::json::parse_error*>(&e))
    where += ":" + json_line_column(text, pe->byte > 0 ? pe->byte - 1 : 0);  // byte counts from 1
  std::string what = e.what();
  if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
  if (what.rfind("parse error at line", 0) == 0)  // our own line and column are in `where`
    if (auto p = what.find(": "); p != std::string::npos) what = what.substr(p + 2);
  return problem{errc::json_syntax, where, "invalid JSON: " + what};
}

/// Cuts `s` to at most `max` bytes on a UTF-8 character boundary, with "…" when it was longer.
inline std::string json_cut(std::string s, std::size_t max = 60) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // not inside a character
  s.resize(n);
  return s + "…";
}

/// At most `max` bytes of j's compact JSON text, "…" after when it is longer: a message shows a
/// value, never a whole subtree.
template <class Json>
std::string json_excerpt(const Json& j, std::size_t max = 60) {
  if (j.is_string()) {  // cut before escaping, so a huge string is never copied whole
    const auto& s = j.template get_ref<const std::string&>();
    if (s.size() > max)
      return json_cut(
          Json(s.substr(0, max + 4)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), max);
  }
  if ((j.is_array() || j.is_object()) && j.size() > max) {  // at most max + 1 members dumped
    Json head = j.is_array() ? Json::array() : Json::object();
    std::size_t k = 0;
    for (auto it = j.begin(); it != j.end() && k <= max; ++it, ++k) {
      if (j.is_array())
        head.push_back(*it);
      else
        head[it.key()] = *it;
    }
    return json_cut(head.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), max);
  }
  return json_cut(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), max);
}

namespace json_depth {

/// The byte offset of the first '[' or '{' opening level max + 1, or npos. Strings are skipped
/// (memchr to each closing quote), so a bracket inside one never counts: one pass over the bytes,
/// no allocation, far cheaper than the parse itself (a parse callback would track the depth too,
/// but takes the parser's slower callback path on every document).
inline std::size_t first_too_deep(std::string_view text, std::size_t max) {
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  std::size_t depth = 0;
  for (const char* p = begin; p < end; ++p) {
    const char c = *p;
    if (c == '"') {
      for (;;) {  // to the closing quote: one preceded by an even number of backslashes
        const char* q =
            static_cast<const char*>(std::memchr(p + 1, '"', static_cast<std::size_t>(end - p - 1)));
        if (!q) return std::string_view::npos;  // unterminated: the parser reports it
        std::size_t backslashes = 0;
        while (q - 1 - backslashes > p && *(q - 1 - backslashes) == '\\') ++backslashes;
        p = q;
        if (backslashes % 2 == 0) break;
      }
    } else if (c == '[' || c == '{') {
      if (++depth > max) return static_cast<std::size_t>(p - begin);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

/// A SAX reader that follows the JSON pointer of the current value and stops at the first level
/// past `max`; a syntax error before that point is kept as problem 101.
struct pointer_tracker {
  using json = nlohmann::json;
  struct frame {
    bool object;
    std::size_t count;  // values seen so far (arrays)
    std::string key;    // the current member's key (objects)
  };
  std::string_view text, source;
  std::size_t max;
  std::vector<frame> frames;
  std::optional<problem> syntax;
  std::string deep_pointer;  // set when a level past max was opened

  void value() {
    if (!frames.empty() && !frames.back().object) ++frames.back().count;
  }
  bool open(bool object) {
    value();
    if (frames.size() + 1 > max) {
      for (const auto& f : frames)
        deep_pointer += "/" + (f.object ? json_cut(json_pointer_token(f.key)) : std::to_string(f.count - 1));
      return false;
    }
    frames.push_back(frame{object, 0, {}});
    return true;
  }
  bool close() {
    if (!frames.empty()) frames.pop_back();
    return true;
  }
  bool null() { return value(), true; }
  bool boolean(bool) { return value(), true; }
  bool number_integer(json::number_integer_t) { return value(), true; }
  bool number_unsigned(json::number_unsigned_t) { return value(), true; }
  bool number_float(json::number_float_t, const json::string_t&) { return value(), true; }
  bool string(json::string_t&) { return value(), true; }
  bool binary(json::binary_t&) { return value(), true; }
  bool start_object(std::size_t) { return open(true); }
  bool key(json::string_t& k) {
    frames.back().key = k;
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(false); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::json::exception& e) {
    syntax = json_syntax_problem(e, text, source);
    return false;
  }
};

}  // namespace json_depth

/// Problem 102 when `text` nests arrays and objects deeper than `max` levels (at the first
/// bracket past the limit, with the JSON pointer of that value), or 101 when a syntax error comes
/// before it; nothing when the text stays within `max` levels.
inline std::optional<problem> json_depth_problem(std::string_view text, std::string_view source,
                                                 std::size_t max = json_max_depth) {
  const std::size_t at = json_depth::first_too_deep(text, max);
  if (at == std::string_view::npos) return std::nullopt;
  // The rare path: parse again up to that bracket, following the pointer; the SAX parser keeps
  // its own state in a vector, not on the call stack.
  json_depth::pointer_tracker t{text, source, max, {}, std::nullopt, {}};
  t.frames.reserve(max);
  nlohmann::json::sax_parse(text.begin(), text.end(), &t);
  if (t.syntax) return t.syntax;
  return problem{errc::json_too_deep, std::string(source) + ":" + json_line_column(text, at),
                 "JSON nested deeper than " + std::to_string(max) + " levels at " +
                     (t.deep_pointer.empty() ? std::string("/") : t.deep_pointer)};
}

/// Builds an ordered_json document from the SAX parser's events in linear time. nlohmann's own
/// builder finds each key of an object by a scan of the keys before it (ordered_map), which is
/// quadratic: 10^5 team coefficients took 18 s. This one keeps a hash of the keys of an object once
/// it has more than a few, with the same result: members in input order, a repeated key keeps its
/// first place and takes its last value.
class ordered_json_builder : public nlohmann::json_sax<nlohmann::ordered_json> {
 public:
  using json = nlohmann::ordered_json;
  ordered_json_builder(json& root, std::string_view text, std::string_view source)
      : root_(root), text_(text), source_(source) {}

  std::optional<problem> syntax;  ///< 101 when the text is not JSON

  bool null() override { return put(json(nullptr)); }
  bool boolean(bool v) override { return put(json(v)); }
  bool number_integer(number_integer_t v) override { return put(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return put(json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return put(json(v)); }
  bool string(string_t& v) override { return put(json(std::move(v))); }
  bool binary(binary_t& v) override { return put(json::binary(std::move(v))); }
  bool start_object(std::size_t) override { return open(json::object()); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    frame& f = frames_.back();
    auto& members = static_cast<json::object_t::Container&>(f.node->get_ref<json::object_t&>());  // a vector
    constexpr std::size_t scan = 16;  // a scan is cheaper than a hash for small objects
    std::size_t at = members.size();
    if (members.size() <= scan) {
      for (std::size_t i = 0; i < members.size(); ++i)
        if (members[i].first == k) at = i;
    } else {
      if (f.index.empty())
        for (std::size_t i = 0; i < members.size(); ++i) f.index.emplace(members[i].first, i);
      at = f.index.emplace(k, members.size()).first->second;
    }
    if (at == members.size()) members.emplace_back(std::move(k), nullptr);
    slot_ = &members[at].second;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    syntax = json_syntax_problem(e, text_, source_);
    return false;
  }

 private:
  struct frame {
    json* node;
    std::unordered_map<std::string, std::size_t> index;  ///< an object's keys, once it is large
  };
  // Where the value just read goes: the root, the end of the open array, or the open object's slot.
  json* place(json&& v) {
    if (frames_.empty()) return &(root_ = std::move(v));
    json& parent = *frames_.back().node;
    if (parent.is_array()) {
      auto& items = parent.get_ref<json::array_t&>();
      items.push_back(std::move(v));
      return &items.back();
    }
    *slot_ = std::move(v);
    return slot_;
  }
  bool put(json&& v) { return place(std::move(v)), true; }
  bool open(json&& v) {
    json* node = place(std::move(v));  // parents do not grow while a child is open: stable
    frames_.push_back(frame{node, {}});
    return true;
  }
  bool close() {
    frames_.pop_back();
    return true;
  }

  json& root_;
  std::string_view text_, source_;
  std::vector<frame> frames_;
  json* slot_ = nullptr;
};

/// Parses `text` into `doc` (nlohmann::json or ordered_json); the problem when it is not JSON
/// (101) or nests deeper than json_max_depth (102), and `doc` is left as it was. Linear in the
/// number of an object's keys for both (ordered_json through ordered_json_builder).
template <class Json>
std::optional<problem> read_json(std::string_view text, std::string_view source, Json& doc) {
  if (auto p = json_depth_problem(text, source)) return p;
  if constexpr (std::is_same_v<Json, nlohmann::ordered_json>) {
    Json parsed;
    ordered_json_builder builder(parsed, text, source);
    nlohmann::ordered_json::sax_parse(text.begin(), text.end(), &builder);
    if (builder.syntax) return builder.syntax;
    doc = std::move(parsed);
  } else {
    try {
      doc = Json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::exception& e) {  // a syntax error, or a number too large for a double
      return json_syntax_problem(e, text, source);
    }
  }
  return std::nullopt;
}

/// Parses `text` as a Json document (nlohmann::json or ordered_json); error 101 when it is not
/// JSON, 102 when it nests deeper than json_max_depth.
template <class Json = nlohmann::json>
Json parse_json(std::string_view text, std::string_view source) {
  Json doc;
  if (auto p = read_json(text, source, doc)) throw error({std::move(*p)});
  return doc;
}

/// j.dump(indent) once the indent is checked (-1 compact, 0 to 16; error 214 otherwise): nlohmann
/// reads past its indent buffer for large indents.
template <class Json>
std::string dump_json(const Json& j, int indent) {
  check_json_indent(indent);
  return j.dump(indent);
}

/// "an object", "an array", "a string", "a boolean", "null" or "a number", for messages.
template <class Json>
const char* json_type_name(const Json& j) {
  switch (j.type()) {
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::null:
      return "null";
    default:
      return "a number";
  }
}

}  // namespace zoneperf::detail
