// Periods from Python: the year-to-date targets (序时进度) of an as-of point, as numpy arrays, and
// assessment series as columns for a long DataFrame.
#include <limits>

#include "common.hpp"
#include "zoneperf/period_values.hpp"
#include "zoneperf/series.hpp"

namespace zoneperf::python {

namespace {
py::array_t<double> to_array(const Eigen::MatrixXd& m) {
  py::array_t<double> a({static_cast<py::ssize_t>(m.rows()), static_cast<py::ssize_t>(m.cols())});
  auto w = a.mutable_unchecked<2>();
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < m.cols(); ++c) w(r, c) = m(r, c);
  return a;
}
data_basis basis_of(const std::string& text, const char* what, const char* cumulative_name) {
  if (text == cumulative_name) return data_basis::cumulative;
  if (text == "in-period") return data_basis::in_period;
  throw py::value_error(std::string(what) + " must be '" + cumulative_name + "' or 'in-period', got '" +
                        text + "'");
}

std::vector<period_table> tables_of(const indicator_tree& tree, const std::vector<std::string>& labels,
                                    const std::vector<std::vector<std::string>>& units,
                                    const py::list& matrices) {
  if (units.size() != labels.size() || matrices.size() != labels.size())
    throw py::value_error("one unit list and one matrix per period");
  std::vector<period_table> tables(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    tables[i].p = period::parse(labels[i], "period");
    const viewed_matrix v = view_matrix(matrices[i], "values");
    if (static_cast<std::size_t>(v.view.rows) != units[i].size() ||
        v.view.cols != static_cast<std::ptrdiff_t>(tree.columns().size()))
      throw py::value_error("period " + labels[i] + ": the values must be " +
                            std::to_string(units[i].size()) + " units x " +
                            std::to_string(tree.columns().size()) + " columns");
    tables[i].values.units = units[i];
    tables[i].values.values.resize(v.view.rows, v.view.cols);
    for (std::ptrdiff_t r = 0; r < v.view.rows; ++r)
      for (std::ptrdiff_t c = 0; c < v.view.cols; ++c) tables[i].values.values(r, c) = v.view(r, c);
  }
  return tables;
}
}  // namespace

void export_periods(py::module_& m) {
  m.def(
      "_year_to_date_targets",
      [](const indicator_tree& tree, std::size_t units, py::handle target_values,
         std::optional<std::vector<std::string>> target_ids, const std::string& as_of_text,
         const std::string& basis, const std::string& schedule) {
        ytd_options o;
        o.point = as_of::parse(as_of_text, "as_of");
        if (basis != "cumulative" && basis != "in-period")
          throw py::value_error("basis must be 'cumulative' or 'in-period', got '" + basis + "'");
        if (schedule != "months" && schedule != "days")
          throw py::value_error("schedule must be 'months' or 'days', got '" + schedule + "'");
        o.basis = basis == "in-period" ? data_basis::in_period : data_basis::cumulative;
        o.policy = schedule == "days" ? schedule_policy::days : schedule_policy::months;
        std::optional<targets_table> annual;
        if (!target_values.is_none()) {
          const viewed_matrix v = view_matrix(target_values, "targets");
          if (!target_ids)
            throw py::value_error("targets need target_ids (the leaf id of each targets column)");
          annual.emplace();
          annual->leaf_ids = *target_ids;
          annual->values.resize(v.view.rows, v.view.cols);
          for (std::ptrdiff_t r = 0; r < v.view.rows; ++r)
            for (std::ptrdiff_t c = 0; c < v.view.cols; ++c) annual->values(r, c) = v.view(r, c);
          if (static_cast<std::size_t>(v.view.rows) != units)
            throw py::value_error("targets have " + std::to_string(v.view.rows) + " rows for " +
                                  std::to_string(units) + " units");
        }
        const ytd_targets y = year_to_date_targets(tree, units, annual ? &*annual : nullptr, o);
        return py::make_tuple(y.fraction.k, y.fraction.n, y.annual.leaf_ids, to_array(y.annual.values),
                              y.period.leaf_ids, to_array(y.period.values));
      },
      py::arg("tree"), py::arg("units"), py::arg("target_values") = py::none(),
      py::arg("target_ids") = py::none(), py::arg("as_of"), py::arg("basis"), py::arg("schedule") = "months");

  m.def(
      "_series_units",
      [](const std::vector<std::string>& labels, const std::vector<std::vector<std::string>>& units) {
        std::vector<period_table> tables(labels.size());
        for (std::size_t i = 0; i < labels.size() && i < units.size(); ++i) {
          tables[i].p = period::parse(labels[i], "period");
          tables[i].values.units = units[i];
        }
        return series_units(tables);
      },
      py::arg("labels"), py::arg("units"));
  m.def(
      "_series",
      [](const indicator_tree& tree, const std::vector<std::string>& labels,
         const std::vector<std::vector<std::string>>& units, const py::list& matrices,
         py::handle target_values, std::optional<std::vector<std::string>> target_ids,
         const std::string& data, const std::string& basis, bool allow_gaps) {
        series_options o;
        o.data = basis_of(data, "data", "cumulative");
        o.basis = basis_of(basis, "basis", "ytd");
        o.allow_gaps = allow_gaps;
        const std::vector<period_table> tables = tables_of(tree, labels, units, matrices);
        std::optional<targets_table> annual;
        if (!target_values.is_none()) {
          const viewed_matrix v = view_matrix(target_values, "targets");
          annual.emplace();
          annual->leaf_ids = target_ids.value_or(std::vector<std::string>{});
          annual->values.resize(v.view.rows, v.view.cols);
          for (std::ptrdiff_t r = 0; r < v.view.rows; ++r)
            for (std::ptrdiff_t c = 0; c < v.view.cols; ++c) annual->values(r, c) = v.view(r, c);
        }
        const assessment_series s = assess_series(tree, tables, annual ? &*annual : nullptr, o);
        // Long columns: one row per unit and period (periods in time order within each unit).
        const std::size_t rows = s.units().size() * s.periods().size();
        py::list unit, label, grade, yoy;
        const double nan = std::numeric_limits<double>::quiet_NaN();
        std::vector<double> total(rows, nan), d_score(rows, nan), yoy_value(rows, nan);
        std::vector<std::int32_t> rank(rows, 0), d_rank(rows, 0);
        std::vector<bool> has_d_rank(rows, false);
        std::vector<std::vector<double>> groups(tree.groups().size(), std::vector<double>(rows, nan));
        std::size_t i = 0;
        for (std::size_t u = 0; u < s.units().size(); ++u)
          for (std::size_t p = 0; p < s.periods().size(); ++p, ++i) {
            unit.append(s.units()[u]);
            label.append(s.periods()[p].label());
            const std::ptrdiff_t r = s.row(u, p);
            if (r < 0) {
              grade.append(py::none());
              yoy.append(py::none());
              continue;
            }
            const assessment& a = s.at(p);
            total[i] = a.total(r);
            rank[i] = a.rank(r);
            const int g = a.grade(r);
            g >= 0 ? grade.append(tree.grades()[static_cast<std::size_t>(g)].label)
                   : grade.append(py::none());
            for (std::size_t k = 0; k < tree.groups().size(); ++k)
              groups[k][i] = a.score(r, static_cast<std::size_t>(tree.groups()[k]));
            if (auto d = s.delta_score(u, p)) d_score[i] = *d;
            if (auto d = s.delta_rank(u, p)) d_rank[i] = *d, has_d_rank[i] = true;
            const year_on_year y = s.yoy(u, p);
            if (y.kind == year_on_year::state::value) yoy_value[i] = y.value;
            y.kind == year_on_year::state::no_base ? yoy.append("no base") : yoy.append(py::none());
          }
        py::dict out;
        out["unit"] = unit;
        out["period"] = label;
        out["total"] = py::array_t<double>(static_cast<py::ssize_t>(rows), total.data());
        out["rank"] = py::array_t<std::int32_t>(static_cast<py::ssize_t>(rows), rank.data());
        out["grade"] = grade;
        py::dict g;
        for (std::size_t k = 0; k < tree.groups().size(); ++k)
          g[py::str(tree.node(static_cast<std::size_t>(tree.groups()[k])).id)] =
              py::array_t<double>(static_cast<py::ssize_t>(rows), groups[k].data());
        out["groups"] = g;
        out["d_score"] = py::array_t<double>(static_cast<py::ssize_t>(rows), d_score.data());
        py::list dr;
        for (std::size_t k = 0; k < rows; ++k) has_d_rank[k] ? dr.append(d_rank[k]) : dr.append(py::none());
        out["d_rank"] = dr;
        out["yoy"] = py::array_t<double>(static_cast<py::ssize_t>(rows), yoy_value.data());
        out["yoy_note"] = yoy;
        return out;
      },
      py::arg("tree"), py::arg("labels"), py::arg("units"), py::arg("matrices"), py::arg("target_values"),
      py::arg("target_ids"), py::arg("data"), py::arg("basis"), py::arg("allow_gaps"));
}

}  // namespace zoneperf::python
