#pragma once
/// Table headers as people write them: folded before they are compared with ids and names.
///
/// Synopsis
///   std::string fold_header(std::string_view header);
///   struct bracketed { std::string_view base, bracket; bool has_bracket; };
///   bracketed split_bracket(std::string_view folded);
///   bool is_unit_header(std::string_view header);
///
/// Folding trims ASCII spaces and tabs and the ideographic space (U+3000) at both ends and turns
/// full-width ASCII forms (U+FF01..U+FF5E: `（`, `）`, `％`, `Ａ`, `１` ...) and the ideographic space
/// into their ASCII characters, so that `签约总投资（亿元）` folds to `签约总投资(亿元)`. Nothing else
/// changes: ids stay case-sensitive, and Chinese characters are compared byte for byte.
/// (docs/semantics.md §4 "Headers")
#include <string>
#include <string_view>

namespace zoneperf {

/// The header trimmed and with full-width ASCII forms folded to ASCII.
std::string fold_header(std::string_view header);

/// A folded name split at its trailing bracket: "签约总投资(亿元)" -> base "签约总投资", bracket "亿元".
/// A name that does not end in ")" after a "(" that opens the last bracket has no bracket (base is
/// the whole name). The base is trimmed of spaces before the bracket.
struct bracketed {
  std::string_view base;
  std::string_view bracket;
  bool has_bracket = false;
};
bracketed split_bracket(std::string_view folded);

/// True for the names the first column of a values or targets table may take, after folding:
/// `unit`, `单位`, `单位名称`, `专班`, `考核单位`.
bool is_unit_header(std::string_view header);

}  // namespace zoneperf
