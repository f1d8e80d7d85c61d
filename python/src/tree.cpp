// Indicator trees and presets: zoneperf.Tree, validate_tree, preset_names/preset_json/load_preset.
#include <cmath>

#include "common.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"

namespace zoneperf::python {
namespace {

py::dict rule_dict(const rule& r) {
  py::dict d;
  d["kind"] = to_string(r.kind);
  switch (r.kind) {
    case rule_kind::completion:
    case rule_kind::benchmark:
      d["cap"] = r.cap ? py::object(py::float_(*r.cap)) : py::object(py::none());
      break;
    case rule_kind::banded: {
      py::list bands;
      for (const auto& b : r.bands)
        bands.append(py::dict(py::arg("min") = b.min, py::arg("value") = b.value));
      d["bands"] = bands;
      d["interpolate"] = r.interpolate;
      break;
    }
    case rule_kind::threshold:
      break;
    case rule_kind::goalposts:
      d["lo"] = r.lo;
      d["hi"] = r.hi;
      break;
    case rule_kind::minmax:
      d["floor"] = r.floor;
      break;
    case rule_kind::rank:
      d["mode"] = r.mode == rank_mode::leader ? "leader" : "step";
      d["step"] = r.step;
      break;
    case rule_kind::lookup: {
      py::dict table;
      for (const auto& e : r.table) table[py::str(e.code)] = e.value;
      d["table"] = table;
      d["veto"] = r.veto_codes;
      break;
    }
  }
  return d;
}

/// A compiled node as a dict (the fields of its kind only).
py::dict node_dict(const indicator_tree& t, std::size_t i) {
  const node& n = t.node(i);
  py::dict d;
  d["index"] = i;
  d["id"] = n.id;
  d["name"] = n.name;
  d["kind"] = to_string(n.kind);
  d["pointer"] = n.pointer;
  d["description"] = n.description;
  d["depth"] = n.depth;
  d["parent"] = n.parent >= 0 ? py::object(py::str(t.node(static_cast<std::size_t>(n.parent)).id))
                              : py::object(py::none());
  py::list children;
  for (int c : n.children) children.append(t.node(static_cast<std::size_t>(c)).id);
  d["children"] = children;
  d["column"] = n.column >= 0 ? py::object(py::int_(n.column)) : py::object(py::none());
  switch (n.kind) {
    case node_kind::root:
    case node_kind::group:
      d["points"] = n.points;
      if (n.kind == node_kind::group) {
        d["aggregate"] = n.aggregate == aggregation::geometric ? "geometric" : "sum";
        d["floor"] = n.geometric_floor;
      }
      break;
    case node_kind::leaf:
      d["points"] = n.points;
      d["direction"] = to_string(n.dir);
      d["unit"] = n.unit.empty() ? py::object(py::none()) : py::object(py::str(n.unit));
      d["rule"] = rule_dict(n.rule);
      d["target"] = n.target ? py::object(py::float_(*n.target)) : py::object(py::none());
      d["missing"] = to_string(n.missing);
      break;
    case node_kind::bonus:
    case node_kind::penalty:
      d["per_unit"] = n.per_unit;
      d["max"] = n.max;
      d["missing"] = to_string(n.missing);
      break;
    case node_kind::veto:
      d["missing"] = to_string(n.missing);
      break;
  }
  if (n.kind != node_kind::root && n.kind != node_kind::group) d["additive"] = to_string(n.additive);
  return d;
}

std::size_t node_index(const indicator_tree& t, py::handle key) {
  if (py::isinstance<py::str>(key)) return t.index_of(key.cast<std::string>());
  const auto i = key.cast<py::ssize_t>();
  if (i < 0 || static_cast<std::size_t>(i) >= t.size()) throw py::index_error("node index out of range");
  return static_cast<std::size_t>(i);
}

std::string dumps(py::handle obj) {
  return py::module_::import("json").attr("dumps")(obj, py::arg("ensure_ascii") = false).cast<std::string>();
}

std::string json_text(py::handle obj) {
  if (py::isinstance<py::str>(obj) || py::isinstance<py::bytes>(obj)) return obj.cast<std::string>();
  return dumps(obj);
}

}  // namespace

void export_tree(py::module_& m) {
  py::class_<indicator_tree>(m, "Tree",
                             "An indicator tree (scorecard). Immutable; build one with Tree.from_json, "
                             "Tree.from_dict, Tree.from_file or load_preset.")
      .def_static("from_json", &indicator_tree::from_json, py::arg("json"), py::arg("source") = "<tree>",
                  "Parses and validates a tree file's text; raises zoneperf.Error listing every problem.")
      .def_static(
          "from_dict",
          [](py::handle d, const std::string& source) { return indicator_tree::from_json(dumps(d), source); },
          py::arg("tree"), py::arg("source") = "<tree>", "Builds a tree from a dict in the tree-file shape.")
      .def_static("from_file", &indicator_tree::from_file, py::arg("path"))
      .def("to_json", &indicator_tree::to_json, py::arg("indent") = 2)
      .def("to_dict",
           [](const indicator_tree& t) { return py::module_::import("json").attr("loads")(t.to_json(-1)); })
      .def(
          "save",
          [](const indicator_tree& t, const std::string& path, int indent) {
            const std::string text = t.to_json(indent);  // indent checked before the file is touched
            output_file f(path);                         // the old file stays until the new one is complete
            f.write(text);
            f.commit();
          },
          py::arg("path"), py::arg("indent") = 2,
          "Writes the tree file (JSON, UTF-8): to a temporary beside it, renamed over it when complete.")
      .def_property_readonly("id", &indicator_tree::id)
      .def_property_readonly("name", &indicator_tree::name)
      .def_property_readonly("points", &indicator_tree::points)
      .def_property_readonly("description", &indicator_tree::description)
      .def_property_readonly(
          "columns",
          [](const indicator_tree& t) {
            std::vector<std::string> ids;
            for (int c : t.columns()) ids.push_back(t.node(static_cast<std::size_t>(c)).id);
            return ids;
          },
          "The values matrix's column ids: every leaf, bonus, penalty and veto item in file order.")
      .def_property_readonly("groups",
                             [](const indicator_tree& t) {
                               std::vector<std::string> ids;
                               for (int c : t.groups()) ids.push_back(t.node(static_cast<std::size_t>(c)).id);
                               return ids;
                             })
      .def_property_readonly(
          "target_leaves",
          [](const indicator_tree& t) {
            std::vector<std::string> ids;
            for (int c : t.columns()) {
              const node& n = t.node(static_cast<std::size_t>(c));
              if (n.kind == node_kind::leaf && uses_target(n.rule.kind)) ids.push_back(n.id);
            }
            return ids;
          },
          "The leaves whose rule takes a target (the columns a targets table may have).")
      .def_property_readonly("grades",
                             [](const indicator_tree& t) {
                               py::list out;
                               for (const auto& g : t.grades())
                                 out.append(py::dict(py::arg("min") = g.min, py::arg("label") = g.label));
                               return out;
                             })
      .def_property_readonly(
          "nodes",
          [](const indicator_tree& t) {
            py::list out;
            for (std::size_t i = 0; i < t.size(); ++i) out.append(node_dict(t, i));
            return out;
          },
          "Every node as a dict, root first, in file (pre-)order.")
      .def(
          "node", [](const indicator_tree& t, py::handle key) { return node_dict(t, node_index(t, key)); },
          py::arg("id_or_index"))
      .def(
          "match_columns",
          [](const indicator_tree& t, const std::vector<std::string>& headers, const std::string& source) {
            return match_columns(t, headers, source);
          },
          py::arg("headers"), py::arg("source") = "<columns>",
          "The leaf and item ids that table headers name: an id, a display name (full-width forms folded),\n"
          "or a name without its trailing bracket; a bracket only when it is the leaf's unit. Raises\n"
          "DataError 304, 307, 320 or 321.")
      .def("index_of", &indicator_tree::index_of, py::arg("id"))
      .def("find", &indicator_tree::find, py::arg("id"))
      .def("code_value", &indicator_tree::code_value, py::arg("leaf_id"), py::arg("code"),
           "The values-matrix cell for a lookup leaf's code (raises DataError 312 for an unknown code).")
      .def("__len__", &indicator_tree::size)
      .def("__contains__",
           [](const indicator_tree& t, const std::string& id) { return t.find(id).has_value(); })
      .def("__repr__",
           [](const indicator_tree& t) {
             return "<zoneperf.Tree '" + t.id() + "' (" + t.name() + "): " + std::to_string(t.size()) +
                    " nodes, " + std::to_string(t.columns().size()) + " columns>";
           })
      .def(py::pickle([](const indicator_tree& t) { return t.to_json(-1); },
                      [](const std::string& s) { return indicator_tree::from_json(s); }));

  m.def(
      "validate_tree",
      [](py::handle tree, const std::string& source) { return validate_tree_json(json_text(tree), source); },
      py::arg("tree"), py::arg("source") = "<tree>",
      "Every problem of a tree (JSON text or dict) at once; an empty list when it is valid.");
  m.def("preset_names", &preset_names);
  m.def(
      "preset_json", [](const std::string& name) { return std::string(preset_json(name)); }, py::arg("name"));
  m.def(
      "load_preset", [](const std::string& name) { return load_preset(name); }, py::arg("name"));
  m.def(
      "sample_file", [](const std::string& path) { return std::string(sample_file(path)); }, py::arg("path"),
      "A sample data file compiled into the library, e.g. 'task-force/values.csv'.");
}

}  // namespace zoneperf::python
