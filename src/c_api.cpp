// The C API (include/zoneperf/c/zoneperf.h). Every entry point runs its body through guard(),
// the one place where C++ exceptions become status codes and the thread-local last error.
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "zoneperf/assess.hpp"
#include "zoneperf/c/zoneperf.h"
#include "zoneperf/io/report.hpp"
#include "zoneperf/io/reports.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/land/evaluation.hpp"
#include "zoneperf/land/records.hpp"
#include "zoneperf/land/report.hpp"
#include "zoneperf/pay/allocate.hpp"
#include "zoneperf/pay/inputs.hpp"
#include "zoneperf/pay/policy.hpp"
#include "zoneperf/pay/report.hpp"
#include "zoneperf/pipeline/admission.hpp"
#include "zoneperf/pipeline/report.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"
#include "zoneperf/text/workbook.hpp"
#include "zoneperf/weights/ahp.hpp"
#include "zoneperf/weights/methods.hpp"

struct zp_tree {
  zoneperf::indicator_tree tree;
};
struct zp_values {
  zoneperf::indicator_tree tree;
  zoneperf::values_table table;
};
struct zp_targets {
  zoneperf::targets_table table;
};
struct zp_pay_policy {
  zoneperf::pay_policy policy;
};
struct zp_report {
  zoneperf::report_data data;
};
struct zp_result {
  zoneperf::indicator_tree tree;
  zoneperf::assessment result;
  std::vector<std::string> units;  // "#1", "#2", ... when none were given
};

namespace {

thread_local std::string last_message;
thread_local int last_code = 0;

/// A caller's mistake (NULL pointer, index out of range): ZP_E_ARGUMENT.
struct argument_error {
  std::string what;
};

int fail(int status, int code, std::string message) noexcept {
  try {
    last_message = std::move(message);
  } catch (...) {
    last_message.clear();  // out of memory while reporting: keep the status at least
  }
  last_code = code;
  return status;
}

template <class F>
int guard(F&& body) noexcept {
  try {
    body();
    return ZP_OK;
  } catch (const zoneperf::error& e) {
    const int hundred = e.code() / 100;
    return fail(hundred >= 1 && hundred <= 9 ? -hundred : ZP_E_INTERNAL, e.code(), e.what());
  } catch (const argument_error& e) {
    return fail(ZP_E_ARGUMENT, 0, e.what);
  } catch (const std::bad_alloc&) {
    return fail(ZP_E_MEMORY, 0, "out of memory");
  } catch (const std::exception& e) {
    return fail(ZP_E_INTERNAL, 0, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(ZP_E_INTERNAL, 0, "internal error: unknown exception");
  }
}

template <class T>
T& need(T* p, const char* what) {
  if (!p) throw argument_error{std::string(what) + " is NULL"};
  return *p;
}

void check_index(std::size_t i, std::size_t n, const char* what) {
  if (i >= n)
    throw argument_error{std::string(what) + " " + std::to_string(i) + " out of range (" + std::to_string(n) +
                         ")"};
}

char* copy_string(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (!out) throw std::bad_alloc();
  std::memcpy(out, s.data(), s.size() + 1);
  return out;
}

const std::vector<std::string>& names() {
  static const std::vector<std::string> n = zoneperf::preset_names();
  return n;
}

// A C caller may pass any int as a zp_order, and loading an enum out of its range is undefined in
// C++: the order is taken by reference and its bytes read as the underlying integer.
zoneperf::storage_order order_of(const zp_order& o) {
  std::underlying_type_t<zp_order> v;
  std::memcpy(&v, &o, sizeof v);
  if (v == ZP_ROW_MAJOR) return zoneperf::storage_order::row_major;
  if (v == ZP_COLUMN_MAJOR) return zoneperf::storage_order::column_major;
  throw argument_error{"order must be ZP_COLUMN_MAJOR or ZP_ROW_MAJOR"};
}

zoneperf::assess_options options_of(const zp_assess_options* o) {
  zoneperf::assess_options opt;
  if (o) {
    opt.threads = o->threads > 1 ? o->threads : 1;
    opt.keep = o->keep_groups ? zoneperf::node_scores::groups : zoneperf::node_scores::all;
    opt.ranks = o->no_ranks ? zoneperf::ranking::off : zoneperf::ranking::on;
  }
  return opt;
}

/// A registry read from CSV text, seen as it stood at the end of `as_of` when given (the CLI's --as-of).
zoneperf::registry registry_of(const char* csv, std::size_t length, const char* source, const char* as_of) {
  zoneperf::registry r = zoneperf::read_projects(std::string_view(&need(csv, "projects_csv"), length),
                                                 source ? source : "<projects>");
  return as_of ? zoneperf::registry_as_of(r, zoneperf::parse_date(as_of, "as_of")) : r;
}

std::optional<zoneperf::date> optional_date(const char* as_of) {
  if (!as_of) return std::nullopt;
  return zoneperf::parse_date(as_of, "as_of");
}

/// A view of a caller's rows x cols matrix (`what` names it in messages) once its shape is checked:
/// sizes that fit a ptrdiff_t (a negative size passed as size_t does not), a leading dimension of
/// 0 (dense) or at least the inner dimension, a last element addressable without overflow, and
/// data unless the matrix is empty. Anything else is ZP_E_ARGUMENT, never a read outside the buffer.
zoneperf::matrix_view checked_view(const double* data, std::size_t rows, std::size_t cols,
                                   const zp_order& order, std::size_t ld, const char* what) {
  const auto o = order_of(order);
  constexpr std::size_t limit =
      static_cast<std::size_t>(std::numeric_limits<std::ptrdiff_t>::max()) / sizeof(double);
  const std::string name(what);
  if (rows > limit || cols > limit)
    throw argument_error{name + ": " + std::to_string(rows) + " x " + std::to_string(cols) +
                         " is too large (a negative size passed as size_t?)"};
  const bool by_column = o == zoneperf::storage_order::column_major;
  const std::size_t inner = by_column ? rows : cols, outer = by_column ? cols : rows;
  if (ld != 0 && ld < inner)
    throw argument_error{
        name + ": leading dimension " + std::to_string(ld) + " is less than the " + std::to_string(inner) +
        (by_column ? " rows of a column-major" : " columns of a row-major") + " matrix (0 for dense)"};
  const std::size_t stride = ld != 0 ? ld : inner;
  if (ld > limit || (outer > 1 && stride > (limit - inner) / (outer - 1)))
    throw argument_error{name + ": leading dimension " + std::to_string(ld) + " for " + std::to_string(rows) +
                         " x " + std::to_string(cols) + " overflows the addressable size"};
  if (rows > 0 && cols > 0 && !data) throw argument_error{name + " is NULL"};
  return zoneperf::matrix_view(data, static_cast<std::ptrdiff_t>(rows), static_cast<std::ptrdiff_t>(cols), o,
                               static_cast<std::ptrdiff_t>(ld));
}

/// A units x cols matrix from a caller's buffer, copied into Eigen.
Eigen::MatrixXd matrix_of(const double* data, std::size_t rows, std::size_t cols, const zp_order& order,
                          std::size_t ld, const char* what) {
  const zoneperf::matrix_view v = checked_view(data, rows, cols, order, ld, what);
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  for (std::ptrdiff_t i = 0; i < v.rows; ++i)
    for (std::ptrdiff_t j = 0; j < v.cols; ++j) m(i, j) = v(i, j);
  return m;
}

std::size_t unit_index(const zp_result& r, std::size_t unit) {
  check_index(unit, static_cast<std::size_t>(r.result.units()), "unit");
  return unit;
}

std::size_t kept_node(const zp_result& r, std::size_t node) {
  check_index(node, r.tree.size(), "node");
  if (!r.result.has_scores(node))
    throw argument_error{"node \"" + r.tree.node(node).id + "\": its scores were not kept (keep_groups)"};
  return node;
}

}  // namespace

extern "C" {

const char* zp_last_error(void) { return last_message.c_str(); }
int zp_last_error_code(void) { return last_code; }
const char* zp_version(void) { return "0.1.0"; }
void zp_string_free(char* s) { std::free(s); }

int zp_preset_count(size_t* count) {
  return guard([&] { need(count, "count") = names().size(); });
}
int zp_preset_name(size_t i, const char** name) {
  return guard([&] {
    check_index(i, names().size(), "preset");
    need(name, "name") = names()[i].c_str();
  });
}
int zp_preset_load(const char* name, zp_tree** tree) {
  return guard([&] {
    need(tree, "tree") = nullptr;
    *tree = new zp_tree{zoneperf::load_preset(&need(name, "name"))};
  });
}
int zp_tree_from_json(const char* json, size_t length, const char* source, zp_tree** tree) {
  return guard([&] {
    need(tree, "tree") = nullptr;
    *tree = new zp_tree{zoneperf::indicator_tree::from_json(std::string_view(&need(json, "json"), length),
                                                            source ? source : "<tree>")};
  });
}
int zp_tree_from_file(const char* path, zp_tree** tree) {
  return guard([&] {
    need(tree, "tree") = nullptr;
    *tree = new zp_tree{zoneperf::indicator_tree::from_file(&need(path, "path"))};
  });
}
int zp_tree_to_json(const zp_tree* tree, int indent, char** json) {
  return guard([&] {
    need(json, "json") = nullptr;
    *json = copy_string(need(tree, "tree").tree.to_json(indent));
  });
}
void zp_tree_free(zp_tree* tree) { delete tree; }
int zp_tree_id(const zp_tree* tree, const char** id) {
  return guard([&] { need(id, "id") = need(tree, "tree").tree.id().c_str(); });
}
int zp_tree_name(const zp_tree* tree, const char** name) {
  return guard([&] { need(name, "name") = need(tree, "tree").tree.name().c_str(); });
}
int zp_tree_node_count(const zp_tree* tree, size_t* count) {
  return guard([&] { need(count, "count") = need(tree, "tree").tree.size(); });
}
int zp_tree_node_id(const zp_tree* tree, size_t node, const char** id) {
  return guard([&] {
    const auto& t = need(tree, "tree").tree;
    check_index(node, t.size(), "node");
    need(id, "id") = t.node(node).id.c_str();
  });
}
int zp_tree_node_name(const zp_tree* tree, size_t node, const char** name) {
  return guard([&] {
    const auto& t = need(tree, "tree").tree;
    check_index(node, t.size(), "node");
    need(name, "name") = t.node(node).name.c_str();
  });
}
int zp_tree_node_unit(const zp_tree* tree, size_t node, const char** unit) {
  return guard([&] {
    const auto& t = need(tree, "tree").tree;
    check_index(node, t.size(), "node");
    need(unit, "unit") = t.node(node).unit.c_str();
  });
}
int zp_tree_node_index(const zp_tree* tree, const char* id, size_t* node) {
  return guard([&] { need(node, "node") = need(tree, "tree").tree.index_of(&need(id, "id")); });
}
int zp_tree_column_count(const zp_tree* tree, size_t* count) {
  return guard([&] { need(count, "count") = need(tree, "tree").tree.columns().size(); });
}
int zp_tree_column_node(const zp_tree* tree, size_t column, size_t* node) {
  return guard([&] {
    const auto& c = need(tree, "tree").tree.columns();
    check_index(column, c.size(), "column");
    need(node, "node") = static_cast<std::size_t>(c[column]);
  });
}
int zp_tree_group_count(const zp_tree* tree, size_t* count) {
  return guard([&] { need(count, "count") = need(tree, "tree").tree.groups().size(); });
}
int zp_tree_group_node(const zp_tree* tree, size_t group, size_t* node) {
  return guard([&] {
    const auto& g = need(tree, "tree").tree.groups();
    check_index(group, g.size(), "group");
    need(node, "node") = static_cast<std::size_t>(g[group]);
  });
}
int zp_tree_grade_count(const zp_tree* tree, size_t* count) {
  return guard([&] { need(count, "count") = need(tree, "tree").tree.grades().size(); });
}
int zp_tree_grade_label(const zp_tree* tree, size_t grade, const char** label) {
  return guard([&] {
    const auto& g = need(tree, "tree").tree.grades();
    check_index(grade, g.size(), "grade");
    need(label, "label") = g[grade].label.c_str();
  });
}
int zp_tree_code_value(const zp_tree* tree, const char* leaf_id, const char* code, double* value) {
  return guard([&] {
    need(value, "value") = need(tree, "tree").tree.code_value(&need(leaf_id, "leaf_id"), &need(code, "code"));
  });
}

int zp_sample_file(const char* path, const char** text, size_t* length) {
  return guard([&] {
    const std::string_view s = zoneperf::sample_file(&need(path, "path"));
    need(text, "text") = s.data();
    need(length, "length") = s.size();
  });
}
int zp_values_read_csv(const zp_tree* tree, const char* csv, size_t length, const char* source,
                       zp_values** values) {
  return guard([&] {
    need(values, "values") = nullptr;
    const auto& t = need(tree, "tree").tree;
    *values = new zp_values{t, zoneperf::read_values(t, std::string_view(&need(csv, "csv"), length),
                                                     source ? source : "<values>")};
  });
}
int zp_values_read_file(const zp_tree* tree, const char* path, zp_values** values) {
  return guard([&] {
    need(values, "values") = nullptr;
    const auto& t = need(tree, "tree").tree;
    *values = new zp_values{t, zoneperf::read_values_file(t, &need(path, "path"))};
  });
}
void zp_values_free(zp_values* values) { delete values; }
int zp_values_units(const zp_values* values, size_t* units) {
  return guard([&] { need(units, "units") = need(values, "values").table.units.size(); });
}
int zp_values_unit_id(const zp_values* values, size_t unit, const char** id) {
  return guard([&] {
    const auto& u = need(values, "values").table.units;
    check_index(unit, u.size(), "unit");
    need(id, "id") = u[unit].c_str();
  });
}
int zp_values_data(const zp_values* values, const double** data) {
  return guard([&] { need(data, "data") = need(values, "values").table.values.data(); });
}
int zp_targets_read_csv(const zp_tree* tree, const zp_values* values, const char* csv, size_t length,
                        const char* source, zp_targets** targets) {
  return guard([&] {
    need(targets, "targets") = nullptr;
    *targets = new zp_targets{
        zoneperf::read_targets(need(tree, "tree").tree, need(values, "values").table.units,
                               std::string_view(&need(csv, "csv"), length), source ? source : "<targets>")};
  });
}
int zp_targets_read_file(const zp_tree* tree, const zp_values* values, const char* path,
                         zp_targets** targets) {
  return guard([&] {
    need(targets, "targets") = nullptr;
    *targets = new zp_targets{zoneperf::read_targets_file(
        need(tree, "tree").tree, need(values, "values").table.units, &need(path, "path"))};
  });
}
void zp_targets_free(zp_targets* targets) { delete targets; }

int zp_assess(const zp_tree* tree, const double* values, size_t units, zp_order order, size_t ld,
              const char* const* target_ids, size_t target_count, const double* target_values,
              zp_order target_order, size_t target_ld, const char* const* unit_ids,
              const zp_assess_options* options, zp_result** result) {
  return guard([&] {
    need(result, "result") = nullptr;
    const auto& t = need(tree, "tree").tree;
    if (units > 0) need(values, "values");
    const zoneperf::matrix_view view = checked_view(values, units, t.columns().size(), order, ld, "values");
    std::optional<zoneperf::target_table> targets;
    if (target_count > 0) {
      need(target_ids, "target_ids");
      if (units > 0) need(target_values, "target_values");
      zoneperf::target_table tt;
      tt.values = checked_view(target_values, units, target_count, target_order, target_ld, "target_values");
      for (std::size_t k = 0; k < target_count; ++k)
        tt.leaf_ids.emplace_back(&need(target_ids[k], "target_ids[k]"));
      targets = std::move(tt);
    }
    auto r = std::make_unique<zp_result>(zp_result{t, {}, {}});
    if (unit_ids) {
      for (std::size_t u = 0; u < units; ++u) r->units.emplace_back(&need(unit_ids[u], "unit_ids[u]"));
    }
    zoneperf::assess_options opt = options_of(options);
    opt.unit_ids = unit_ids ? &r->units : nullptr;
    zoneperf::assess(t, view, targets ? &*targets : nullptr, r->result, opt);
    if (!unit_ids)
      for (std::size_t u = 0; u < units; ++u) r->units.push_back("#" + std::to_string(u + 1));
    *result = r.release();
  });
}
int zp_assess_tables(const zp_tree* tree, const zp_values* values, const zp_targets* targets,
                     const zp_assess_options* options, zp_result** result) {
  return guard([&] {
    need(result, "result") = nullptr;
    const auto& t = need(tree, "tree").tree;
    const auto& v = need(values, "values").table;
    auto r = std::make_unique<zp_result>(zp_result{t, {}, v.units});
    zoneperf::assess_options opt = options_of(options);
    opt.unit_ids = &r->units;
    opt.check_unit_ids = false;  // the reader checked them (306)
    const zoneperf::target_table view = targets ? targets->table.view() : zoneperf::target_table{};
    zoneperf::assess(t, v.values, targets ? &view : nullptr, r->result, opt);
    *result = r.release();
  });
}
int zp_scorecard_json(const zp_tree* tree, const zp_values* values, const zp_targets* targets, int indent,
                      char** json) {
  return guard([&] {
    need(json, "json") = nullptr;
    const auto& t = need(tree, "tree").tree;
    const auto& v = need(values, "values").table;
    zoneperf::assess_options opt;
    opt.unit_ids = &v.units;
    opt.check_unit_ids = false;  // the reader checked them (306)
    const zoneperf::target_table view = targets ? targets->table.view() : zoneperf::target_table{};
    const zoneperf::target_table* tp = targets ? &view : nullptr;
    const zoneperf::assessment r = zoneperf::assess(t, v.values, tp, opt);
    std::vector<std::size_t> all(v.units.size());
    for (std::size_t u = 0; u < all.size(); ++u) all[u] = u;
    const auto leaves = zoneperf::explain(t, v.values, tp, all, opt);
    *json = copy_string(zoneperf::report_json(t, r, v.units, &leaves, indent));
  });
}
void zp_result_free(zp_result* result) { delete result; }
int zp_result_units(const zp_result* result, size_t* units) {
  return guard(
      [&] { need(units, "units") = static_cast<std::size_t>(need(result, "result").result.units()); });
}
int zp_result_total(const zp_result* result, size_t unit, double* total) {
  return guard([&] {
    const auto& r = need(result, "result");
    need(total, "total") = r.result.total(static_cast<std::ptrdiff_t>(unit_index(r, unit)));
  });
}
int zp_result_totals(const zp_result* result, const double** totals) {
  return guard([&] { need(totals, "totals") = need(result, "result").result.totals().data(); });
}
int zp_result_rank(const zp_result* result, size_t unit, int32_t* rank) {
  return guard([&] {
    const auto& r = need(result, "result");
    need(rank, "rank") = r.result.rank(static_cast<std::ptrdiff_t>(unit_index(r, unit)));
  });
}
int zp_result_grade(const zp_result* result, size_t unit, int32_t* grade) {
  return guard([&] {
    const auto& r = need(result, "result");
    need(grade, "grade") = r.result.grade(static_cast<std::ptrdiff_t>(unit_index(r, unit)));
  });
}
int zp_result_grade_label(const zp_result* result, size_t unit, const char** label) {
  return guard([&] {
    const auto& r = need(result, "result");
    const int g = r.result.grade(static_cast<std::ptrdiff_t>(unit_index(r, unit)));
    need(label, "label") = g >= 0 ? r.tree.grades()[static_cast<std::size_t>(g)].label.c_str() : nullptr;
  });
}
int zp_result_vetoed(const zp_result* result, size_t unit, int* vetoed) {
  return guard([&] {
    const auto& r = need(result, "result");
    need(vetoed, "vetoed") = r.result.vetoed(static_cast<std::ptrdiff_t>(unit_index(r, unit))) ? 1 : 0;
  });
}
int zp_result_score(const zp_result* result, size_t unit, size_t node, double* score) {
  return guard([&] {
    const auto& r = need(result, "result");
    need(score, "score") =
        r.result.score(static_cast<std::ptrdiff_t>(unit_index(r, unit)), kept_node(r, node));
  });
}
int zp_result_max(const zp_result* result, size_t unit, size_t node, double* max) {
  return guard([&] {
    const auto& r = need(result, "result");
    need(max, "max") = r.result.max(static_cast<std::ptrdiff_t>(unit_index(r, unit)), kept_node(r, node));
  });
}
int zp_result_rate(const zp_result* result, size_t unit, size_t node, double* rate) {
  return guard([&] {
    const auto& r = need(result, "result");
    need(rate, "rate") = r.result.rate(static_cast<std::ptrdiff_t>(unit_index(r, unit)), kept_node(r, node));
  });
}
int zp_result_to_json(const zp_result* result, int indent, char** json) {
  return guard([&] {
    need(json, "json") = nullptr;
    const auto& r = need(result, "result");
    *json = copy_string(zoneperf::report_json(r.tree, r.result, r.units, nullptr, indent));
  });
}

int zp_pay_policy_standard(zp_pay_policy** policy) {
  return guard([&] {
    need(policy, "policy") = nullptr;
    *policy = new zp_pay_policy{zoneperf::pay_policy::standard()};
  });
}
int zp_pay_policy_from_json(const char* json, size_t length, const char* source, zp_pay_policy** policy) {
  return guard([&] {
    need(policy, "policy") = nullptr;
    *policy = new zp_pay_policy{zoneperf::pay_policy::from_json(std::string_view(&need(json, "json"), length),
                                                                source ? source : "<policy>")};
  });
}
void zp_pay_policy_free(zp_pay_policy* policy) { delete policy; }
int zp_pay_run(const zp_pay_policy* policy, const char* staff_csv, size_t staff_length,
               const char* scorecard_json, size_t scorecard_length, const char* events_csv,
               size_t events_length, int indent, char** report_json) {
  return guard([&] {
    need(report_json, "report_json") = nullptr;
    const auto& p = need(policy, "policy").policy;
    const auto staff = zoneperf::read_staff(
        zoneperf::read_cells(std::string_view(&need(staff_csv, "staff_csv"), staff_length), "<staff>"));
    const auto card = zoneperf::read_scorecard(
        std::string_view(&need(scorecard_json, "scorecard_json"), scorecard_length), "<scorecard>");
    std::vector<zoneperf::award_event> events;
    if (events_csv)
      events = zoneperf::read_events(
          zoneperf::read_cells(std::string_view(events_csv, events_length), "<events>"));
    const auto result = zoneperf::allocate_pay(staff, card, p, events);
    *report_json = copy_string(zoneperf::pay_json(result, staff, p, indent));
  });
}
int zp_land_evaluate(const char* preset, const char* enterprises_csv, size_t length, const char* source,
                     int indent, char** report_json) {
  return guard([&] {
    need(report_json, "report_json") = nullptr;
    const auto tree = zoneperf::load_preset(&need(preset, "preset"));
    const auto config = zoneperf::load_land_config(preset);
    zoneperf::land_csv_options copt;
    for (int c : tree.columns())
      if (tree.node(static_cast<std::size_t>(c)).kind != zoneperf::node_kind::leaf)
        copt.item_columns.push_back(tree.node(static_cast<std::size_t>(c)).id);
    const auto records = zoneperf::read_land_records(
        zoneperf::read_cells(std::string_view(&need(enterprises_csv, "enterprises_csv"), length),
                             source ? source : "<enterprises>"),
        copt);
    const auto ev = zoneperf::evaluate_land(tree, config, records);
    *report_json = copy_string(zoneperf::land_report_json(tree, config, records, ev, indent));
  });
}

int zp_projects_month_json(const char* projects_csv, size_t length, const char* source, const char* month,
                           const char* as_of, int indent, char** report_json) {
  return guard([&] {
    need(report_json, "report_json") = nullptr;
    const auto p = zoneperf::period::parse(&need(month, "month"), "month");
    const auto r = registry_of(projects_csv, length, source, as_of);
    *report_json = copy_string(zoneperf::projects_month_json(r, p, optional_date(as_of), indent));
  });
}
int zp_projects_faces_json(const char* projects_csv, size_t length, const char* source, int year,
                           const char* as_of, int indent, char** report_json) {
  return guard([&] {
    need(report_json, "report_json") = nullptr;
    const auto r = registry_of(projects_csv, length, source, as_of);
    zoneperf::year_check_options o;
    o.as_of = optional_date(as_of);
    *report_json = copy_string(zoneperf::year_faces_json(zoneperf::check_year(r, year, o), indent));
  });
}
int zp_projects_period_json(const char* projects_csv, size_t length, const char* source, const char* period,
                            const char* as_of, int indent, char** report_json) {
  return guard([&] {
    need(report_json, "report_json") = nullptr;
    const auto p = zoneperf::period::parse(&need(period, "period"), "period");
    const auto r = registry_of(projects_csv, length, source, as_of);
    *report_json = copy_string(zoneperf::projects_period_json(r, p, optional_date(as_of), indent));
  });
}
int zp_calendar_json(int year, int indent, char** report_json) {
  return guard([&] {
    need(report_json, "report_json") = nullptr;
    *report_json = copy_string(zoneperf::calendar_json(zoneperf::supervision_calendar(year), indent));
  });
}
int zp_admission_options_init(zp_admission_options* options) {
  return guard([&] {
    const zoneperf::admission_options d;
    auto& o = need(options, "options");
    o.min_investment_per_mu = d.min_investment_per_mu;
    o.min_tax_per_mu = d.min_tax_per_mu;
    o.pass_mark = std::numeric_limits<double>::quiet_NaN();
  });
}
int zp_admit_json(const zp_tree* tree, const char* candidates_csv, size_t length, const char* source,
                  const zp_admission_options* options, int indent, char** report_json) {
  return guard([&] {
    need(report_json, "report_json") = nullptr;
    zoneperf::admission_options o;
    if (options) {
      o.min_investment_per_mu = options->min_investment_per_mu;
      o.min_tax_per_mu = options->min_tax_per_mu;
      if (!std::isnan(options->pass_mark)) o.pass_mark = options->pass_mark;
    }
    const auto candidates = zoneperf::read_candidates(zoneperf::read_cells(
        std::string_view(&need(candidates_csv, "candidates_csv"), length), source ? source : "<candidates>"));
    const auto decisions = tree ? zoneperf::admit(candidates, tree->tree, o) : zoneperf::admit(candidates, o);
    *report_json = copy_string(zoneperf::admission_json(decisions, indent));
  });
}
int zp_ahp(const double* matrix, size_t n, zp_order order, size_t ld, double* weights, zp_ahp_info* info) {
  return guard([&] {
    if (n > 0) need(weights, "weights");
    const auto r = zoneperf::ahp(matrix_of(matrix, n, n, order, ld, "matrix"));
    for (std::size_t i = 0; i < n; ++i) weights[i] = r.weights[static_cast<Eigen::Index>(i)];
    if (info) *info = zp_ahp_info{r.lambda_max, r.ci, r.ri, r.cr, r.acceptable ? 1 : 0};
  });
}
int zp_data_weights(const char* method, const double* values, size_t units, size_t criteria, zp_order order,
                    size_t ld, double* weights) {
  return guard([&] {
    const std::string m = &need(method, "method");
    if (criteria > 0) need(weights, "weights");
    zoneperf::criteria_matrix cm;
    cm.values = matrix_of(values, units, criteria, order, ld, "values");
    for (std::size_t u = 0; u < units; ++u) cm.units.push_back("#" + std::to_string(u + 1));
    for (std::size_t c = 0; c < criteria; ++c) cm.columns.push_back("c" + std::to_string(c + 1));
    zoneperf::derived_weights w;
    if (m == "entropy")
      w = zoneperf::entropy_weights(cm);
    else if (m == "critic")
      w = zoneperf::critic_weights(cm);
    else if (m == "sd")
      w = zoneperf::sd_weights(cm);
    else
      throw argument_error{"method must be \"entropy\", \"critic\" or \"sd\", got \"" + m + "\""};
    for (std::size_t c = 0; c < criteria; ++c) weights[c] = w.weights[static_cast<Eigen::Index>(c)];
  });
}

int zp_report_parse_inputs(const zp_report_inputs* inputs, zp_report** report) {
  return guard([&] {
    need(report, "report") = nullptr;
    const zp_report_inputs& i = need(inputs, "inputs");
    // The first version ends with `tree`; a later one only adds fields after it.
    constexpr std::size_t first_size = offsetof(zp_report_inputs, tree) + sizeof(i.tree);
    if (i.size < first_size || i.size > sizeof(zp_report_inputs))
      throw argument_error{"inputs->size " + std::to_string(i.size) + " is not sizeof(zp_report_inputs) (" +
                           std::to_string(sizeof(zp_report_inputs)) + ")"};
    const auto text = [](const char* s) { return s ? std::string(s) : std::string(); };
    const std::string lang = text(i.lang);
    if (!lang.empty() && lang != "zh" && lang != "en")
      throw argument_error{"lang must be \"zh\" or \"en\", got \"" + lang + "\""};
    zoneperf::report_inputs in;
    in.scorecard = &need(i.scorecard_json, "scorecard_json");
    in.pay = text(i.pay_json);
    in.land = text(i.land_json);
    in.projects = text(i.projects_json);
    in.uncertainty = text(i.uncertainty_json);
    in.series = text(i.series_json);
    in.faces = text(i.faces_json);
    in.migration = text(i.migration_json);
    in.title = text(i.title);
    in.lang = lang == "en" ? zoneperf::report_lang::en : zoneperf::report_lang::zh;
    *report = new zp_report{zoneperf::report_data::parse(in, i.tree ? &i.tree->tree : nullptr)};
  });
}
int zp_report_parse(const char* scorecard_json, const char* pay_json, const char* land_json,
                    const char* projects_json, const char* title, const zp_tree* tree, zp_report** report) {
  zp_report_inputs in{};
  in.size = sizeof in;
  in.scorecard_json = scorecard_json;
  in.pay_json = pay_json;
  in.land_json = land_json;
  in.projects_json = projects_json;
  in.title = title;
  in.tree = tree;
  return zp_report_parse_inputs(&in, report);
}
void zp_report_free(zp_report* report) { delete report; }
int zp_report_html(const zp_report* report, char** html) {
  return guard([&] {
    need(html, "html") = nullptr;
    *html = copy_string(zoneperf::report_html(need(report, "report").data));
  });
}
int zp_report_markdown(const zp_report* report, char** markdown) {
  return guard([&] {
    need(markdown, "markdown") = nullptr;
    *markdown = copy_string(zoneperf::report_markdown(need(report, "report").data));
  });
}
int zp_report_write(const zp_report* report, const char* dir, char** files_json) {
  return guard([&] {
    if (files_json) *files_json = nullptr;
    const auto paths = zoneperf::write_reports(need(report, "report").data, &need(dir, "dir"));
    if (files_json) *files_json = copy_string(nlohmann::json(paths).dump());
  });
}

}  // extern "C"
