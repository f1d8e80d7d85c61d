#include "zoneperf/io/tables.hpp"

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <unordered_map>

#include "../detail/huge_pages.hpp"
#include "zoneperf/text/number.hpp"

namespace zoneperf {
namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The header row of a table: every cell, and its line.
struct header_row {
  std::vector<std::string> cells;
  std::size_t line = 1;
  std::string where(const cell_source& s, std::size_t c) const {
    return s.name() + ":" + std::to_string(line) + ":" + std::to_string(c + 1);
  }
};

header_row read_header(cell_source& s) {
  if (!s.next()) throw error(errc::csv_empty, s.name(), "empty file: expected a header row");
  header_row h;
  for (auto c : s.cells()) h.cells.emplace_back(c);
  h.line = s.line();
  if (h.cells[0] != "unit")
    throw error(errc::missing_column, h.where(s, 0),
                "the first column must be \"unit\", not \"" + h.cells[0] + "\"");
  return h;
}

// "values.csv:4:3 (unit "x", indicator "a")": built only for an error.
std::string cell_where(const cell_source& s, const header_row& h, std::size_t c) {
  return s.where(c) + " (unit \"" + std::string(s.cells()[0]) + "\", indicator \"" + h.cells[c] + "\")";
}

// Unit ids by their index in a vector, in an open-addressing table of (index, hash) slots: no copy
// of the ids, and an id is only compared when its whole hash matches.
class unit_index {
 public:
  explicit unit_index(const std::vector<std::string>& ids) : ids_(ids) {}
  /// Adds ids_[i]; returns the index of an equal id already present, or i.
  std::uint32_t insert(std::uint32_t i) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    const std::uint32_t found = place(i, hash(ids_[i]));
    if (found == i) ++count_;
    return found;
  }
  /// The index of `id`, or npos.
  std::uint32_t find(std::string_view id) const {
    if (slots_.empty()) return npos;
    const std::size_t h = hash(id);
    for (std::size_t k = h & mask();; k = (k + 1) & mask()) {
      const slot& at = slots_[k];
      if (at.index == npos || (at.hash == h && ids_[at.index] == id)) return at.index;
    }
  }
  static constexpr std::uint32_t npos = std::numeric_limits<std::uint32_t>::max();

 private:
  struct slot {
    std::uint32_t index = npos;
    std::size_t hash = 0;
  };
  static std::size_t hash(std::string_view s) { return std::hash<std::string_view>{}(s); }
  std::size_t mask() const { return slots_.size() - 1; }
  std::uint32_t place(std::uint32_t i, std::size_t h) {
    for (std::size_t k = h & mask();; k = (k + 1) & mask()) {
      slot& at = slots_[k];
      if (at.index == npos) {
        at = {i, h};
        return i;
      }
      if (at.hash == h && ids_[at.index] == ids_[i]) return at.index;
    }
  }
  void grow() {
    std::vector<slot> old;
    detail::resize_advised(old, std::max<std::size_t>(slots_.size() * 2, 64));
    old.swap(slots_);
    for (const slot& x : old)
      if (x.index != npos) place(x.index, x.hash);
  }
  const std::vector<std::string>& ids_;
  std::vector<slot> slots_;
  std::size_t count_ = 0;
};

std::uint32_t checked_unit_count(const cell_source& s, std::size_t n) {
  if (n >= unit_index::npos) throw error(errc::shape_mismatch, s.where_row(), "more than 2^32 - 2 units");
  return static_cast<std::uint32_t>(n);
}
}  // namespace

values_table read_values(const indicator_tree& tree, cell_source& src) {
  const header_row h = read_header(src);
  const auto& cols = tree.columns();
  const std::size_t width = h.cells.size(), k_cols = cols.size();
  std::vector<std::size_t> col_of(width, 0);  // table column -> values column
  std::vector<const node*> lookup(width, nullptr);
  std::vector<int> seen(k_cols, -1);
  for (std::size_t c = 1; c < width; ++c) {
    const std::string& id = h.cells[c];
    auto idx = tree.find(id);
    const int k = idx ? tree.node(*idx).column : -1;
    if (k < 0)
      throw error(
          errc::unknown_column, h.where(src, c),
          "unknown column \"" + id + "\": tree \"" + tree.id() + "\" has no leaf or item with this id");
    if (seen[k] >= 0)
      throw error(errc::duplicate_column, h.where(src, c),
                  "duplicate column \"" + id + "\" (also column " + std::to_string(seen[k] + 1) + ")");
    seen[k] = static_cast<int>(c);
    col_of[c] = static_cast<std::size_t>(k);
    const node& n = tree.node(*idx);
    if (n.kind == node_kind::leaf && n.rule.kind == rule_kind::lookup) lookup[c] = &n;
  }
  for (std::size_t k = 0; k < k_cols; ++k)
    if (seen[k] < 0)
      throw error(errc::missing_column, src.name() + ":" + std::to_string(h.line),
                  "missing column \"" + tree.node(cols[k]).id + "\"");

  // Rows go into chunks of chunk_rows rows, row by row; the column-major matrix is filled from them
  // at the end, a chunk at a time, so the values are held about once.
  constexpr std::size_t chunk_rows = 1 << 16;
  std::vector<std::unique_ptr<double[]>> chunks;
  values_table out;
  std::vector<std::size_t> lines;
  unit_index index(out.units);
  std::size_t rows = 0;
  double* chunk = nullptr;
  while (src.next()) {
    const auto& cells = src.cells();
    const std::size_t r = rows % chunk_rows;
    if (r == 0) {
      chunks.emplace_back(new double[chunk_rows * k_cols]);
      chunk = chunks.back().get();
      detail::prefer_huge_pages(chunk, sizeof(double) * chunk_rows * k_cols);
    }
    if (cells[0].empty()) throw error(errc::missing_value, src.where(0), "empty unit id");
    out.units.emplace_back(cells[0]);
    lines.push_back(src.line());
    const std::uint32_t first = index.insert(checked_unit_count(src, rows));
    if (first != rows)
      throw error(
          errc::duplicate_unit, src.where(0),
          "duplicate unit \"" + out.units.back() + "\" (first on line " + std::to_string(lines[first]) + ")");
    for (std::size_t c = 1; c < width; ++c) {
      double v = nan;
      if (lookup[c]) {
        if (!cells[c].empty()) {
          try {
            v = tree.code_value(lookup[c]->id, std::string(cells[c]));
          } catch (const error& e) {
            throw error(e.code(), cell_where(src, h, c), e.problems().front().what);
          }
        }
      } else {
        const auto status = parse_number(cells[c], v);
        if (status == number_status::empty)
          v = nan;
        else if (status != number_status::ok)
          throw_number_error(status, cells[c], cell_where(src, h, c));
      }
      chunk[r * k_cols + col_of[c]] = v;
    }
    ++rows;
  }

  out.values.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(k_cols));
  detail::prefer_huge_pages(out.values.data(), sizeof(double) * rows * k_cols);
  for (std::size_t b = 0; b < chunks.size(); ++b) {
    const std::size_t first = b * chunk_rows, n = std::min(chunk_rows, rows - first);
    const double* from = chunks[b].get();
    for (std::size_t k = 0; k < k_cols; ++k) {
      double* to = out.values.col(static_cast<Eigen::Index>(k)).data() + first;
      for (std::size_t r = 0; r < n; ++r) to[r] = from[r * k_cols + k];
    }
    chunks[b].reset();
  }
  return out;
}

values_table read_values(const indicator_tree& tree, std::string_view text, const std::string& source,
                         const progress_callback& progress) {
  csv_source src(text, source, progress);
  return read_values(tree, src);
}

values_table read_values_file(const indicator_tree& tree, const std::string& path,
                              const progress_callback& progress) {
  csv_source src(path, progress);
  return read_values(tree, src);
}

targets_table read_targets(const indicator_tree& tree, const std::vector<std::string>& units,
                           cell_source& src) {
  const header_row h = read_header(src);
  targets_table out;
  std::unordered_map<std::string, std::size_t> seen_col;
  for (std::size_t c = 1; c < h.cells.size(); ++c) {
    const std::string& id = h.cells[c];
    auto idx = tree.find(id);
    if (!idx)
      throw error(errc::unknown_column, h.where(src, c),
                  "unknown column \"" + id + "\": tree \"" + tree.id() + "\" has no indicator with this id");
    const node& n = tree.node(*idx);
    if (n.kind != node_kind::leaf || !uses_target(n.rule.kind))
      throw error(errc::column_takes_no_target, h.where(src, c),
                  "indicator \"" + id + "\" takes no target (" +
                      (n.kind == node_kind::leaf ? std::string("rule ") + to_string(n.rule.kind)
                                                 : std::string(to_string(n.kind)) + " item") +
                      ")");
    if (!seen_col.emplace(id, c).second)
      throw error(errc::duplicate_column, h.where(src, c), "duplicate column \"" + id + "\"");
    out.leaf_ids.push_back(id);
  }

  unit_index index(units);
  for (std::size_t u = 0; u < units.size(); ++u) index.insert(checked_unit_count(src, u));
  out.values.setConstant(static_cast<Eigen::Index>(units.size()),
                         static_cast<Eigen::Index>(out.leaf_ids.size()), nan);
  std::vector<std::size_t> line_of(units.size(), 0);  // the line of each unit's row, 0 before it is read
  std::size_t next = 0;
  while (src.next()) {
    const auto& cells = src.cells();
    if (cells[0].empty()) throw error(errc::missing_value, src.where(0), "empty unit id");
    // Targets usually list the units in the values' order: try the next one before the index.
    std::uint32_t u = next < units.size() && units[next] == cells[0] ? static_cast<std::uint32_t>(next)
                                                                     : index.find(cells[0]);
    if (u == unit_index::npos)
      throw error(errc::unknown_unit, src.where(0),
                  "unit \"" + std::string(cells[0]) + "\" is not in the values table");
    if (line_of[u])
      throw error(errc::duplicate_unit, src.where(0),
                  "duplicate unit \"" + units[u] + "\" (first on line " + std::to_string(line_of[u]) + ")");
    line_of[u] = src.line();
    next = std::size_t{u} + 1;
    for (std::size_t c = 1; c < cells.size(); ++c) {
      double v = nan;
      const auto status = parse_number(cells[c], v);
      if (status == number_status::empty) continue;
      if (status != number_status::ok) throw_number_error(status, cells[c], cell_where(src, h, c));
      if (v <= 0)
        throw error(errc::bad_target, cell_where(src, h, c),
                    "target must be positive, not " + std::string(cells[c]));
      out.values(static_cast<Eigen::Index>(u), static_cast<Eigen::Index>(c - 1)) = v;
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
  csv_source src(text, source, progress);
  return read_targets(tree, units, src);
}

targets_table read_targets_file(const indicator_tree& tree, const std::vector<std::string>& units,
                                const std::string& path, const progress_callback& progress) {
  csv_source src(path, progress);
  return read_targets(tree, units, src);
}

}  // namespace zoneperf
