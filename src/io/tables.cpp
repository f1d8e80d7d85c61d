#include "zoneperf/io/tables.hpp"

#include <cmath>
#include <limits>
#include <unordered_map>

namespace zoneperf {
namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

void check_unit_header(const csv_table& csv) {
  if (csv.header.empty() || csv.header[0] != "unit")
    throw error(
        errc::missing_column, csv.header_where(0),
        "the first column must be \"unit\", not \"" + (csv.header.empty() ? "" : csv.header[0]) + "\"");
}

std::string cell_where(const csv_table& csv, std::size_t r, std::size_t c) {
  return csv.where(r, c) + " (unit \"" + csv.rows[r][0] + "\", indicator \"" + csv.header[c] + "\")";
}

// Unit ids of a table: non-empty, unique.
std::vector<std::string> unit_ids(const csv_table& csv) {
  std::vector<std::string> units;
  std::unordered_map<std::string, std::size_t> seen;
  for (std::size_t r = 0; r < csv.rows.size(); ++r) {
    const std::string& u = csv.rows[r][0];
    if (u.empty()) throw error(errc::missing_value, csv.where(r, 0), "empty unit id");
    auto [it, fresh] = seen.emplace(u, r);
    if (!fresh)
      throw error(
          errc::duplicate_unit, csv.where(r, 0),
          "duplicate unit \"" + u + "\" (first on line " + std::to_string(csv.lines[it->second]) + ")");
    units.push_back(u);
  }
  return units;
}
}  // namespace

values_table read_values(const indicator_tree& tree, const csv_table& csv) {
  check_unit_header(csv);
  const auto& cols = tree.columns();
  std::vector<int> col_of(csv.header.size(), -1);  // csv column -> values column
  std::vector<int> seen(cols.size(), -1);
  for (std::size_t c = 1; c < csv.header.size(); ++c) {
    const std::string& id = csv.header[c];
    auto idx = tree.find(id);
    const int k = idx ? tree.node(*idx).column : -1;
    if (k < 0)
      throw error(
          errc::unknown_column, csv.header_where(c),
          "unknown column \"" + id + "\": tree \"" + tree.id() + "\" has no leaf or item with this id");
    if (seen[k] >= 0)
      throw error(errc::duplicate_column, csv.header_where(c),
                  "duplicate column \"" + id + "\" (also column " + std::to_string(seen[k] + 1) + ")");
    seen[k] = static_cast<int>(c);
    col_of[c] = k;
  }
  for (std::size_t k = 0; k < cols.size(); ++k)
    if (seen[k] < 0)
      throw error(errc::missing_column, csv.source + ":" + std::to_string(csv.header_line),
                  "missing column \"" + tree.node(cols[k]).id + "\"");

  values_table out;
  out.units = unit_ids(csv);
  out.values.resize(static_cast<Eigen::Index>(csv.rows.size()), static_cast<Eigen::Index>(cols.size()));
  for (std::size_t r = 0; r < csv.rows.size(); ++r) {
    for (std::size_t c = 1; c < csv.header.size(); ++c) {
      const node& n = tree.node(cols[col_of[c]]);
      const std::string& cell = csv.rows[r][c];
      double v = nan;
      if (n.kind == node_kind::leaf && n.rule.kind == rule_kind::lookup) {
        if (!cell.empty()) {
          try {
            v = tree.code_value(n.id, cell);
          } catch (const error& e) {
            throw error(e.code(), cell_where(csv, r, c), e.problems().front().what);
          }
        }
      } else if (auto x = parse_number(cell, cell_where(csv, r, c))) {
        v = *x;
      }
      out.values(static_cast<Eigen::Index>(r), col_of[c]) = v;
    }
  }
  return out;
}

values_table read_values(const indicator_tree& tree, std::string_view text, const std::string& source) {
  return read_values(tree, read_csv(text, source));
}

values_table read_values_file(const indicator_tree& tree, const std::string& path) {
  return read_values(tree, read_csv_file(path));
}

targets_table read_targets(const indicator_tree& tree, const std::vector<std::string>& units,
                           const csv_table& csv) {
  check_unit_header(csv);
  targets_table out;
  std::unordered_map<std::string, std::size_t> seen_col;
  for (std::size_t c = 1; c < csv.header.size(); ++c) {
    const std::string& id = csv.header[c];
    auto idx = tree.find(id);
    if (!idx)
      throw error(errc::unknown_column, csv.header_where(c),
                  "unknown column \"" + id + "\": tree \"" + tree.id() + "\" has no indicator with this id");
    const node& n = tree.node(*idx);
    if (n.kind != node_kind::leaf || !uses_target(n.rule.kind))
      throw error(errc::column_takes_no_target, csv.header_where(c),
                  "indicator \"" + id + "\" takes no target (" +
                      (n.kind == node_kind::leaf ? std::string("rule ") + to_string(n.rule.kind)
                                                 : std::string(to_string(n.kind)) + " item") +
                      ")");
    if (!seen_col.emplace(id, c).second)
      throw error(errc::duplicate_column, csv.header_where(c), "duplicate column \"" + id + "\"");
    out.leaf_ids.push_back(id);
  }
  const auto ids = unit_ids(csv);
  std::unordered_map<std::string, std::size_t> row_of;
  for (std::size_t r = 0; r < ids.size(); ++r) row_of.emplace(ids[r], r);
  std::unordered_map<std::string, std::size_t> unit_index;
  for (std::size_t u = 0; u < units.size(); ++u) unit_index.emplace(units[u], u);
  for (std::size_t r = 0; r < ids.size(); ++r)
    if (!unit_index.count(ids[r]))
      throw error(errc::unknown_unit, csv.where(r, 0), "unit \"" + ids[r] + "\" is not in the values table");
  out.values.resize(static_cast<Eigen::Index>(units.size()), static_cast<Eigen::Index>(out.leaf_ids.size()));
  for (std::size_t u = 0; u < units.size(); ++u) {
    auto it = row_of.find(units[u]);
    if (it == row_of.end())
      throw error(errc::missing_unit, csv.source, "no row for unit \"" + units[u] + "\" of the values table");
    const std::size_t r = it->second;
    for (std::size_t c = 1; c < csv.header.size(); ++c) {
      const auto where = cell_where(csv, r, c);
      double v = nan;
      if (auto x = parse_number(csv.rows[r][c], where)) {
        if (*x <= 0) throw error(errc::bad_target, where, "target must be positive, not " + csv.rows[r][c]);
        v = *x;
      }
      out.values(static_cast<Eigen::Index>(u), static_cast<Eigen::Index>(c - 1)) = v;
    }
  }
  return out;
}

targets_table read_targets(const indicator_tree& tree, const std::vector<std::string>& units,
                           std::string_view text, const std::string& source) {
  return read_targets(tree, units, read_csv(text, source));
}

targets_table read_targets_file(const indicator_tree& tree, const std::vector<std::string>& units,
                                const std::string& path) {
  return read_targets(tree, units, read_csv_file(path));
}

}  // namespace zoneperf
