#include "zoneperf/io/tables.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <unordered_map>

#include "../detail/huge_pages.hpp"
#include "zoneperf/text/headers.hpp"
#include "zoneperf/text/number.hpp"
#include "zoneperf/text/workbook.hpp"

namespace zoneperf {
namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The header row of a table: every cell, its line, and the tree's node each column names.
struct header_row {
  std::vector<std::string> cells;
  std::vector<const node*> nodes;  // per column; [0] is the unit column (nullptr)
  std::size_t line = 1;
  std::string where(const cell_source& s, std::size_t c) const { return s.where_at(line, c); }
};

// The first row of a table whose first column is the unit (is_unit_header).
header_row read_header(cell_source& s) {
  if (!s.next()) throw error(errc::csv_empty, s.name(), "empty file: expected a header row");
  header_row h;
  for (auto c : s.cells()) h.cells.emplace_back(c);
  h.line = s.line();
  if (!is_unit_header(h.cells[0]))
    throw error(
        errc::missing_column, h.where(s, 0),
        "the first column must be \"unit\" (or 单位, 单位名称, 专班, 考核单位), not \"" + h.cells[0] + "\"");
  return h;
}

// "签约总投资(亿元)" -> "\"signed_investment\" (签约总投资(亿元))": a node as errors name it.
std::string node_named(const node& n) {
  return "\"" + n.id + "\"" + (n.name != n.id ? " (" + n.name + ")" : "");
}

// The one place where a header cell becomes a leaf or an item: its id, else its display name or its
// display name without a trailing bracket, all folded (fold_header); a name with another bracket
// only when the bracket is the leaf's unit (docs/semantics.md §4 "Headers").
class header_names {
 public:
  explicit header_names(const indicator_tree& tree) : tree_(tree) {
    for (std::size_t i = 0; i < tree.size(); ++i) {
      const node& n = tree.node(i);
      if (n.kind == node_kind::root || n.kind == node_kind::group) continue;
      const std::string name = fold_header(n.name);
      ids_.emplace(n.id, &n);
      add(name, &n);
      const bracketed b = split_bracket(name);
      if (b.has_bracket) add(std::string(b.base), &n);
    }
  }

  // The node `header` names; throws 304 (none: "unknown column …: <none>"), 320 (two) or 321.
  const node& match(const std::string& header, const std::string& where, const std::string& none) const {
    const std::string folded = fold_header(header);
    // An id first: ids are unique, so a table with ids for headers (what zoneperf writes) always reads.
    if (auto it = ids_.find(folded); it != ids_.end()) return *it->second;
    if (const node* n = only(folded, header, where)) return *n;
    const bracketed b = split_bracket(folded);
    if (b.has_bracket) {
      if (const node* n = only(std::string(b.base), header, where)) {
        if (!n->unit.empty() && n->unit == b.bracket) return *n;
        throw error(
            errc::header_unit_mismatch, where,
            "column \"" + header + "\" is " + node_named(*n) + " in " + std::string(b.bracket) +
                (n->unit.empty() ? ", but the leaf has no unit" : ", but the leaf's unit is " + n->unit) +
                ": zoneperf never converts units; give the column in the leaf's unit");
      }
    }
    throw error(errc::unknown_column, where, "unknown column \"" + header + "\": " + none);
  }

 private:
  void add(std::string key, const node* n) {
    auto& v = by_key_[std::move(key)];
    if (std::find(v.begin(), v.end(), n) == v.end()) v.push_back(n);
  }
  // The one node with this key, nullptr for none; two are error 320 naming both.
  const node* only(const std::string& key, const std::string& header, const std::string& where) const {
    auto it = by_key_.find(key);
    if (it == by_key_.end()) return nullptr;
    if (it->second.size() > 1)
      throw error(errc::ambiguous_column, where,
                  "column \"" + header + "\" names both " + node_named(*it->second[0]) + " and " +
                      node_named(*it->second[1]) + " of tree \"" + tree_.id() + "\": use the id");
    return it->second.front();
  }
  const indicator_tree& tree_;
  std::unordered_map<std::string_view, const node*> ids_;
  // folded names, with and without their bracket
  std::unordered_map<std::string, std::vector<const node*>> by_key_;
};

// Every header from `first` on mapped to its node; a node named by two columns is error 307.
template <typename Where>
std::vector<const node*> map_columns(const indicator_tree& tree, const std::vector<std::string>& headers,
                                     std::size_t first, const Where& where, const std::string& none) {
  const header_names names(tree);
  std::vector<const node*> nodes(headers.size(), nullptr);
  std::unordered_map<const node*, std::size_t> seen;
  for (std::size_t c = first; c < headers.size(); ++c) {
    const node& n = names.match(headers[c], where(c), none);
    auto [it, fresh] = seen.emplace(&n, c);
    if (!fresh) {
      const std::string& before = headers[it->second];
      throw error(errc::duplicate_column, where(c),
                  "duplicate column \"" + headers[c] + "\" (also column " + std::to_string(it->second + 1) +
                      (before != headers[c] ? ", \"" + before + "\": both name " + node_named(n) : "") + ")");
    }
    nodes[c] = &n;
  }
  return nodes;
}

void map_columns(const indicator_tree& tree, const cell_source& s, header_row& h, const std::string& none) {
  h.nodes = map_columns(
      tree, h.cells, 1, [&](std::size_t c) { return h.where(s, c); }, none);
}

// "values.csv:4:3 (unit "x", indicator "a")": built only for an error.
std::string cell_where(const cell_source& s, const header_row& h, std::size_t c) {
  return s.where(c) + " (unit \"" + std::string(s.cells()[0]) + "\", indicator \"" + h.nodes[c]->id + "\")";
}

// A number cell of leaf or item `n` into `v`: a plain number, or a percentage ("85.5%") when the
// leaf's unit is "%" (85.5) or "fraction" (0.855); false for an empty cell. Anything else throws.
bool read_other_number(std::string_view cell, const node& n, const cell_source& s, const header_row& h,
                       std::size_t c, double& v) {
  auto status = parse_number(cell, v);
  if (status == number_status::ok) return true;
  if (status == number_status::empty) return false;
  if (status == number_status::not_a_number && is_percent(cell)) {
    if (n.unit != "%" && n.unit != "fraction")
      throw error(errc::not_a_number, cell_where(s, h, c),
                  "not a number: \"" + std::string(cell) + "\" is a percentage, and " + node_named(n) +
                      (n.unit.empty() ? " has no unit" : " is in " + n.unit) +
                      " (a percentage reads only in a leaf whose unit is % or fraction)");
    status = parse_percent(cell, n.unit == "fraction", v);
    if (status == number_status::ok) return true;
  }
  throw_number_error(status, cell, cell_where(s, h, c));
}
inline bool read_number(std::string_view cell, const node& n, const cell_source& s, const header_row& h,
                        std::size_t c, double& v) {
  if (detail::parse_plain_decimal(cell.data(), cell.data() + cell.size(), v)) return true;  // the usual cell
  return read_other_number(cell, n, s, h, c, v);
}

// Unit ids by their index in a vector, in an open-addressing table of (index, hash) slots: no copy
// of the ids, and an id is only compared when its hash matches.
class unit_index {
 public:
  explicit unit_index(const std::vector<std::string>& ids) : ids_(ids) {}
  /// Room for n ids without growing.
  void reserve(std::size_t n) {
    std::size_t slots = 64;
    while (slots < 2 * n) slots *= 2;
    if (slots > slots_.size()) rehash(slots);
  }
  /// Adds ids_[i]; returns the index of an equal id already present, or i.
  std::uint32_t insert(std::uint32_t i) { return insert(i, hash(ids_[i])); }
  /// The same with the id's hash(), e.g. computed earlier to prefetch() its slot.
  std::uint32_t insert(std::uint32_t i, std::uint32_t h) {
    if ((count_ + 1) * 2 > slots_.size()) rehash(std::max<std::size_t>(slots_.size() * 2, 64));
    const std::uint32_t found = place(i, h);
    if (found == i) ++count_;
    return found;
  }
  /// Starts loading the slot where an id of hash `h` is looked for: a table of 10^6 ids is far
  /// larger than the caches, so each insert would otherwise wait on memory.
  void prefetch(std::uint32_t h) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[h & mask()], 1);
  }
  static std::uint32_t hash(std::string_view s) {
#if defined(__SIZEOF_INT128__)
    // An id of up to 16 bytes (the usual "U0000001") as two words, each xor'ed with a constant,
    // multiplied into 128 bits and the halves folded, so every byte reaches every bit of the index:
    // inline, where std::hash is a call.
    if (s.size() - 1 < 16) {
      const std::size_t n = s.size();
      const std::uint64_t lo = detail::load_short(s.data(), n < 8 ? n : 8);
      const std::uint64_t hi = n > 8 ? detail::load_short(s.data() + 8, n - 8) : 0;
      __extension__ typedef unsigned __int128 u128;
      const u128 a = static_cast<u128>(lo ^ 0x9E3779B97F4A7C15ULL) * (hi ^ n ^ 0xD6E8FEB86659FD93ULL);
      const std::uint64_t h = static_cast<std::uint64_t>(a) ^ static_cast<std::uint64_t>(a >> 64);
      return static_cast<std::uint32_t>(h ^ (h >> 32));
    }
#endif
    const std::size_t h = std::hash<std::string_view>{}(s);
    return static_cast<std::uint32_t>(h ^ (h >> 32));
  }
  /// The index of `id`, or npos.
  std::uint32_t find(std::string_view id) const {
    if (slots_.empty()) return npos;
    const std::uint32_t h = hash(id);
    for (std::size_t k = h & mask();; k = (k + 1) & mask()) {
      const slot& at = slots_[k];
      if (at.index == npos || (at.hash == h && ids_[at.index] == id)) return at.index;
    }
  }
  static constexpr std::uint32_t npos = std::numeric_limits<std::uint32_t>::max();

 private:
  struct slot {
    std::uint32_t index = npos;
    std::uint32_t hash = 0;
  };
  std::size_t mask() const { return slots_.size() - 1; }
  std::uint32_t place(std::uint32_t i, std::uint32_t h) {
    for (std::size_t k = h & mask();; k = (k + 1) & mask()) {
      slot& at = slots_[k];
      if (at.index == npos) {
        at = {i, h};
        return i;
      }
      if (at.hash == h && ids_[at.index] == ids_[i]) return at.index;
    }
  }
  void rehash(std::size_t slots) {
    std::vector<slot> old;
    detail::resize_advised(old, slots);
    old.swap(slots_);
    for (const slot& x : old)
      if (x.index != npos) place(x.index, x.hash);
  }
  const std::vector<std::string>& ids_;
  std::vector<slot> slots_;
  std::size_t count_ = 0;
};

// The line of each row, kept as the rows where the lines jump (a blank line, a quoted line break):
// a table without them takes one entry.
class row_lines {
 public:
  void add(std::size_t row, std::size_t line) {
    if (jumps_.empty() || line != jumps_.back().second + (row - jumps_.back().first))
      jumps_.emplace_back(row, line);
  }
  std::size_t line(std::size_t row) const {
    auto it = std::upper_bound(
        jumps_.begin(), jumps_.end(), row,
        [](std::size_t r, const std::pair<std::size_t, std::size_t>& j) { return r < j.first; });
    --it;
    return it->second + (row - it->first);
  }

 private:
  std::vector<std::pair<std::size_t, std::size_t>> jumps_;  // (row, its line), rows ascending
};

std::uint32_t checked_unit_count(const cell_source& s, std::size_t n) {
  if (n >= unit_index::npos) throw error(errc::shape_mismatch, s.where_row(), "more than 2^32 - 2 units");
  return static_cast<std::uint32_t>(n);
}
// A row's line for line_of (4 bytes a unit, not 8: 4 MB of fresh pages less at 10^6 units).
std::uint32_t checked_line(const cell_source& s) {
  if (s.line() >= unit_index::npos)
    throw error(errc::shape_mismatch, s.where_row(), "more than 2^32 - 2 lines");
  return static_cast<std::uint32_t>(s.line());
}
}  // namespace

values_table read_values(const indicator_tree& tree, cell_source& src) {
  header_row h = read_header(src);
  map_columns(tree, src, h, "tree \"" + tree.id() + "\" has no leaf or item with this id or name");
  const auto& cols = tree.columns();
  const std::size_t width = h.cells.size(), k_cols = cols.size();
  std::vector<std::size_t> col_of(width, 0);  // table column -> values column
  std::vector<const node*> lookup(width, nullptr);
  std::vector<int> seen(k_cols, -1);
  for (std::size_t c = 1; c < width; ++c) {
    const node& n = *h.nodes[c];
    seen[n.column] = static_cast<int>(c);
    col_of[c] = static_cast<std::size_t>(n.column);
    if (n.kind == node_kind::leaf && n.rule.kind == rule_kind::lookup) lookup[c] = &n;
  }
  for (std::size_t k = 0; k < k_cols; ++k)
    if (seen[k] < 0)
      throw error(errc::missing_column, src.row_at(h.line),
                  "missing column \"" + tree.node(cols[k]).id + "\"");

  // Numbers go straight into the column-major matrix, sized once from the source's hint of the
  // rows to come. Rows past the hint go into column-major chunks; when the hint was not exact, the
  // matrix of the true size is made from both at the end, giving back each column once copied.
  const std::size_t hint = src.rows_hint();
  values_table out;
  out.values.resize(static_cast<Eigen::Index>(hint), static_cast<Eigen::Index>(k_cols));
  detail::prefer_huge_pages(out.values.data(), sizeof(double) * hint * k_cols);
  out.units.reserve(hint);
  detail::prefer_huge_pages(out.units.data(), sizeof(std::string) * hint);
  constexpr std::size_t chunk_rows = 1 << 16;
  std::vector<std::unique_ptr<double[]>> chunks;
  row_lines lines;
  unit_index index(out.units);
  index.reserve(hint);
  std::size_t rows = 0;
  double* chunk = nullptr;
  // Where each table column's numbers go, as offsets from a row's first value: values column k of
  // a row is at k * stride.
  std::vector<std::size_t> offset(width, 0);
  std::size_t stride = 0;
  // The cells of the row read last, after the unit, into `row`.
  auto read_row = [&](const std::vector<std::string_view>& cells, double* row) {
    for (std::size_t c = 1; c < width; ++c) {
      double v;
      if (lookup[c]) {
        v = nan;
        if (!cells[c].empty()) {
          try {
            v = tree.code_value(lookup[c]->id, std::string(cells[c]));
          } catch (const error& e) {
            throw error(e.code(), cell_where(src, h, c), e.problems().front().what);
          }
        }
      } else if (!read_number(cells[c], *h.nodes[c], src, h, c, v)) {
        v = nan;
      }
      row[offset[c]] = v;
    }
  };
  while (src.next()) {
    const auto& cells = src.cells();
    double* row;
    if (rows < hint) {
      row = out.values.data() + rows;
      if (stride != hint) {
        stride = hint;
        for (std::size_t c = 1; c < width; ++c) offset[c] = col_of[c] * stride;
      }
    } else {
      const std::size_t r = (rows - hint) % chunk_rows;
      if (r == 0) {
        chunks.emplace_back(new double[chunk_rows * k_cols]);
        chunk = chunks.back().get();
        detail::prefer_huge_pages(chunk, sizeof(double) * chunk_rows * k_cols);
      }
      row = chunk + r;
      if (stride != chunk_rows) {
        stride = chunk_rows;
        for (std::size_t c = 1; c < width; ++c) offset[c] = col_of[c] * stride;
      }
    }
    if (cells[0].empty()) throw error(errc::missing_value, src.where(0), "empty unit id");
    out.units.emplace_back(cells[0]);
    lines.add(rows, src.line());
    // The unit goes into the index after its cells are read, while its slot is fetched from memory;
    // a duplicate unit is still the row's first error.
    const std::uint32_t id_hash = unit_index::hash(out.units.back());
    const std::uint32_t row_index = checked_unit_count(src, rows);
    index.prefetch(id_hash);
    auto check_unit = [&] {
      const std::uint32_t first = index.insert(row_index, id_hash);
      if (first != rows)
        throw error(errc::duplicate_unit, src.where(0),
                    "duplicate unit \"" + out.units.back() + "\" (first on line " +
                        std::to_string(lines.line(first)) + ")");
    };
    try {
      read_row(cells, row);
    } catch (...) {
      check_unit();
      throw;
    }
    check_unit();
    ++rows;
  }

  if (rows < hint && chunks.empty()) {
    // Fewer rows than the hint (blank lines, or an estimate): the columns move down in place, and
    // the storage shrinks without a copy. Eigen keeps a matrix's values when it is resized to the
    // same number of coefficients, and conservativeResize keeps them when a column-major matrix
    // changes its number of columns only.
    double* d = out.values.data();
    for (std::size_t k = 1; k < k_cols; ++k) std::memmove(d + k * rows, d + k * hint, sizeof(double) * rows);
    const auto all = static_cast<Eigen::Index>(hint * k_cols),
               kept = static_cast<Eigen::Index>(rows * k_cols);
    out.values.resize(1, all);
    out.values.conservativeResize(1, kept);
    out.values.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(k_cols));
  } else if (rows != hint) {
    Eigen::MatrixXd exact(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(k_cols));
    detail::prefer_huge_pages(exact.data(), sizeof(double) * rows * k_cols);
    const std::size_t direct = std::min(rows, hint);
    for (std::size_t k = 0; k < k_cols; ++k) {
      double* to = exact.col(static_cast<Eigen::Index>(k)).data();
      const double* from = out.values.col(static_cast<Eigen::Index>(k)).data();
      std::copy(from, from + direct, to);
      detail::release_pages(const_cast<double*>(from), sizeof(double) * hint);
      for (std::size_t b = 0; b < chunks.size(); ++b) {
        const std::size_t first = direct + b * chunk_rows, n = std::min(chunk_rows, rows - first);
        const double* part = chunks[b].get() + k * chunk_rows;
        std::copy(part, part + n, to + first);
      }
    }
    out.values = std::move(exact);
  }
  return out;
}

std::vector<std::string> match_columns(const indicator_tree& tree, const std::vector<std::string>& headers,
                                       const std::string& source) {
  const auto nodes = map_columns(
      tree, headers, 0, [&](std::size_t c) { return source + " column " + std::to_string(c + 1); },
      "tree \"" + tree.id() + "\" has no leaf or item with this id or name");
  std::vector<std::string> ids;
  ids.reserve(nodes.size());
  for (const node* n : nodes) ids.push_back(n->id);
  return ids;
}

values_table read_values(const indicator_tree& tree, std::string_view text, const std::string& source,
                         const progress_callback& progress) {
  return read_values(tree, *open_cells(text, source, progress));
}

values_table read_values_file(const indicator_tree& tree, const std::string& path,
                              const progress_callback& progress) {
  return read_values(tree, *open_cells(path, progress));
}

targets_table read_targets(const indicator_tree& tree, const std::vector<std::string>& units,
                           cell_source& src) {
  header_row h = read_header(src);
  map_columns(tree, src, h, "tree \"" + tree.id() + "\" has no indicator with this id or name");
  targets_table out;
  for (std::size_t c = 1; c < h.cells.size(); ++c) {
    const node& n = *h.nodes[c];
    if (n.kind != node_kind::leaf || !uses_target(n.rule.kind))
      throw error(errc::column_takes_no_target, h.where(src, c),
                  "indicator \"" + n.id + "\" takes no target (" +
                      (n.kind == node_kind::leaf ? std::string("rule ") + to_string(n.rule.kind)
                                                 : std::string(to_string(n.kind)) + " item") +
                      ")");
    out.leaf_ids.push_back(n.id);
  }

  // The index of the units is built on the first row that is not in the values' order.
  if (!units.empty()) checked_unit_count(src, units.size() - 1);
  unit_index index(units);
  bool indexed = false;
  // Every cell of every unit's row is written (NaN when empty), and a unit without a row is an
  // error: the matrix needs no filling first, and its pages are first touched by the rows.
  out.values.resize(static_cast<Eigen::Index>(units.size()), static_cast<Eigen::Index>(out.leaf_ids.size()));
  detail::prefer_huge_pages(out.values.data(), sizeof(double) * static_cast<std::size_t>(out.values.size()));
  std::vector<std::uint32_t> line_of;  // the line of each unit's row, 0 before it is read
  detail::resize_advised(line_of, units.size());
  std::size_t next = 0;
  while (src.next()) {
    const auto& cells = src.cells();
    if (cells[0].empty()) throw error(errc::missing_value, src.where(0), "empty unit id");
    // Targets usually list the units in the values' order: try the next one before the index.
    std::uint32_t u = static_cast<std::uint32_t>(next);
    if (next >= units.size() || units[next] != cells[0]) {
      if (!indexed) {
        index.reserve(units.size());
        for (std::size_t k = 0; k < units.size(); ++k) index.insert(static_cast<std::uint32_t>(k));
        indexed = true;
      }
      u = index.find(cells[0]);
    }
    if (u == unit_index::npos)
      throw error(errc::unknown_unit, src.where(0),
                  "unit \"" + std::string(cells[0]) + "\" is not in the values table");
    if (line_of[u])
      throw error(errc::duplicate_unit, src.where(0),
                  "duplicate unit \"" + units[u] + "\" (first on line " + std::to_string(line_of[u]) + ")");
    line_of[u] = checked_line(src);
    next = std::size_t{u} + 1;
    double* row = out.values.data() + u;
    for (std::size_t c = 1; c < cells.size(); ++c) {
      double v;
      if (!read_number(cells[c], *h.nodes[c], src, h, c, v)) {
        row[(c - 1) * units.size()] = nan;
        continue;
      }
      if (v <= 0)
        throw error(errc::bad_target, cell_where(src, h, c),
                    "target must be positive, not " + std::string(cells[c]));
      row[(c - 1) * units.size()] = v;
    }
  }
  for (std::size_t u = 0; u < units.size(); ++u)
    if (!line_of[u])
      throw error(errc::missing_unit, src.name(), "no row for unit \"" + units[u] + "\" of the values table");
  return out;
}

targets_table read_targets(const indicator_tree& tree, const std::vector<std::string>& units,
                           std::string_view text, const std::string& source,
                           const progress_callback& progress) {
  return read_targets(tree, units, *open_cells(text, source, progress));
}

targets_table read_targets_file(const indicator_tree& tree, const std::vector<std::string>& units,
                                const std::string& path, const progress_callback& progress) {
  return read_targets(tree, units, *open_cells(path, progress));
}

}  // namespace zoneperf
