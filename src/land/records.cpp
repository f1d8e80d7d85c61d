#include "zoneperf/land/records.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "zoneperf/text/columns.hpp"
#include "zoneperf/text/number.hpp"
#include "zoneperf/text/workbook.hpp"

namespace zoneperf {
namespace {

enum class col {
  id,
  name,
  park,
  task_force,
  land,
  investment,
  tax,
  revenue,
  value_added,
  rd,
  energy,
  emissions,
  employees,
  exempt,
  item
};

struct column_spec {
  const char* header;
  col c;
};
constexpr column_spec known[] = {
    {"id", col::id},
    {"name", col::name},
    {"park", col::park},
    {"task_force", col::task_force},
    {"land_mu", col::land},
    {"land_m2", col::land},
    {"land_ha", col::land},
    {"investment_wan", col::investment},
    {"tax_wan", col::tax},
    {"revenue_wan", col::revenue},
    {"value_added_wan", col::value_added},
    {"rd_wan", col::rd},
    {"energy_tce", col::energy},
    {"emissions_t", col::emissions},
    {"employees", col::employees},
    {"exempt", col::exempt},
};

std::optional<double> land_record::*number_field(col c) {
  switch (c) {
    case col::investment:
      return &land_record::investment;
    case col::tax:
      return &land_record::tax;
    case col::revenue:
      return &land_record::revenue;
    case col::value_added:
      return &land_record::value_added;
    case col::rd:
      return &land_record::rd_spending;
    case col::energy:
      return &land_record::energy_tce;
    case col::emissions:
      return &land_record::emissions;
    case col::employees:
      return &land_record::employees;
    default:
      return nullptr;
  }
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char ch) { return ch == ' ' || ch == '\t'; });
}

}  // namespace

std::vector<land_record> read_land_records(const cell_table& t, const land_csv_options& options) {
  std::vector<problem> problems;
  std::vector<col> cols(t.header.size(), col::item);
  std::ptrdiff_t id_col = -1, land_col = -1;
  area_unit land_unit = area_unit::mu;
  std::unordered_map<std::string, std::size_t> seen_header;
  const std::vector<std::string> ids = column_ids(t, record_table::enterprises);
  for (std::size_t c = 0; c < t.header.size(); ++c) {
    const std::string& h = ids[c];
    if (!seen_header.emplace(h, c).second) {
      problems.push_back({errc::duplicate_column, t.header_where(c), "duplicate column \"" + h + "\""});
      continue;
    }
    const auto* k =
        std::find_if(std::begin(known), std::end(known), [&](const column_spec& s) { return h == s.header; });
    if (k != std::end(known)) {
      cols[c] = k->c;
      if (k->c == col::id) id_col = static_cast<std::ptrdiff_t>(c);
      if (k->c == col::land) {
        if (land_col >= 0) {
          problems.push_back({errc::ambiguous_land_column, t.header_where(c),
                              "a second land column \"" + h + "\" beside \"" + t.header[land_col] + "\""});
          continue;
        }
        land_col = static_cast<std::ptrdiff_t>(c);
        land_unit = h == "land_m2" ? area_unit::m2 : h == "land_ha" ? area_unit::ha : area_unit::mu;
      }
    } else if (std::find(options.item_columns.begin(), options.item_columns.end(), h) ==
               options.item_columns.end()) {
      problems.push_back({errc::unknown_column, t.header_where(c), "unknown column \"" + h + "\""});
    }
  }
  if (id_col < 0) problems.push_back({errc::missing_column, t.header_row_where(), "no \"id\" column"});
  if (land_col < 0)
    problems.push_back(
        {errc::missing_column, t.header_row_where(), "no land column (one of land_mu, land_m2, land_ha)"});
  if (!problems.empty()) throw error(std::move(problems));

  std::vector<land_record> out;
  out.reserve(t.rows());
  std::unordered_map<std::string, std::size_t> first_line;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const auto row = t.row(r);
    land_record rec;
    rec.id = std::string(row[static_cast<std::size_t>(id_col)]);
    if (blank(rec.id)) {
      problems.push_back({errc::missing_unit, t.where(r, static_cast<std::size_t>(id_col)), "empty id"});
    } else if (auto [it, fresh] = first_line.emplace(rec.id, t.line(r)); !fresh) {
      problems.push_back({errc::duplicate_entity, t.where(r, static_cast<std::size_t>(id_col)),
                          fmt::format("{}: the id appears again (first on line {})", rec.id, it->second)});
    }
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string_view cell = row[c];
      const std::string where = t.where(r, c);
      try {
        switch (cols[c]) {
          case col::id:
            break;
          case col::name:
            rec.name = cell;
            break;
          case col::park:
            rec.park = std::string(cell);
            break;
          case col::task_force:
            rec.task_force = std::string(cell);
            break;
          case col::exempt:
            if (!blank(cell)) rec.exempt = std::string(cell);
            break;
          case col::land:
            if (blank(cell)) {
              problems.push_back({errc::missing_area, where, rec.id + ": land area is missing"});
            } else {
              rec.land = area::parse(cell, land_unit, where);
              if (rec.land->count() <= 0)
                problems.push_back({errc::non_positive_area, where,
                                    rec.id + ": land area must be positive, got " + std::string(cell) + " " +
                                        to_string(land_unit)});
            }
            break;
          case col::item:
            if (auto v = parse_number(cell, where)) rec.items.emplace_back(t.header[c], *v);
            break;
          default: {
            auto v = parse_number(cell, where);
            if (v && *v < 0 && cols[c] != col::tax && cols[c] != col::value_added &&
                cols[c] != col::investment)
              problems.push_back({errc::negative_land_input, where,
                                  fmt::format("{}: {} is negative: {}", rec.id, t.header[c], *v)});
            rec.*number_field(cols[c]) = v;
          }
        }
      } catch (const error& e) {
        problems.insert(problems.end(), e.problems().begin(), e.problems().end());
      }
    }
    out.push_back(std::move(rec));
  }
  if (!problems.empty()) throw error(std::move(problems));
  return out;
}

std::vector<land_record> read_land_records_file(const std::string& path, const land_csv_options& options) {
  return read_land_records(read_cells_file(path), options);
}

}  // namespace zoneperf
