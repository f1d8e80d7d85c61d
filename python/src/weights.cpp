// Weights and robustness from Python (docs/semantics.md §8): AHP (matrix file, text or array -> weights,
// lambda_max, CI, CR), entropy / CRITIC / SD / ROC / equal weights, the COINr-style normalisers and
// weighted means (numpy in, numpy out), applying weights to a tree level, and the Monte-Carlo
// uncertainty of ranks. The per-unit dicts and DataFrames are built in zoneperf/__init__.py.
#include "zoneperf/weights.hpp"

#include <cmath>

#include "common.hpp"

namespace zoneperf::python {
namespace {

using dvec = py::array_t<double, py::array::c_style | py::array::forcecast>;

Eigen::VectorXd to_vector(const dvec& x, const char* what) {
  if (x.ndim() != 1) throw py::value_error(std::string(what) + " must be 1-D");
  return Eigen::Map<const Eigen::VectorXd>(x.data(), x.shape(0));
}

py::array_t<double> to_array(const Eigen::VectorXd& v) {
  py::array_t<double> a(v.size());
  std::copy(v.data(), v.data() + v.size(), a.mutable_data());
  return a;
}

direction direction_of(py::handle d) {
  if (py::isinstance<py::str>(d)) {
    const auto s = d.cast<std::string>();
    if (s == "higher" || s == "higher_is_better" || s == "+") return direction::higher_is_better;
    if (s == "lower" || s == "lower_is_better" || s == "-") return direction::lower_is_better;
    throw py::value_error("direction must be 'higher' or 'lower', got '" + s + "'");
  }
  const int v = d.cast<int>();
  if (v == 1) return direction::higher_is_better;
  if (v == -1) return direction::lower_is_better;
  throw py::value_error("direction must be 1 (higher is better) or -1 (lower is better)");
}

std::vector<direction> directions_of(py::handle ds) {
  std::vector<direction> out;
  if (ds.is_none()) return out;
  for (auto d : ds) out.push_back(direction_of(d));
  return out;
}

/// A normaliser on a 1-D array, or on each column of a 2-D array (units x indicators).
template <class F>
py::array_t<double> per_column(const dvec& x, F&& f) {
  if (x.ndim() == 1) return to_array(f(Eigen::Map<const Eigen::VectorXd>(x.data(), x.shape(0))));
  if (x.ndim() != 2) throw py::value_error("x must be 1-D (one indicator) or 2-D (units x indicators)");
  const auto rows = x.shape(0), cols = x.shape(1);
  py::array_t<double> out({rows, cols});
  auto w = out.mutable_unchecked<2>();
  auto r = x.unchecked<2>();
  Eigen::VectorXd col(rows);
  for (py::ssize_t c = 0; c < cols; ++c) {
    for (py::ssize_t i = 0; i < rows; ++i) col[i] = r(i, c);
    const Eigen::VectorXd y = f(col);
    for (py::ssize_t i = 0; i < rows; ++i) w(i, c) = y[i];
  }
  return out;
}

criteria_matrix criteria_of(const dvec& x, std::optional<std::vector<std::string>> names,
                            std::optional<std::vector<std::string>> units) {
  if (x.ndim() != 2) throw py::value_error("values must be a 2-D array (units x criteria)");
  criteria_matrix m;
  const auto rows = x.shape(0), cols = x.shape(1);
  m.values.resize(rows, cols);
  auto r = x.unchecked<2>();
  for (py::ssize_t i = 0; i < rows; ++i)
    for (py::ssize_t c = 0; c < cols; ++c) m.values(i, c) = r(i, c);
  if (names) {
    if (static_cast<py::ssize_t>(names->size()) != cols) throw py::value_error("one name per column");
    m.columns = *names;
  } else {
    for (py::ssize_t c = 0; c < cols; ++c) m.columns.push_back("c" + std::to_string(c + 1));
  }
  if (units) {
    if (static_cast<py::ssize_t>(units->size()) != rows) throw py::value_error("one unit id per row");
    m.units = *units;
  } else {
    for (py::ssize_t i = 0; i < rows; ++i) m.units.push_back("#" + std::to_string(i + 1));
  }
  return m;
}

py::dict derived_dict(const derived_weights& w) {
  return py::dict(py::arg("method") = w.method, py::arg("names") = w.names,
                  py::arg("weights") = to_array(w.weights), py::arg("measure") = to_array(w.measure));
}

struct ahp_settings {
  random_index_table custom;
  ahp_options options;
};

ahp_settings settings_of(std::optional<std::vector<double>> ri, double accept_below, double tolerance) {
  ahp_settings s;
  s.options.accept_below = accept_below;
  s.options.reciprocal_tolerance = tolerance;
  if (ri) {
    s.custom.name = "custom";
    s.custom.values = *ri;
  }
  return s;
}

py::dict ahp_dict(const ahp_result& r) {
  return py::dict(py::arg("names") = r.names, py::arg("weights") = to_array(r.weights),
                  py::arg("lambda_max") = r.lambda_max, py::arg("ci") = r.ci, py::arg("ri") = r.ri,
                  py::arg("ri_table") = r.ri_table, py::arg("cr") = r.cr,
                  py::arg("acceptable") = r.acceptable);
}

template <class Read>
py::dict run_ahp(Read&& read, std::optional<std::vector<double>> ri, double accept_below, double tolerance) {
  ahp_settings s = settings_of(std::move(ri), accept_below, tolerance);
  if (!s.custom.name.empty()) s.options.random_index = &s.custom;
  return ahp_dict(read(s.options));
}

perturbation perturbation_of(const std::string& method) {
  if (method == "uniform") return perturbation::uniform;
  if (method == "dirichlet") return perturbation::dirichlet;
  throw py::value_error("method must be 'uniform' or 'dirichlet', got '" + method + "'");
}

}  // namespace

void export_weights(py::module_& m) {
  m.def(
      "ahp_text",
      [](const std::string& text, const std::string& source, std::optional<std::vector<double>> ri,
         double accept_below, double tolerance) {
        return run_ahp([&](const ahp_options& o) { return ahp(read_pairwise_csv(text, source, o), o); },
                       std::move(ri), accept_below, tolerance);
      },
      py::arg("text"), py::arg("source") = "<matrix>", py::arg("ri") = py::none(),
      py::arg("accept_below") = 0.10, py::arg("tolerance") = 0.01);
  m.def(
      "ahp_file",
      [](const std::string& path, std::optional<std::vector<double>> ri, double accept_below,
         double tolerance) {
        return run_ahp([&](const ahp_options& o) { return ahp(read_pairwise_file(path, o), o); },
                       std::move(ri), accept_below, tolerance);
      },
      py::arg("path"), py::arg("ri") = py::none(), py::arg("accept_below") = 0.10,
      py::arg("tolerance") = 0.01);
  m.def(
      "ahp_matrix",
      [](const dvec& a, std::optional<std::vector<std::string>> names, std::optional<std::vector<double>> ri,
         double accept_below, double tolerance) {
        if (a.ndim() != 2) throw py::value_error("the pairwise matrix must be 2-D");
        Eigen::MatrixXd mat(a.shape(0), a.shape(1));
        auto r = a.unchecked<2>();
        for (py::ssize_t i = 0; i < a.shape(0); ++i)
          for (py::ssize_t j = 0; j < a.shape(1); ++j) mat(i, j) = r(i, j);
        return run_ahp(
            [&](const ahp_options& o) {
              if (!names) return ahp(mat, o);
              pairwise_matrix pm;
              pm.names = *names;
              pm.a = mat;
              if (static_cast<Eigen::Index>(pm.names.size()) != mat.rows())
                throw error(errc::matrix_names, "names",
                            "one name per row of the matrix (" + std::to_string(mat.rows()) + "), got " +
                                std::to_string(pm.names.size()));
              return ahp(pm, o);
            },
            std::move(ri), accept_below, tolerance);
      },
      py::arg("matrix"), py::arg("names") = py::none(), py::arg("ri") = py::none(),
      py::arg("accept_below") = 0.10, py::arg("tolerance") = 0.01);
  m.def(
      "saaty_classic_ri", [] { return saaty_classic_ri().values; },
      "RI(1), RI(2), ... of Saaty's classic table.");

  m.def(
      "_derived_weights",
      [](const std::string& method, const dvec& x, std::optional<std::vector<std::string>> names,
         std::optional<std::vector<std::string>> units, py::handle directions) {
        const criteria_matrix cm = criteria_of(x, std::move(names), std::move(units));
        const auto dirs = directions_of(directions);
        if (method == "entropy") return derived_dict(entropy_weights(cm));
        if (method == "critic") return derived_dict(critic_weights(cm, dirs));
        if (method == "sd") return derived_dict(sd_weights(cm, dirs));
        throw py::value_error("method must be entropy, critic or sd");
      },
      py::arg("method"), py::arg("values"), py::arg("names"), py::arg("units"), py::arg("directions"));
  m.def(
      "_listed_weights",
      [](const std::string& method, std::vector<std::string> names) {
        return derived_dict(method == "roc" ? roc_weights(std::move(names))
                                            : equal_weights(std::move(names)));
      },
      py::arg("method"), py::arg("names"));

  m.def(
      "normalise_minmax",
      [](const dvec& x, double lower, double upper, py::handle d) {
        const direction dir = direction_of(d);
        return per_column(x, [&](const Eigen::VectorXd& v) {
          return normalise_minmax(v, bounds{lower, upper}, dir);
        });
      },
      py::arg("x"), py::arg("lower") = 0.0, py::arg("upper") = 100.0, py::arg("direction") = "higher",
      "COINr n_minmax onto [lower, upper] (all values equal give upper); per column of a 2-D array.");
  m.def(
      "normalise_zscore",
      [](const dvec& x, double mean, double sd, py::handle d) {
        const direction dir = direction_of(d);
        return per_column(x, [&](const Eigen::VectorXd& v) { return normalise_zscore(v, mean, sd, dir); });
      },
      py::arg("x"), py::arg("mean") = 0.0, py::arg("sd") = 1.0, py::arg("direction") = "higher");
  m.def(
      "normalise_goalposts",
      [](const dvec& x, double lo, double hi, py::handle d, double scale) {
        const direction dir = direction_of(d);
        return per_column(
            x, [&](const Eigen::VectorXd& v) { return normalise_goalposts(v, lo, hi, dir, scale); });
      },
      py::arg("x"), py::arg("lo"), py::arg("hi"), py::arg("direction") = "higher", py::arg("scale") = 1.0);
  m.def(
      "normalise_distance_to_target",
      [](const dvec& x, double target, py::handle d, bool capped) {
        const direction dir = direction_of(d);
        const target_cap cap = capped ? target_cap::capped : target_cap::uncapped;
        return per_column(
            x, [&](const Eigen::VectorXd& v) { return normalise_distance_to_target(v, target, dir, cap); });
      },
      py::arg("x"), py::arg("target"), py::arg("direction") = "higher", py::arg("capped") = false);
  m.def(
      "normalise_fraction_of_max",
      [](const dvec& x) {
        return per_column(x, [](const Eigen::VectorXd& v) { return normalise_fraction_of_max(v); });
      },
      py::arg("x"));
  m.def(
      "normalise_rank",
      [](const dvec& x, py::handle d) {
        const direction dir = direction_of(d);
        return per_column(x, [&](const Eigen::VectorXd& v) { return normalise_rank(v, dir); });
      },
      py::arg("x"), py::arg("direction") = "higher");
  m.def(
      "normalise_percentile_rank",
      [](const dvec& x, py::handle d) {
        const direction dir = direction_of(d);
        return per_column(x, [&](const Eigen::VectorXd& v) { return normalise_percentile_rank(v, dir); });
      },
      py::arg("x"), py::arg("direction") = "higher");

  m.def(
      "weighted_arithmetic_mean",
      [](const dvec& x, const dvec& w) {
        return weighted_arithmetic_mean(to_vector(x, "x"), to_vector(w, "w"));
      },
      py::arg("x"), py::arg("w"));
  m.def(
      "weighted_geometric_mean",
      [](const dvec& x, const dvec& w) {
        return weighted_geometric_mean(to_vector(x, "x"), to_vector(w, "w"));
      },
      py::arg("x"), py::arg("w"));
  m.def(
      "weighted_harmonic_mean",
      [](const dvec& x, const dvec& w) {
        return weighted_harmonic_mean(to_vector(x, "x"), to_vector(w, "w"));
      },
      py::arg("x"), py::arg("w"));

  const auto rounding_of = [](const std::string& rounding, double step) {
    points_options o;
    if (rounding == "none")
      o.rounding = points_rounding::none;
    else if (rounding != "largest-remainder" && rounding != "largest_remainder")
      throw py::value_error("rounding must be 'largest-remainder' or 'none'");
    o.step = step;
    return o;
  };
  m.def(
      "apportion_points",
      [rounding_of](const std::vector<double>& weights, double total, const std::string& rounding,
                    double step) { return apportion_points(weights, total, rounding_of(rounding, step)); },
      py::arg("weights"), py::arg("total"), py::arg("rounding") = "largest-remainder", py::arg("step") = 1.0);
  m.def(
      "apply_weights",
      [rounding_of](const indicator_tree& tree, const std::string& parent,
                    const std::vector<std::string>& child_ids, const std::vector<double>& weights,
                    const std::string& rounding, double step) {
        return apply_weights(tree, parent, child_ids, weights, rounding_of(rounding, step));
      },
      py::arg("tree"), py::arg("parent"), py::arg("child_ids"), py::arg("weights"),
      py::arg("rounding") = "largest-remainder", py::arg("step") = 1.0,
      "A copy of the tree whose `parent` splits its points among child_ids by the weights (subtrees "
      "rescaled).");

  m.def(
      "_uncertainty",
      [](const indicator_tree& tree, py::handle values, py::handle target_values,
         std::optional<std::vector<std::string>> target_ids, std::optional<std::vector<std::string>> units,
         std::size_t samples, std::uint64_t seed, const std::string& method, double percent,
         double concentration, int depth, int top_k, int threads, bool histograms, py::object progress) {
        uncertainty_options o;
        o.samples = samples;
        o.seed = seed;
        o.method = perturbation_of(method);
        o.percent = percent;
        o.concentration = concentration;
        o.depth = depth;
        o.top_k = top_k;
        o.threads = threads;
        o.histograms = histograms;
        o.progress = progress_of(progress);
        check_uncertainty_options(o);  // before the values are converted
        prepared in;
        prepare(in, values, target_values, target_ids, units, threads);
        const std::vector<std::string> names = in.names();
        uncertainty_result r;
        {
          py::gil_scoped_release nogil;
          assess_options ao;
          ao.unit_ids = &names;
          ao.threads = threads;
          ao.progress = o.progress;
          const scoring_inputs si = scoring_inputs_of(tree, in.values.view, in.target_ptr(), ao);
          r = uncertainty_analysis(tree, si, o);
        }
        const auto ints = [](const std::vector<std::int32_t>& x) {
          py::array_t<std::int32_t> a(static_cast<py::ssize_t>(x.size()));
          std::copy(x.begin(), x.end(), a.mutable_data());
          return a;
        };
        py::object hist = py::none();
        if (histograms) {
          py::list all;
          for (std::ptrdiff_t u = 0; u < r.size(); ++u) {
            py::list h;
            for (const auto& [rank, count] : r.histogram(u)) h.append(py::make_tuple(rank, count));
            all.append(h);
          }
          hist = all;
        }
        return py::dict(py::arg("units") = r.units, py::arg("samples") = r.samples,
                        py::arg("top_k") = r.top_k, py::arg("nominal_total") = to_array(r.nominal_total),
                        py::arg("nominal_rank") = ints(r.nominal_rank),
                        py::arg("median_rank") = ints(r.median_rank), py::arg("rank_p05") = ints(r.rank_p05),
                        py::arg("rank_p95") = ints(r.rank_p95), py::arg("p_rank_1") = to_array(r.p_first),
                        py::arg("p_top_k") = to_array(r.p_top_k), py::arg("histogram") = hist);
      },
      py::arg("tree"), py::arg("values"), py::arg("target_values"), py::arg("target_ids"), py::arg("units"),
      py::arg("samples"), py::arg("seed"), py::arg("method"), py::arg("percent"), py::arg("concentration"),
      py::arg("depth"), py::arg("top_k"), py::arg("threads"), py::arg("histograms") = false,
      py::arg("progress") = py::none());
}

}  // namespace zoneperf::python
