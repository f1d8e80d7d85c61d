// The assessment engine from Python: zoneperf.assess on numpy arrays (viewed, not copied), the
// Assessment result whose arrays view the C++ result's storage, and explain() as dicts.
#include <cmath>
#include <cstdint>
#include <limits>

#include "common.hpp"

namespace zoneperf::python {

py::object number_or_none(double v) {
  return std::isfinite(v) ? py::object(py::float_(v)) : py::object(py::none());
}

py::array readonly_view(py::dtype dt, std::vector<py::ssize_t> shape, std::vector<py::ssize_t> strides,
                        const void* data, py::handle owner) {
  py::array a(std::move(dt), std::move(shape), std::move(strides), data, owner);
  a.attr("setflags")(py::arg("write") = false);
  return a;
}

viewed_matrix view_matrix(py::handle obj, const char* what) {
  viewed_matrix out;
  constexpr auto f64 = static_cast<py::ssize_t>(sizeof(double));
  // pybind11's ensure() clears numpy's error when it fails: each failure raises its own TypeError.
  const auto not_numbers = [&](const std::string& kind) {
    return py::type_error(std::string(what) +
                          " must be an array of real numbers (float64 or convertible to "
                          "it), not " +
                          kind);
  };
  py::array a = py::array::ensure(obj);  // an ndarray is taken as it is (no copy)
  if (!a) throw not_numbers(std::string(py::str(py::type::of(obj).attr("__name__"))));
  if (a.dtype().kind() == 'c')
    throw not_numbers("complex numbers (dtype " + std::string(py::str(a.dtype())) + ")");
  if (a.ndim() != 2)
    throw py::value_error(std::string(what) + " must be a 2-D array (units x columns), got " +
                          std::to_string(a.ndim()) + "-D");
  const py::ssize_t rows = a.shape(0), cols = a.shape(1), s0 = a.strides(0), s1 = a.strides(1);
  const bool usable = a.dtype().is(py::dtype::of<double>()) &&
                      reinterpret_cast<std::uintptr_t>(a.data()) % alignof(double) == 0;
  // The outer stride must step over a whole inner line (no broadcast zero or negative strides).
  const auto outer_ok = [&](py::ssize_t n_outer, py::ssize_t s, py::ssize_t inner) {
    return n_outer <= 1 || (s > 0 && s % f64 == 0 && s / f64 >= inner);
  };
  const auto dense = [](py::ssize_t inner) { return inner > 0 ? inner : 1; };
  if (usable && (s1 == f64 || cols <= 1) && outer_ok(rows, s0, cols)) {
    out.view = matrix_view(static_cast<const double*>(a.data()), rows, cols, storage_order::row_major,
                           rows <= 1 ? dense(cols) : s0 / f64);
  } else if (usable && (s0 == f64 || rows <= 1) && outer_ok(cols, s1, rows)) {
    out.view = matrix_view(static_cast<const double*>(a.data()), rows, cols, storage_order::column_major,
                           cols <= 1 ? dense(rows) : s1 / f64);
  } else {
    // Another dtype, or neither rows nor columns contiguous: one conversion to a Fortran array.
    const std::string dtype = py::str(a.dtype());
    a = py::array_t<double, py::array::f_style | py::array::forcecast>::ensure(a);
    if (!a) throw not_numbers("dtype " + dtype + " holding values that are not numbers");
    out.view = matrix_view(static_cast<const double*>(a.data()), rows, cols, storage_order::column_major,
                           dense(rows));
    out.copied = true;
  }
  out.array = std::move(a);
  return out;
}

std::string result_holder::unit_name(std::ptrdiff_t u) const {
  return units.empty() ? "#" + std::to_string(u + 1) : units[static_cast<std::size_t>(u)];
}

void prepare(prepared& p, py::handle values, py::handle target_values,
             const std::optional<std::vector<std::string>>& target_ids,
             const std::optional<std::vector<std::string>>& units, int threads) {
  p.values = view_matrix(values, "values");
  if (!target_values.is_none()) {
    if (!target_ids) throw py::value_error("targets need target_ids (the leaf id of each targets column)");
    p.target_values = view_matrix(target_values, "targets");
    p.targets.leaf_ids = *target_ids;
    p.targets.values = p.target_values->view;
  } else if (target_ids && !target_ids->empty()) {
    throw py::value_error("target_ids given without targets");
  }
  if (units) p.units = *units;
  p.options.threads = threads;
  p.options.unit_ids = p.units.empty() ? nullptr : &p.units;
}

std::vector<std::string> prepared::names() const {
  if (!units.empty()) return units;
  std::vector<std::string> out;
  for (std::ptrdiff_t u = 0; u < values.view.rows; ++u) out.push_back("#" + std::to_string(u + 1));
  return out;
}

namespace {

node_scores parse_keep(const std::string& keep) {
  if (keep == "all") return node_scores::all;
  if (keep == "groups") return node_scores::groups;
  throw py::value_error("keep must be 'all' or 'groups', got '" + keep + "'");
}

py::dict explanation_dict(const indicator_tree& tree, const leaf_explanation& e) {
  py::dict d;
  d["id"] = e.id;
  d["name"] = tree.node(static_cast<std::size_t>(e.node)).name;
  d["actual"] = number_or_none(e.actual);
  d["target"] = number_or_none(e.target);
  switch (e.source) {
    case leaf_explanation::target_source::unit:
      d["target_source"] = "unit";
      break;
    case leaf_explanation::target_source::default_value:
      d["target_source"] = "default";
      break;
    default:
      d["target_source"] = py::none();
  }
  d["ratio"] = number_or_none(e.ratio);
  d["rule"] = e.kind == node_kind::leaf ? to_string(e.rule) : to_string(e.kind);
  d["fraction"] = number_or_none(e.fraction);
  d["capped"] = e.capped;
  d["points"] = number_or_none(e.points);
  d["max"] = number_or_none(e.max);
  d["vetoes"] = e.vetoes;
  d["missing"] = e.missing;
  return d;
}

std::size_t node_of(const result_holder& h, py::handle key) {
  if (py::isinstance<py::str>(key)) return h.tree.index_of(key.cast<std::string>());
  const auto i = key.cast<py::ssize_t>();
  if (i < 0 || static_cast<std::size_t>(i) >= h.tree.size()) throw py::index_error("node index out of range");
  return static_cast<std::size_t>(i);
}

std::ptrdiff_t unit_of(const result_holder& h, py::handle key) {
  if (py::isinstance<py::str>(key)) {
    const auto id = key.cast<std::string>();
    for (std::size_t u = 0; u < h.units.size(); ++u)
      if (h.units[u] == id) return static_cast<std::ptrdiff_t>(u);
    throw error(errc::unknown_unit, id, "no unit \"" + id + "\" in this assessment");
  }
  auto u = key.cast<py::ssize_t>();
  if (u < 0) u += h.result.units();
  if (u < 0 || u >= h.result.units()) throw py::index_error("unit index out of range");
  return u;
}

}  // namespace

void export_assess(py::module_& m) {
  py::class_<result_holder, std::shared_ptr<result_holder>>(
      m, "Assessment",
      "The results of one assessment. Its arrays (totals, ranks, grades, vetoed, scores) are read-only "
      "views of the C++ result: no copy is made, and they keep the Assessment alive.")
      .def_property_readonly("tree", [](const result_holder& h) { return h.tree; })
      .def_property_readonly(
          "units",
          [](const result_holder& h) {
            std::vector<std::string> u;
            for (std::ptrdiff_t i = 0; i < h.result.units(); ++i) u.push_back(h.unit_name(i));
            return u;
          },
          "Unit ids as given, else '#1', '#2', ...")
      .def("__len__", [](const result_holder& h) { return h.result.units(); })
      .def_property_readonly("totals",
                             [](py::object self) {
                               const auto& r = self.cast<const result_holder&>().result;
                               return readonly_view(py::dtype::of<double>(), {r.units()}, {sizeof(double)},
                                                    r.totals().data(), self);
                             })
      .def_property_readonly(
          "ranks",
          [](py::object self) -> py::object {
            const auto& r = self.cast<const result_holder&>().result;
            if (r.ranks().empty()) return py::none();
            return readonly_view(py::dtype::of<std::int32_t>(), {r.units()}, {sizeof(std::int32_t)},
                                 r.ranks().data(), self);
          },
          "Competition ranks (1, 2, 2, 4) as int32, or None when ranks were off.")
      .def_property_readonly(
          "grades",
          [](py::object self) {
            const auto& r = self.cast<const result_holder&>().result;
            return readonly_view(py::dtype::of<std::int32_t>(), {r.units()}, {sizeof(std::int32_t)},
                                 r.grades().data(), self);
          },
          "Index into tree.grades per unit (int32), -1 for none.")
      .def_property_readonly(
          "grade_labels",
          [](const result_holder& h) {
            py::list out;
            for (std::ptrdiff_t u = 0; u < h.result.units(); ++u) {
              const int g = h.result.grade(u);
              out.append(g >= 0 ? py::object(py::str(h.tree.grades()[static_cast<std::size_t>(g)].label))
                                : py::object(py::none()));
            }
            return out;
          })
      .def_property_readonly(
          "vetoed",
          [](py::object self) {
            const auto& r = self.cast<const result_holder&>().result;
            static_assert(sizeof(bool) == sizeof(std::uint8_t), "bool view of uint8 flags");
            return readonly_view(py::dtype("bool"), {r.units()}, {1}, r.veto_flags().data(), self);
          })
      .def_property_readonly(
          "scores",
          [](py::object self) {
            const auto& r = self.cast<const result_holder&>().result;
            const auto& s = r.scores();
            return readonly_view(py::dtype::of<double>(), {s.rows(), s.cols()},
                                 {sizeof(double), static_cast<py::ssize_t>(sizeof(double)) * s.rows()},
                                 s.data(), self);
          },
          "units x kept nodes (Fortran order); score_columns names the columns.")
      .def_property_readonly("score_columns",
                             [](const result_holder& h) {
                               std::vector<std::string> ids;
                               for (int i : h.result.kept_nodes())
                                 ids.push_back(h.tree.node(static_cast<std::size_t>(i)).id);
                               return ids;
                             })
      .def(
          "score",
          [](const result_holder& h, py::handle unit, py::handle node) {
            return h.result.score(unit_of(h, unit), node_of(h, node));
          },
          py::arg("unit"), py::arg("node"), "A node's score for a unit (unit and node by index or id).")
      .def(
          "max",
          [](const result_holder& h, py::handle unit, py::handle node) {
            return h.result.max(unit_of(h, unit), node_of(h, node));
          },
          py::arg("unit"), py::arg("node"))
      .def(
          "rate",
          [](const result_holder& h, py::handle unit, py::handle node) {
            return h.result.rate(unit_of(h, unit), node_of(h, node));
          },
          py::arg("unit"), py::arg("node"))
      .def(
          "all_missing",
          [](const result_holder& h, py::handle unit, py::handle node) {
            return h.result.all_missing(unit_of(h, unit), node_of(h, node));
          },
          py::arg("unit"), py::arg("node"))
      .def("__repr__", [](const result_holder& h) {
        return "<zoneperf.Assessment of " + std::to_string(h.result.units()) + " units on '" + h.tree.id() +
               "'>";
      });

  m.def(
      "_assess",
      [](const indicator_tree& tree, py::handle values, py::handle target_values,
         std::optional<std::vector<std::string>> target_ids, std::optional<std::vector<std::string>> units,
         int threads, const std::string& keep, bool ranks, std::shared_ptr<result_holder> out,
         py::object progress) {
        prepared p;
        prepare(p, values, target_values, target_ids, units, threads);
        p.options.keep = parse_keep(keep);
        p.options.ranks = ranks ? ranking::on : ranking::off;
        p.options.progress = progress_of(progress);
        // Marks out= as written to until the engine is done (the flag is cleared with the GIL held,
        // after the GIL-free block below, on success and on error alike).
        struct in_use_mark {
          result_holder* h = nullptr;
          ~in_use_mark() {
            if (h) h->in_use = false;
          }
        } mark;
        if (out) {
          if (out->in_use)
            throw py::value_error(
                "out= is being written by another assess call (another thread): an Assessment takes one "
                "call at a time; give each thread its own out=");
          // Reuse only when no array the caller may hold would be reallocated: same tree shape,
          // same kept nodes, same number of units. Its arrays then show the new results (like numpy's out=).
          const bool same_tree = &out->tree.node(0) == &tree.node(0) ||
                                 out->tree.to_json() == tree.to_json();  // shared nodes, or equal
          if (!same_tree || out->keep != p.options.keep || out->result.units() != p.values.view.rows)
            throw py::value_error(
                "out= must come from an assessment of the same tree, with the same keep and "
                "the same number of units");
          out->in_use = true;
          mark.h = out.get();
          out->tree = tree;
          out->units = std::move(p.units);
        } else {
          out = std::make_shared<result_holder>(result_holder{tree, {}, std::move(p.units), p.options.keep});
        }
        p.options.unit_ids = out->units.empty() ? nullptr : &out->units;
        {
          py::gil_scoped_release nogil;  // the arrays stay referenced by `p` meanwhile
          assess(tree, p.values.view, p.target_values ? &p.targets : nullptr, out->result, p.options);
        }
        return out;
      },
      py::arg("tree"), py::arg("values"), py::arg("target_values") = py::none(),
      py::arg("target_ids") = py::none(), py::arg("units") = py::none(), py::arg("threads") = 1,
      py::arg("keep") = "all", py::arg("ranks") = true, py::arg("out") = nullptr,
      py::arg("progress") = py::none());

  m.def(
      "_explain",
      [](const indicator_tree& tree, py::handle values, py::handle target_values,
         std::optional<std::vector<std::string>> target_ids, std::optional<std::vector<std::string>> units,
         const std::vector<std::size_t>& which) {
        prepared p;
        prepare(p, values, target_values, target_ids, units, 1);
        std::vector<std::vector<leaf_explanation>> leaves;
        {
          py::gil_scoped_release nogil;
          leaves = explain(tree, p.values.view, p.target_values ? &p.targets : nullptr, which, p.options);
        }
        py::list out;
        for (const auto& unit : leaves) {
          py::list l;
          for (const auto& e : unit) l.append(explanation_dict(tree, e));
          out.append(l);
        }
        return out;
      },
      py::arg("tree"), py::arg("values"), py::arg("target_values") = py::none(),
      py::arg("target_ids") = py::none(), py::arg("units") = py::none(),
      py::arg("which") = std::vector<std::size_t>{});

  m.def(
      "_matrix_view_info",
      [](py::handle values) {
        const viewed_matrix v = view_matrix(values, "values");
        return py::make_tuple(reinterpret_cast<std::uintptr_t>(v.view.data), v.view.rows, v.view.cols,
                              v.view.order == storage_order::row_major ? "C" : "F", v.view.stride, v.copied);
      },
      py::arg("values"),
      "How assess sees an array: (address, rows, cols, order, stride, copied). For tests.");
}

}  // namespace zoneperf::python
