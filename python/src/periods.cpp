// Periods from Python: the year-to-date targets (序时进度) of an as-of point, as numpy arrays.
#include "common.hpp"
#include "zoneperf/period_values.hpp"

namespace zoneperf::python {

namespace {
py::array_t<double> to_array(const Eigen::MatrixXd& m) {
  py::array_t<double> a({static_cast<py::ssize_t>(m.rows()), static_cast<py::ssize_t>(m.cols())});
  auto w = a.mutable_unchecked<2>();
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < m.cols(); ++c) w(r, c) = m(r, c);
  return a;
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
}

}  // namespace zoneperf::python
