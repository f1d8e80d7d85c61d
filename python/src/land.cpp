// 亩均效益 from Python: evaluate_land (records CSV in; scores, ranks, classes and metrics out as
// numpy arrays, the report as JSON/dict), classify, and the metric names.
#include <cmath>
#include <map>

#include "common.hpp"
#include "zoneperf/land/classes.hpp"
#include "zoneperf/land/evaluation.hpp"
#include "zoneperf/land/metrics.hpp"
#include "zoneperf/land/migration.hpp"
#include "zoneperf/land/records.hpp"
#include "zoneperf/land/report.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"
#include "zoneperf/text/workbook.hpp"

namespace zoneperf::python {
namespace {

struct land_run {
  indicator_tree tree;
  land_config config;
  std::vector<land_record> records;
  land_evaluation ev;
};

std::string text_of(py::handle obj) {
  if (py::isinstance<py::str>(obj) || py::isinstance<py::bytes>(obj)) return obj.cast<std::string>();
  return py::module_::import("json").attr("dumps")(obj, py::arg("ensure_ascii") = false).cast<std::string>();
}

}  // namespace

void export_land(py::module_& m) {
  py::class_<land_run, std::shared_ptr<land_run>>(
      m, "LandEvaluation", "A 亩均效益 evaluation: per record (input order) metrics, score, rank and class.")
      .def_property_readonly("ids",
                             [](const land_run& r) {
                               std::vector<std::string> ids;
                               for (const auto& rec : r.records) ids.push_back(rec.id);
                               return ids;
                             })
      .def_property_readonly(
          "scores",
          [](const land_run& r) {
            py::array_t<double> a(static_cast<py::ssize_t>(r.records.size()));
            auto w = a.mutable_unchecked<1>();
            for (std::size_t i = 0; i < r.records.size(); ++i) w(static_cast<py::ssize_t>(i)) = r.ev.score(i);
            return a;
          },
          "Total score per record, NaN for exempt records.")
      .def_property_readonly(
          "ranks",
          [](py::object self) {
            const auto& r = self.cast<const land_run&>();
            return readonly_view(py::dtype::of<std::int32_t>(), {static_cast<py::ssize_t>(r.ev.rank.size())},
                                 {sizeof(std::int32_t)}, r.ev.rank.data(), self);
          },
          "Competition rank among the rated records, 0 for exempt ones.")
      .def_property_readonly("classes",
                             [](const land_run& r) {
                               std::vector<std::string> out;
                               for (auto c : r.ev.classes.class_of)
                                 out.push_back(class_label(r.config.classes, c));
                               return out;
                             })
      .def_property_readonly("metric_names",
                             [](const land_run&) {
                               std::vector<std::string> n;
                               for (std::size_t k = 0; k < land_metric_count; ++k)
                                 n.push_back(to_string(static_cast<land_metric>(k)));
                               return n;
                             })
      .def_property_readonly(
          "metrics",
          [](py::object self) {
            const auto& r = self.cast<const land_run&>();
            // land_metrics is a std::array of doubles: view the vector as records x metrics.
            static_assert(sizeof(land_metrics) == land_metric_count * sizeof(double), "packed metrics");
            return readonly_view(
                py::dtype::of<double>(),
                {static_cast<py::ssize_t>(r.ev.metrics.size()), static_cast<py::ssize_t>(land_metric_count)},
                {sizeof(land_metrics), sizeof(double)},
                r.ev.metrics.empty() ? nullptr : r.ev.metrics.front().values.data(), self);
          },
          "records x metric_names (NaN: not available), a view of the C++ result.")
      .def_property_readonly(
          "zone",
          [](const land_run& r) {
            py::dict d;
            for (std::size_t k = 0; k < land_metric_count; ++k)
              d[to_string(static_cast<land_metric>(k))] = number_or_none(r.ev.zone.values[k]);
            return d;
          },
          "The zone's metrics: ratios of sums over every record.")
      .def(
          "to_json",
          [](const land_run& r, int indent) {
            return land_report_json(r.tree, r.config, r.records, r.ev, indent);
          },
          py::arg("indent") = 2, "The JSON report, as `zoneperf land --format json` writes it.")
      .def("to_csv", [](const land_run& r) { return land_report_csv(r.tree, r.config, r.records, r.ev); })
      .def("__len__", [](const land_run& r) { return r.records.size(); });

  m.def(
      "_evaluate_land",
      [](const std::string& enterprises_csv, const std::string& source, const std::string& preset,
         py::handle tree, py::handle config, const std::map<std::string, double>& prior, int threads) {
        auto run = std::make_shared<land_run>(
            land_run{tree.is_none() ? load_preset(preset) : tree.cast<indicator_tree>(),
                     config.is_none() ? load_land_config(preset)
                                      : land_config_from_json(text_of(config), "<land config>"),
                     {},
                     {}});
        land_csv_options copt;
        for (int c : run->tree.columns()) {
          const node& n = run->tree.node(static_cast<std::size_t>(c));
          if (n.kind != node_kind::leaf) copt.item_columns.push_back(n.id);
        }
        run->records = read_land_records(read_cells(enterprises_csv, source), copt);
        land_options opt;
        opt.threads = threads;
        for (const auto& [leaf, v] : prior) opt.prior_averages.emplace_back(leaf, v);
        {
          py::gil_scoped_release nogil;
          evaluate_land(run->tree, run->config, run->records, run->ev, opt);
        }
        return run;
      },
      py::arg("enterprises_csv"), py::arg("source"), py::arg("preset"), py::arg("tree"), py::arg("config"),
      py::arg("prior"), py::arg("threads"));

  m.def(
      "_migrate_classes",
      [](py::handle previous, const land_run& current) {
        class_migration out;
        if (py::isinstance<land_run>(previous)) {
          const auto& p = previous.cast<const land_run&>();
          out = migrate_classes(p.config.classes, p.records, p.ev, current.config.classes, current.records,
                                current.ev);
        } else if (py::isinstance<py::tuple>(previous)) {  // (CSV text or workbook bytes, source)
          const auto t = previous.cast<std::pair<std::string, std::string>>();
          out = migrate_classes(read_published_classes(read_cells(t.first, t.second), current.config.classes),
                                current.config.classes, current.records, current.ev);
        } else {  // {id: label}
          std::vector<published_class> published;
          for (const auto& [id, label] : previous.cast<py::dict>())
            published.push_back({id.cast<std::string>(), "", label.cast<std::string>(), ""});
          out = migrate_classes(published, current.config.classes, current.records, current.ev);
        }
        return py::module_::import("json").attr("loads")(migration_json(out, -1));
      },
      py::arg("previous"), py::arg("current"));

  m.def(
      "classify",
      [](const std::vector<double>& scores, const std::vector<std::uint8_t>& exempt, py::handle scheme) {
        const class_scheme s =
            scheme.is_none() ? default_class_scheme() : class_scheme_from_json(text_of(scheme));
        const land_classes c = classify(s, scores, exempt);
        std::vector<std::string> out;
        for (auto k : c.class_of) out.push_back(class_label(s, k));
        return out;
      },
      py::arg("scores"), py::arg("exempt") = std::vector<std::uint8_t>{}, py::arg("scheme") = py::none(),
      "A/B/C/D classes by rank (docs/semantics.md §5), or by a scheme given as JSON text or dict; exempt "
      "entities "
      "get T.");

  m.def(
      "land_metrics",
      [] {
        py::list out;
        for (std::size_t k = 0; k < land_metric_count; ++k) {
          const auto mk = static_cast<land_metric>(k);
          out.append(py::dict(py::arg("id") = to_string(mk), py::arg("name") = display_name(mk),
                              py::arg("unit") = unit_name(mk)));
        }
        return out;
      },
      "Every per-mu and efficiency metric: id, display name, unit.");
}

}  // namespace zoneperf::python
