#include "zoneperf/pipeline/admission.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

#include "zoneperf/assess.hpp"
#include "zoneperf/land/gates.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/columns.hpp"
#include "zoneperf/text/number.hpp"
#include "zoneperf/text/workbook.hpp"

namespace zoneperf {
namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double fen_per_wan = 1'000'000.0;

const std::vector<std::string>& known_columns() {
  static const std::vector<std::string> names = {"id",
                                                 "name",
                                                 "task_force",
                                                 "credit",
                                                 "industry_fit",
                                                 "rd_share",
                                                 "total_investment",
                                                 "land_area",
                                                 "promised_tax_per_mu",
                                                 "output_per_mu",
                                                 "jobs",
                                                 "energy_per_output",
                                                 "local_supply",
                                                 "eia_rejected"};
  return names;
}

std::string number_text(double v) { return fmt::format("{}", v); }

/// The hard gates through the land module's check_land_gates. Admission's gates only reject
/// (no "failed" band: the tax dimension scores 10..20 万元/亩 low), and the candidates table
/// states tax per mu, so the proposal is one mu carrying the per-mu figures: x ÷ 1 mu is x
/// exactly, and a figure on its gate lands where it always did. A figure that is not a number
/// (no land) cannot reject, as before: its gate is left off.
land_gate_report check_gates(const candidate& c, const admission_options& options) {
  land_gate_thresholds t;
  t.investment_per_mu = {std::nullopt, options.min_investment_per_mu};
  t.tax_per_mu = {std::nullopt, options.min_tax_per_mu};
  t.plot_ratio = {};
  t.building_density = {};
  land_proposal per_mu;
  per_mu.id = c.id;
  per_mu.land = area::from_mu(1);
  const double investment = c.investment_per_mu();
  if (std::isnan(investment))
    t.investment_per_mu = {};
  else
    per_mu.investment = investment;
  if (std::isnan(c.promised_tax_per_mu))
    t.tax_per_mu = {};
  else
    per_mu.promised_tax = c.promised_tax_per_mu;
  return check_land_gates(per_mu, t);
}
}  // namespace

double candidate::investment_per_mu() const {
  if (!(land > area())) return nan;
  return static_cast<double>(total_investment.fen()) / fen_per_wan / land.mu();
}

const char* to_string(verdict v) noexcept { return v == verdict::admitted ? "admitted" : "rejected"; }

std::vector<candidate> read_candidates(const cell_table& csv) {
  std::vector<problem> out;
  const auto& names = known_columns();
  std::vector<int> pos(names.size(), -1);
  std::vector<std::size_t> extra_cols;
  const std::vector<std::string> header_ids = column_ids(csv, record_table::candidates);
  for (std::size_t c = 0; c < csv.header.size(); ++c) {
    const auto it = std::find(names.begin(), names.end(), header_ids[c]);
    const bool seen_extra = std::any_of(extra_cols.begin(), extra_cols.end(),
                                        [&](std::size_t k) { return csv.header[k] == csv.header[c]; });
    if ((it != names.end() && pos[it - names.begin()] >= 0) || seen_extra) {
      out.push_back(
          {errc::duplicate_column, csv.header_where(c), "column '" + csv.header[c] + "' given twice"});
      continue;
    }
    if (it == names.end())
      extra_cols.push_back(c);
    else
      pos[it - names.begin()] = static_cast<int>(c);
  }
  for (const char* required : {"id", "total_investment", "land_area", "promised_tax_per_mu"}) {
    const auto k = std::find(names.begin(), names.end(), required) - names.begin();
    if (pos[k] < 0)
      out.push_back(
          {errc::missing_column, csv.header_row_where(), std::string("missing column '") + required + "'"});
  }
  if (!out.empty()) throw error(std::move(out));
  auto col = [&](const char* name) {
    return pos[std::find(names.begin(), names.end(), name) - names.begin()];
  };

  std::vector<candidate> result;
  std::unordered_set<std::string> ids;
  for (std::size_t row = 0; row < csv.rows(); ++row) {
    const auto cells = csv.row(row);
    auto text = [&](const char* name) -> std::string {
      const int c = col(name);
      return c < 0 ? std::string() : std::string(cells[c]);
    };
    auto where = [&](const char* name) { return csv.where(row, static_cast<std::size_t>(col(name))); };
    auto number = [&](const char* name) -> double {
      if (col(name) < 0) return nan;
      try {
        return parse_number(cells[col(name)], where(name)).value_or(nan);
      } catch (const error& e) {
        out.insert(out.end(), e.problems().begin(), e.problems().end());
        return nan;
      }
    };
    candidate c;
    c.id = text("id");
    c.where = csv.row_where(row);
    if (c.id.empty())
      out.push_back({errc::bad_candidate_field, where("id"), "empty candidate id"});
    else if (!ids.insert(c.id).second)
      out.push_back({errc::duplicate_candidate, where("id"), "candidate '" + c.id + "' given twice"});
    c.name = text("name");
    c.task_force = text("task_force");
    c.credit = text("credit");
    c.industry_fit = text("industry_fit");
    c.rd_share = number("rd_share");
    try {
      c.total_investment = detail::parse_wan(text("total_investment"), where("total_investment"));
    } catch (const error& e) {
      out.push_back({errc::bad_candidate_field, e.where(), e.problems().front().what});
    }
    std::optional<area> land;
    if (const std::string_view cell = cells[col("land_area")];
        cell.find_first_not_of(' ') != std::string::npos) {
      try {
        land = area::parse(cell, area_unit::mu, where("land_area"));
      } catch (const error& e) {
        out.insert(out.end(), e.problems().begin(), e.problems().end());
      }
    }
    c.land = land.value_or(area());
    if (!(c.land > area()))
      out.push_back({errc::bad_candidate_field, where("land_area"), "land area must be a number > 0 mu"});
    c.promised_tax_per_mu = number("promised_tax_per_mu");
    if (!(c.promised_tax_per_mu >= 0))
      out.push_back({errc::bad_candidate_field, where("promised_tax_per_mu"),
                     "promised tax per mu must be a number >= 0"});
    c.output_per_mu = number("output_per_mu");
    c.jobs = number("jobs");
    c.energy_per_output = number("energy_per_output");
    c.local_supply = number("local_supply");
    const std::string eia = text("eia_rejected");
    if (eia == "1")
      c.eia_rejected = true;
    else if (!(eia.empty() || eia == "0"))
      out.push_back(
          {errc::bad_candidate_field, where("eia_rejected"), "bad flag '" + eia + "': expected 0 or 1"});
    for (std::size_t k : extra_cols) c.extra.emplace_back(csv.header[k], cells[k]);
    result.push_back(std::move(c));
  }
  if (!out.empty()) throw error(std::move(out));
  return result;
}

std::vector<candidate> read_candidates_file(const std::string& path) {
  return read_candidates(read_cells_file(path));
}

Eigen::MatrixXd admission_values(const indicator_tree& tree, const std::vector<candidate>& candidates) {
  const auto& columns = tree.columns();
  Eigen::MatrixXd v(static_cast<Eigen::Index>(candidates.size()), static_cast<Eigen::Index>(columns.size()));
  std::vector<problem> out;
  for (std::size_t u = 0; u < candidates.size(); ++u) {
    const candidate& c = candidates[u];
    const std::string who = c.where.empty() ? c.id : c.where;
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const node& n = tree.node(static_cast<std::size_t>(columns[k]));
      double x = nan;
      auto code = [&](const std::string& value) {
        if (value.empty()) return nan;
        try {
          return tree.code_value(n.id, value);
        } catch (const error& e) {
          out.push_back({errc::unknown_code, who + " " + c.id + "/" + n.id, e.problems().front().what});
          return nan;
        }
      };
      const std::string& id = n.id;
      if (id == "credit")
        x = code(c.credit);
      else if (id == "industry_fit")
        x = code(c.industry_fit);
      else if (id == "talent_technology")
        x = c.rd_share;
      else if (id == "investment_intensity")
        x = c.investment_per_mu();
      else if (id == "tax_per_mu")
        x = c.promised_tax_per_mu;
      else if (id == "investment_scale")
        x = static_cast<double>(c.total_investment.fen()) / fen_per_wan / 10000.0;
      else if (id == "output")
        x = c.output_per_mu;
      else if (id == "jobs")
        x = c.jobs;
      else if (id == "energy")
        x = c.energy_per_output;
      else if (id == "chain_fit")
        x = c.local_supply;
      else if (id == "eia_rejected")
        x = c.eia_rejected ? 1 : 0;
      else {
        const auto it =
            std::find_if(c.extra.begin(), c.extra.end(), [&](const auto& e) { return e.first == id; });
        if (it == c.extra.end()) {
          if (u == 0)
            out.push_back({errc::missing_column, "candidates", "no column for indicator '" + id + "'"});
        } else if (n.kind == node_kind::leaf && n.rule.kind == rule_kind::lookup) {
          x = code(it->second);
        } else {
          try {
            x = parse_number(it->second, who + " " + id).value_or(nan);
          } catch (const error& e) {
            out.insert(out.end(), e.problems().begin(), e.problems().end());
          }
        }
      }
      v(static_cast<Eigen::Index>(u), static_cast<Eigen::Index>(k)) = x;
    }
  }
  if (!out.empty()) throw error(std::move(out));
  return v;
}

std::vector<admission_decision> admit(const std::vector<candidate>& candidates, const indicator_tree& tree,
                                      const admission_options& options) {
  for (auto [name, value] : {std::pair{"min_investment_per_mu", options.min_investment_per_mu},
                             std::pair{"min_tax_per_mu", options.min_tax_per_mu}})
    if (!(std::isfinite(value) && value >= 0))
      throw error(errc::bad_gate, name, "a gate must be a finite number >= 0, not " + number_text(value));
  double pass = 0;
  if (options.pass_mark)
    pass = *options.pass_mark;
  else if (!tree.grades().empty())
    pass = tree.grades().front().min;
  if (!std::isfinite(pass)) throw error(errc::bad_gate, "pass_mark", "the pass mark must be a finite number");

  std::vector<admission_decision> out;
  if (candidates.empty()) return out;
  const Eigen::MatrixXd values = admission_values(tree, candidates);
  std::vector<std::string> ids;
  for (const auto& c : candidates) ids.push_back(c.id);
  assess_options ao;
  ao.unit_ids = &ids;
  ao.check_unit_ids = false;  // they name rows in messages; each candidate is decided on its own
  ao.ranks = ranking::off;
  const assessment a = assess(tree, matrix_view(values), nullptr, ao);

  const auto& columns = tree.columns();
  for (std::size_t u = 0; u < candidates.size(); ++u) {
    const candidate& c = candidates[u];
    const auto row = static_cast<std::ptrdiff_t>(u);
    admission_decision d;
    d.id = c.id;
    d.name = c.name;
    d.task_force = c.task_force;
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const auto idx = static_cast<std::size_t>(columns[k]);
      const node& n = tree.node(idx);
      if (n.kind != node_kind::leaf) continue;
      dimension_points p{n.id, n.name, values(row, static_cast<Eigen::Index>(k)), a.score(row, idx),
                         a.max(row, idx)};
      d.points += p.points;
      d.dimensions.push_back(std::move(p));
    }
    d.total = a.total(row);
    d.vetoed = a.vetoed(row);
    const land_gate_report gates = check_gates(c, options);
    for (const gate_result* g : gates.failures()) {
      if (g->status != gate_status::rejected) continue;
      d.gate_failed = true;
      d.reasons.push_back(
          g->gate == gate_id::investment_per_mu
              ? fmt::format("investment per mu {:.1f} 万元/亩 is below the gate {} (rejected outright)",
                            g->figure, number_text(g->threshold))
              : fmt::format("promised tax {} 万元/亩 is below the gate {} (rejected outright)",
                            number_text(g->figure), number_text(g->threshold)));
    }
    if (d.vetoed) {
      for (const auto& e : explain(tree, matrix_view(values), nullptr, u, ao)) {
        if (!e.vetoes) continue;
        const node& n = tree.node(static_cast<std::size_t>(e.node));
        if (e.kind == node_kind::leaf) {
          const std::string& code = n.id == "credit"         ? c.credit
                                    : n.id == "industry_fit" ? c.industry_fit
                                                             : n.id;
          d.reasons.push_back(fmt::format("{} ({}) is '{}': veto", n.id, n.name, code));
        } else {
          d.reasons.push_back(fmt::format("{} ({}): veto", n.id, n.name));
        }
      }
    }
    if (!d.vetoed && d.total < pass)
      d.reasons.push_back(fmt::format("{} points, below the pass mark {}", fmt::format("{:.2f}", d.total),
                                      number_text(pass)));
    d.result = d.reasons.empty() ? verdict::admitted : verdict::rejected;
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<admission_decision> admit(const std::vector<candidate>& candidates,
                                      const admission_options& options) {
  static const indicator_tree tree = load_preset("admission");
  return admit(candidates, tree, options);
}

}  // namespace zoneperf
