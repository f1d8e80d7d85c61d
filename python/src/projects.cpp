// The project registry from Python (docs/semantics.md §7): ProjectRegistry (read from a projects CSV),
// the period and month reports as the CLI's JSON, the 三个十 check with faces and weekly progress,
// admission of candidates, the export to the task-force scorecard's values, the supervision
// calendar, roll_up and fold_annual. Results are dicts, lists and numpy arrays; the pandas
// conveniences are in zoneperf/__init__.py.
#include <algorithm>
#include <cmath>
#include <map>

#include "common.hpp"
#include "zoneperf/period.hpp"
#include "zoneperf/pipeline/admission.hpp"
#include "zoneperf/pipeline/counts.hpp"
#include "zoneperf/pipeline/monthly_check.hpp"
#include "zoneperf/pipeline/registry.hpp"
#include "zoneperf/pipeline/report.hpp"
#include "zoneperf/pipeline/year_faces.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"
#include "zoneperf/text/workbook.hpp"

namespace zoneperf::python {
namespace {

py::object json_loads(const std::string& text) { return py::module_::import("json").attr("loads")(text); }

std::optional<date> optional_date(const std::optional<std::string>& text, const char* where) {
  if (!text) return std::nullopt;
  return parse_date(*text, where);
}

py::object date_or_none(const std::optional<date>& d) {
  return d ? py::object(py::str(to_string(*d))) : py::object(py::none());
}

/// A task force's targets or counts: {"intent", "signed", "landed"}.
py::dict targets_dict(const monthly_targets& t) {
  return py::dict(py::arg("intent") = t.intent, py::arg("signed") = t.signed_, py::arg("landed") = t.landed);
}

monthly_targets targets_of(py::handle obj) {
  monthly_targets t;
  if (py::isinstance<py::dict>(obj)) {
    const auto d = obj.cast<std::map<std::string, std::int64_t>>();
    for (const auto& [k, v] : d) {
      if (k == "intent")
        t.intent = v;
      else if (k == "signed")
        t.signed_ = v;
      else if (k == "landed")
        t.landed = v;
      else
        throw py::value_error("targets take the keys intent, signed, landed; got '" + k + "'");
    }
    return t;
  }
  const auto v = obj.cast<std::vector<std::int64_t>>();
  if (v.size() != 3) throw py::value_error("targets are (intent, signed, landed)");
  t.intent = v[0];
  t.signed_ = v[1];
  t.landed = v[2];
  return t;
}

py::dict project_dict(const project& p) {
  py::dict d;
  d["id"] = p.id;
  d["name"] = p.name;
  d["task_force"] = p.task_force;
  d["industry"] = p.industry;
  d["key"] = p.key_project;
  d["chain"] = p.chain_project;
  d["top500"] = p.top500;
  // Money as the CSV writes it: exact decimal text of 万元 (万美元 for foreign capital).
  d["total_investment"] = to_string(p.total_investment, money_unit::wan);
  d["fixed_asset_investment"] = to_string(p.fixed_asset_investment, money_unit::wan);
  d["foreign_capital"] = to_string(p.foreign_capital, money_unit::wan);
  d["land_area"] = p.land.mu();
  d["annual_tax"] = to_string(p.annual_tax, money_unit::wan);
  d["admission_score"] =
      p.admission_score ? py::object(py::float_(*p.admission_score)) : py::object(py::none());
  py::dict dates;
  for (std::size_t s = 0; s < stage_count; ++s)
    dates[to_string(static_cast<stage>(s))] = date_or_none(p.dates[s]);
  d["dates"] = dates;
  d["stage"] = to_string(p.current());
  return d;
}

using registry_ptr = std::shared_ptr<registry>;

load_options load_options_of(const std::optional<std::vector<std::string>>& task_forces) {
  load_options o;
  if (task_forces) o.task_forces = *task_forces;
  return o;
}

/// As the CLI's --as-of: the registry as it stood at the end of that day.
registry_ptr viewed(registry&& r, const std::optional<std::string>& as_of) {
  if (!as_of) return std::make_shared<registry>(std::move(r));
  return std::make_shared<registry>(registry_as_of(r, parse_date(*as_of, "as_of")));
}

/// A Fortran-ordered numpy array over a copy of row-major `values` (units x columns).
py::array fortran_matrix(const std::vector<double>& values, std::size_t rows, std::size_t cols) {
  py::array_t<double, py::array::f_style> a({static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(cols)});
  auto w = a.mutable_unchecked<2>();
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c)
      w(static_cast<py::ssize_t>(r), static_cast<py::ssize_t>(c)) = values[r * cols + c];
  return a;
}

/// The monthly check as a dict: targets and actuals, faces, what was missed and the weeks.
py::dict monthly_check_dict(const monthly_check& c) {
  py::list tfs;
  for (const auto& k : c.task_forces) {
    py::list weeks;
    for (const auto& w : k.weeks)
      weeks.append(py::dict(py::arg("on") = to_string(w.on), py::arg("elapsed_days") = w.elapsed_days,
                            py::arg("expected") = targets_dict(w.expected),
                            py::arg("actual") = targets_dict(w.actual), py::arg("on_track") = w.on_track));
    tfs.append(
        py::dict(py::arg("task_force") = k.task_force, py::arg("weight") = k.weight,
                 py::arg("target") = targets_dict(k.target), py::arg("actual") = targets_dict(k.actual),
                 py::arg("face") = to_string(k.verdict), py::arg("missed") = k.missed,
                 py::arg("score") = k.score ? py::object(py::float_(*k.score)) : py::object(py::none()),
                 py::arg("weeks") = weeks));
  }
  return py::dict(py::arg("month") = c.month.label(), py::arg("as_of") = to_string(c.as_of),
                  py::arg("complete") = c.complete, py::arg("zone_target") = targets_dict(c.zone_target),
                  py::arg("zone_actual") = targets_dict(c.zone_actual), py::arg("task_forces") = tfs);
}

/// ProjectRegistry: the projects, their stages and dates.
void export_project_registry(py::module_& m) {
  py::class_<registry, registry_ptr>(
      m, "ProjectRegistry",
      "The project registry (项目库): projects, stages and dates (docs/semantics.md §7).")
      .def_property_readonly("task_forces", &registry::task_forces)
      .def_property_readonly("as_of", [](const registry& r) { return to_string(r.as_of()); })
      .def_property_readonly(
          "ids",
          [](const registry& r) {
            std::vector<std::string> ids;
            for (const project* p : r.all()) ids.push_back(p->id);
            return ids;
          },
          "Project ids in file order.")
      .def(
          "project", [](const registry& r, const std::string& id) { return project_dict(r.at(id)); },
          py::arg("id"),
          "One project: fields (money as exact 万 decimal text), dates per stage (None: not reached), "
          "current stage.")
      .def("projects",
           [](const registry& r) {
             py::list out;
             for (const project* p : r.all()) out.append(project_dict(*p));
             return out;
           })
      .def(
          "in_stage",
          [](const registry& r, const std::string& task_force, const std::string& s) {
            std::vector<std::string> ids;
            for (const project* p : r.in_stage(task_force, parse_stage(s))) ids.push_back(p->id);
            return ids;
          },
          py::arg("task_force"), py::arg("stage"),
          "Ids of the task force's projects whose current stage is `stage`.")
      .def(
          "snapshot",
          [](const registry& r, const std::string& d) {
            return std::make_shared<registry>(r.snapshot(parse_date(d, "date")));
          },
          py::arg("date"), "The registry as it stood at the end of `date` (<= as_of).")
      .def(
          "as_of_view",
          [](const registry& r, const std::string& d) {
            return std::make_shared<registry>(registry_as_of(r, parse_date(d, "as_of")));
          },
          py::arg("date"),
          "As the CLI's --as-of: snapshot(date) before as_of, else the as-of date moved to `date`.")
      .def(
          "to_csv", [](const registry& r) { return write_projects_csv(r); },
          "A projects CSV that reads back to this registry.")
      .def("__len__", &registry::size)
      .def("__contains__", [](const registry& r, const std::string& id) { return r.find(id) != nullptr; });
}

/// Reading and validating projects CSV.
void export_project_reading(py::module_& m) {
  m.def(
      "_read_projects",
      [](const std::string& csv, const std::string& source, std::optional<std::string> as_of,
         std::optional<std::vector<std::string>> task_forces) {
        return viewed(read_projects(csv, source, load_options_of(task_forces)), as_of);
      },
      py::arg("csv"), py::arg("source"), py::arg("as_of"), py::arg("task_forces"));
  m.def(
      "read_projects_file",
      [](const std::string& path, std::optional<std::string> as_of,
         std::optional<std::vector<std::string>> task_forces) {
        return viewed(read_projects_file(path, load_options_of(task_forces)), as_of);
      },
      py::arg("path"), py::arg("as_of") = py::none(), py::arg("task_forces") = py::none(),
      "Reads a projects CSV file; as_of views the registry as it stood at the end of that day (the CLI's "
      "--as-of).");
  m.def(
      "validate_projects",
      [](const std::string& csv, const std::string& source) {
        return validate_projects(read_cells(csv, source));
      },
      py::arg("csv"), py::arg("source") = "<projects>",
      "Every problem of a projects CSV at once (empty when valid).");
  m.def("default_task_forces", &default_task_forces);
}

/// The month and period reports, as the CLI's JSON, and growth.
void export_project_reports(py::module_& m) {
  m.def(
      "projects_month",
      [](const registry& r, const std::string& month, std::optional<std::string> as_of) {
        const period p = period::parse(month, "month");
        return json_loads(projects_month_json(r, p, optional_date(as_of, "as_of"), -1));
      },
      py::arg("registry"), py::arg("month"), py::arg("as_of") = py::none(),
      "The month's report as `zoneperf projects month --format json` writes it: counts per task force and "
      "zone, "
      "growth (yoy, mom), the 三个十 check with faces.");
  m.def(
      "projects_period",
      [](const registry& r, const std::string& label, std::optional<std::string> as_of) {
        return json_loads(
            projects_period_json(r, period::parse(label, "period"), optional_date(as_of, "as_of"), -1));
      },
      py::arg("registry"), py::arg("period"), py::arg("as_of") = py::none(),
      "A period's report (year, half, quarter, month, ISO week) as `zoneperf projects year --format json`: "
      "counts, zone per-mu figures, yoy growth, funnel, scorecard leaves.");
  m.def(
      "growth",
      [](double current, double base) -> py::object {
        const auto g = growth(current, base);
        return g ? py::object(py::float_(*g)) : py::object(py::none());
      },
      py::arg("current"), py::arg("base"), "(current - base) / base; None when base is 0 (\"no base\").");
}

/// The monthly 三个十 check.
void export_monthly_check(py::module_& m) {
  m.def(
      "check_month",
      [](const registry& r, const std::string& month, py::handle zone,
         std::optional<std::map<std::string, std::int64_t>> weights,
         std::optional<std::map<std::string, py::object>> fixed, std::optional<double> smile_min_score,
         std::optional<std::map<std::string, double>> month_scores, std::optional<std::string> as_of) {
        check_options o;
        if (!zone.is_none()) o.zone = targets_of(zone);
        if (weights) o.weights = *weights;
        if (fixed)
          for (const auto& [k, v] : *fixed) o.fixed[k] = targets_of(v);
        o.smile_min_score = smile_min_score;
        if (month_scores) o.month_scores = *month_scores;
        o.as_of = optional_date(as_of, "as_of");
        return monthly_check_dict(check_month(r, period::parse(month, "month"), o));
      },
      py::arg("registry"), py::arg("month"), py::arg("zone") = py::none(), py::arg("weights") = py::none(),
      py::arg("fixed") = py::none(), py::arg("smile_min_score") = py::none(),
      py::arg("month_scores") = py::none(), py::arg("as_of") = py::none(),
      "The monthly 三个十 check (docs/semantics.md §7): targets split by key projects (or weights / fixed), "
      "actuals, "
      "faces (😊 / 😢 / \"\"), what was missed and the weekly progress.");
}

/// Faces over the year, long form: one entry per task force and checked month.
py::dict year_faces_columns(const year_of_faces& y) {
  std::vector<std::string> task_force, month, face_;
  std::vector<std::int64_t> intent, signed_, landed, intent_target, signed_target, landed_target;
  std::vector<bool> complete;
  for (std::size_t t = 0; t < y.task_forces.size(); ++t)
    for (const monthly_check& m : y.months) {
      const task_force_check& k = m.task_forces[t];
      task_force.push_back(k.task_force);
      month.push_back(m.month.label());
      intent.push_back(k.actual.intent);
      signed_.push_back(k.actual.signed_);
      landed.push_back(k.actual.landed);
      intent_target.push_back(k.target.intent);
      signed_target.push_back(k.target.signed_);
      landed_target.push_back(k.target.landed);
      face_.push_back(to_string(k.verdict));
      complete.push_back(m.complete);
    }
  py::dict d;
  d["task_force"] = task_force;
  d["month"] = month;
  d["intent"] = intent;
  d["signed"] = signed_;
  d["landed"] = landed;
  d["intent_target"] = intent_target;
  d["signed_target"] = signed_target;
  d["landed_target"] = landed_target;
  d["face"] = face_;
  d["complete"] = complete;
  return d;
}

void export_year_faces(py::module_& m) {
  m.def(
      "year_faces",
      [](const registry& r, int year, py::handle zone,
         std::optional<std::map<std::string, std::int64_t>> weights,
         std::optional<std::map<std::string, py::object>> fixed, std::optional<std::string> as_of) {
        year_check_options o;
        if (!zone.is_none()) o.zone = targets_of(zone);
        if (weights) o.weights = *weights;
        if (fixed)
          for (const auto& [k, v] : *fixed) o.fixed[k] = targets_of(v);
        o.as_of = optional_date(as_of, "as_of");
        return year_faces_columns(check_year(r, year, o));
      },
      py::arg("registry"), py::arg("year"), py::arg("zone") = py::none(), py::arg("weights") = py::none(),
      py::arg("fixed") = py::none(), py::arg("as_of") = py::none(),
      "Faces over the year (docs/semantics.md §9): the monthly 三个十 check of each month up to as_of, as "
      "columns for pandas.DataFrame (long form): task_force, month, intent, signed, landed, their *_target, "
      "face (😊 / 😢 / \"\") and complete (False for a month the as-of date cuts).");
}

/// Admission of candidates and the export to the scorecard's values.
void export_admission_and_values(py::module_& m) {
  m.def(
      "_admit",
      [](const std::string& csv, const std::string& source, py::handle tree, double min_investment_per_mu,
         double min_tax_per_mu, std::optional<double> pass_mark) {
        admission_options o;
        o.min_investment_per_mu = min_investment_per_mu;
        o.min_tax_per_mu = min_tax_per_mu;
        o.pass_mark = pass_mark;
        const auto candidates = read_candidates(read_cells(csv, source));
        const auto decisions =
            tree.is_none() ? admit(candidates, o) : admit(candidates, tree.cast<const indicator_tree&>(), o);
        return json_loads(admission_json(decisions, -1));
      },
      py::arg("csv"), py::arg("source"), py::arg("tree"), py::arg("min_investment_per_mu"),
      py::arg("min_tax_per_mu"), py::arg("pass_mark"));

  m.def(
      "_scorecard_values",
      [](const registry& r, const std::string& label, std::optional<std::string> other_csv,
         const std::string& other_source, py::handle tree, std::optional<std::string> as_of) {
        const indicator_tree t = tree.is_none() ? load_preset("task-force") : tree.cast<indicator_tree>();
        const leaf_table other =
            other_csv ? read_leaf_table(read_cells(*other_csv, other_source)) : leaf_table{};
        std::vector<std::string> columns;
        for (int c : t.columns()) columns.push_back(t.node(static_cast<std::size_t>(c)).id);
        count_options co;
        co.as_of = optional_date(as_of, "as_of");
        const leaf_table merged =
            merge_leaves(export_project_leaves(r, period::parse(label, "period"), co), other, columns);
        return py::make_tuple(merged.units,
                              fortran_matrix(merged.values, merged.units.size(), merged.columns.size()));
      },
      py::arg("registry"), py::arg("period"), py::arg("other_csv"), py::arg("other_source"), py::arg("tree"),
      py::arg("as_of"));
}

/// The supervision calendar, roll_up and fold_annual.
void export_calendar(py::module_& m) {
  m.def(
      "supervision_calendar",
      [](int year, const std::string& dispatch_day, const std::string& weekend) {
        static const std::map<std::string, boost::date_time::weekdays> days = {
            {"monday", boost::date_time::Monday},       {"tuesday", boost::date_time::Tuesday},
            {"wednesday", boost::date_time::Wednesday}, {"thursday", boost::date_time::Thursday},
            {"friday", boost::date_time::Friday},       {"saturday", boost::date_time::Saturday},
            {"sunday", boost::date_time::Sunday}};
        calendar_options o;
        const auto d = days.find(dispatch_day);
        if (d == days.end()) throw py::value_error("dispatch_day must be a weekday name such as 'monday'");
        o.dispatch_day = d->second;
        if (weekend == "previous-friday" || weekend == "previous_friday")
          o.reports = weekend_rule::previous_friday;
        else if (weekend != "keep")
          throw py::value_error("weekend must be 'keep' or 'previous-friday'");
        py::list out;
        for (const auto& e : supervision_calendar(year, o))
          out.append(py::dict(py::arg("date") = to_string(e.on), py::arg("kind") = to_string(e.kind),
                              py::arg("name") = display_name(e.kind), py::arg("covers") = e.covers.label()));
        return out;
      },
      py::arg("year"), py::arg("dispatch_day") = "monday", py::arg("weekend") = "keep",
      "Every supervision event of a year (周调度, 月汇报, 季度分析, 半年小结, 年终总结): date, kind, name, "
      "covers.");

  m.def(
      "roll_up",
      [](const std::map<std::string, double>& series, const std::string& to) {
        static const std::map<std::string, period_kind> kinds = {{"week", period_kind::week},
                                                                 {"month", period_kind::month},
                                                                 {"quarter", period_kind::quarter},
                                                                 {"half_year", period_kind::half_year},
                                                                 {"year", period_kind::year}};
        const auto k = kinds.find(to);
        if (k == kinds.end()) throw py::value_error("to must be week, month, quarter, half_year or year");
        std::vector<period_value> in;
        for (const auto& [label, v] : series) in.push_back({period::parse(label), v});
        std::sort(in.begin(), in.end(),
                  [](const period_value& a, const period_value& b) { return a.p < b.p; });
        py::dict out;
        for (const auto& pv : roll_up(in, k->second)) out[py::str(pv.p.label())] = pv.value;
        return out;
      },
      py::arg("series"), py::arg("to"), "Sums {period label: value} into coarser periods, in order.");

  m.def(
      "_fold_annual",
      [](py::handle quarters, py::handle year_end, double share, const std::string& unit) {
        fold_options o;
        o.quarter_share = share;
        if (py::isinstance<py::dict>(quarters)) {
          std::vector<period_value> q;
          for (const auto& [k, v] : quarters.cast<py::dict>())
            q.push_back({period::parse(k.cast<std::string>(), "quarters"), v.cast<double>()});
          const auto ye = year_end.cast<std::pair<std::string, double>>();
          return fold_annual(q, {period::parse(ye.first, "year_end"), ye.second}, o, unit);
        }
        const auto list = quarters.cast<std::vector<std::optional<double>>>();
        if (list.size() != 4) throw py::value_error("quarters: four values Q1..Q4 (None for a missing one)");
        return fold_annual(std::array<std::optional<double>, 4>{list[0], list[1], list[2], list[3]},
                           year_end.cast<double>(), o, unit);
      },
      py::arg("quarters"), py::arg("year_end"), py::arg("quarter_share"), py::arg("unit"));
}

}  // namespace

void export_projects(py::module_& m) {
  export_project_registry(m);
  export_project_reading(m);
  export_project_reports(m);
  export_monthly_check(m);
  export_year_faces(m);
  export_admission_and_values(m);
  export_calendar(m);
}

}  // namespace zoneperf::python
