// Differentiated pay from Python: PayPolicy, allocate_pay. Money stays exact: the results are
// the module's JSON (yuan as decimal strings) and CSV reports, never doubles.
#include "common.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/pay/allocate.hpp"
#include "zoneperf/pay/inputs.hpp"
#include "zoneperf/pay/policy.hpp"
#include "zoneperf/pay/report.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"
#include "zoneperf/text/workbook.hpp"

namespace zoneperf::python {
namespace {

struct pay_run {
  std::vector<staff_member> staff;
  pay_policy policy;
  pay_result result;
};

std::string text_of(py::handle obj) {
  if (py::isinstance<py::str>(obj) || py::isinstance<py::bytes>(obj)) return obj.cast<std::string>();
  return py::module_::import("json").attr("dumps")(obj, py::arg("ensure_ascii") = false).cast<std::string>();
}

}  // namespace

void export_pay(py::module_& m) {
  py::class_<pay_policy>(m, "PayPolicy", "A differentiated-pay policy (docs/semantics.md §6).")
      .def_static("standard", &pay_policy::standard)
      .def_static("from_json", &pay_policy::from_json, py::arg("json"), py::arg("source") = "<policy>")
      .def_static(
          "from_dict",
          [](py::handle d, const std::string& source) { return pay_policy::from_json(text_of(d), source); },
          py::arg("policy"), py::arg("source") = "<policy>")
      .def_static("from_file", &pay_policy::from_file, py::arg("path"))
      .def("to_json", &pay_policy::to_json, py::arg("indent") = 2)
      .def("to_dict",
           [](const pay_policy& p) { return py::module_::import("json").attr("loads")(p.to_json(-1)); })
      .def_readonly("name", &pay_policy::name);
  m.def(
      "validate_pay_policy",
      [](py::handle policy, const std::string& source) {
        return validate_pay_policy_json(text_of(policy), source);
      },
      py::arg("policy"), py::arg("source") = "<policy>");

  py::class_<pay_run, std::shared_ptr<pay_run>>(m, "PayRun", "The pay of every person, task force and award.")
      .def(
          "to_json",
          [](const pay_run& r, int indent) { return pay_json(r.result, r.staff, r.policy, indent); },
          py::arg("indent") = 2,
          "The JSON report, as `zoneperf pay --format json` writes it (money in yuan strings).")
      .def(
          "people_csv",
          [](const pay_run& r, bool for_people) {
            return pay_people_csv(r.result, r.staff, for_people ? csv_for::people : csv_for::reading_back);
          },
          py::arg("for_people") = true,
          "The people table as CSV text (no BOM). for_people: a text a spreadsheet would run as a formula "
          "(=, +, -, @, tab, CR first) gets a leading ' (numbers excepted); False keeps every cell as it is.")
      .def("task_forces_csv", [](const pay_run& r) { return pay_task_forces_csv(r.result); })
      .def("awards_csv", [](const pay_run& r) { return pay_awards_csv(r.result, r.staff); })
      .def_property_readonly("pool", [](const pay_run& r) { return zoneperf::to_string(r.result.pool); })
      .def_property_readonly("total_paid",
                             [](const pay_run& r) { return zoneperf::to_string(r.result.total_paid); })
      .def("__len__", [](const pay_run& r) { return r.result.people.size(); });

  m.def(
      "_allocate_pay",
      [](const std::string& staff_csv, const std::string& scorecard_json, const pay_policy& policy,
         std::optional<std::string> events_csv, const indicator_tree* tree, const std::string& staff_source,
         const std::string& events_source) {
        auto run = std::make_shared<pay_run>();
        run->staff = read_staff(read_cells(staff_csv, staff_source));
        run->policy = policy;
        const scorecard card = read_scorecard(scorecard_json, "<scorecard>", tree);
        std::vector<award_event> events;
        if (events_csv) events = read_events(read_cells(*events_csv, events_source));
        run->result = allocate_pay(run->staff, card, run->policy, events);
        return run;
      },
      py::arg("staff_csv"), py::arg("scorecard_json"), py::arg("policy"), py::arg("events_csv") = py::none(),
      py::arg("tree") = nullptr, py::arg("staff_source") = "<staff>", py::arg("events_source") = "<events>");
}

}  // namespace zoneperf::python
