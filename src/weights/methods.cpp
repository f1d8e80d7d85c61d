// Equal, rank-order centroid, entropy, CRITIC and SD weights.
#include "zoneperf/weights/methods.hpp"

#include <fmt/format.h>

#include <cmath>
#include <unordered_map>

#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/number.hpp"
#include "zoneperf/text/workbook.hpp"
#include "zoneperf/weights/normalise.hpp"

namespace zoneperf {

namespace {
criteria_matrix read_criteria(const cell_table& t) {
  std::vector<problem> problems;
  criteria_matrix m;
  std::unordered_map<std::string, std::size_t> seen_columns, seen_units;
  for (std::size_t c = 1; c < t.header.size(); ++c) {
    if (!seen_columns.emplace(t.header[c], c).second) {
      problems.push_back(
          {errc::duplicate_column, t.header_where(c), fmt::format("column '{}' repeats", t.header[c])});
    }
    m.columns.push_back(t.header[c]);
  }
  const auto rows = static_cast<Eigen::Index>(t.rows());
  const auto cols = static_cast<Eigen::Index>(m.columns.size());
  m.values.resize(rows, cols);
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const std::string unit(t.cell(r, 0));
    if (unit.empty()) problems.push_back({errc::missing_value, t.where(r, 0), "empty unit id"});
    if (!seen_units.emplace(unit, r).second) {
      problems.push_back({errc::duplicate_unit, t.where(r, 0), fmt::format("unit '{}' repeats", unit)});
    }
    m.units.push_back(unit);
    for (std::size_t c = 1; c < t.header.size(); ++c) {
      const std::string where = t.where(r, c);
      double v = std::numeric_limits<double>::quiet_NaN();
      try {
        const auto parsed = parse_number(t.cell(r, c), where);
        if (parsed) {
          v = *parsed;
        } else {
          problems.push_back(
              {errc::missing_value, where,
               fmt::format("missing value for unit '{}', column '{}': weights need every value", unit,
                           t.header[c])});
        }
      } catch (const error& e) {
        problems.insert(problems.end(), e.problems().begin(), e.problems().end());
      }
      m.values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c - 1)) = v;
    }
  }
  if (!problems.empty()) throw error(std::move(problems));
  return m;
}

}  // namespace

criteria_matrix read_criteria_csv(std::string_view text, std::string source) {
  return read_criteria(read_cells(text, std::move(source)));
}

criteria_matrix read_criteria_file(const std::string& path) { return read_criteria(read_cells_file(path)); }

criteria_matrix select_columns(const criteria_matrix& m, const std::vector<std::string>& names) {
  criteria_matrix out;
  out.units = m.units;
  out.columns = names;
  out.values.resize(m.values.rows(), static_cast<Eigen::Index>(names.size()));
  for (std::size_t k = 0; k < names.size(); ++k) {
    std::size_t c = 0;
    while (c < m.columns.size() && m.columns[c] != names[k]) ++c;
    if (c == m.columns.size()) {
      throw error(errc::unknown_column, names[k], fmt::format("no column '{}' in the values", names[k]));
    }
    out.values.col(static_cast<Eigen::Index>(k)) = m.values.col(static_cast<Eigen::Index>(c));
  }
  return out;
}

namespace {

derived_weights from_measure(std::string method, std::vector<std::string> names, Eigen::VectorXd measure,
                             const char* why =
                                 "every column is constant: the data cannot tell the criteria "
                                 "apart (use equal weights)") {
  derived_weights d;
  d.method = std::move(method);
  d.names = std::move(names);
  const double total = measure.sum();
  if (!(total > 0) || !std::isfinite(total)) throw error(errc::weights_undefined, d.method, why);
  d.weights = measure / total;
  d.measure = std::move(measure);
  return d;
}

void check_matrix(const criteria_matrix& m, const char* method) {
  const Eigen::Index rows = m.values.rows(), cols = m.values.cols();
  if (cols == 0) throw error(errc::bad_weights, method, "no criteria: give at least one column");
  if (rows < 2) {
    throw error(errc::too_few_units, method,
                fmt::format("{} weights need at least 2 units, got {}", method, rows));
  }
  std::vector<problem> problems;
  for (Eigen::Index j = 0; j < cols; ++j) {
    for (Eigen::Index i = 0; i < rows; ++i) {
      if (!std::isfinite(m.values(i, j))) {
        const std::string unit =
            static_cast<std::size_t>(i) < m.units.size() ? m.units[i] : fmt::format("#{}", i + 1);
        const std::string col =
            static_cast<std::size_t>(j) < m.columns.size() ? m.columns[j] : fmt::format("#{}", j + 1);
        problems.push_back(
            {errc::missing_value, unit + "/" + col, fmt::format("{} weights need every value", method)});
      }
    }
  }
  if (!problems.empty()) throw error(std::move(problems));
}

std::vector<std::string> names_of(const criteria_matrix& m) {
  std::vector<std::string> names = m.columns;
  for (auto j = static_cast<Eigen::Index>(names.size()); j < m.values.cols(); ++j)
    names.push_back(fmt::format("c{}", j + 1));
  return names;
}

bool constant(const Eigen::Ref<const Eigen::VectorXd>& x) {
  for (Eigen::Index i = 1; i < x.size(); ++i) {
    if (x[i] != x[0]) return false;
  }
  return true;
}

direction direction_of(const std::vector<direction>& d, Eigen::Index j) {
  return d.empty() ? direction::higher_is_better : d[static_cast<std::size_t>(j)];
}

void check_directions(const criteria_matrix& m, const std::vector<direction>& d) {
  if (!d.empty() && static_cast<Eigen::Index>(d.size()) != m.values.cols()) {
    throw error(errc::bad_weights, "",
                fmt::format("{} directions for {} columns: give one per column", d.size(), m.values.cols()));
  }
}

// Min-max scaled columns onto [0, 1] and their sample standard deviations.
Eigen::MatrixXd scaled_columns(const criteria_matrix& m, const std::vector<direction>& d) {
  Eigen::MatrixXd z(m.values.rows(), m.values.cols());
  for (Eigen::Index j = 0; j < z.cols(); ++j) {
    z.col(j) = normalise_minmax(m.values.col(j), bounds{0, 1}, direction_of(d, j));
  }
  return z;
}

double sample_sd(const Eigen::Ref<const Eigen::VectorXd>& x) {
  const double mean = x.mean();
  return std::sqrt((x.array() - mean).square().sum() / static_cast<double>(x.size() - 1));
}

}  // namespace

derived_weights equal_weights(std::vector<std::string> names) {
  if (names.empty()) throw error(errc::bad_weights, "equal", "no criteria: give at least one name");
  const auto n = static_cast<Eigen::Index>(names.size());
  return from_measure("equal", std::move(names), Eigen::VectorXd::Ones(n));
}

derived_weights roc_weights(std::vector<std::string> names) {
  if (names.empty()) throw error(errc::bad_weights, "roc", "no criteria: give at least one name");
  const auto n = static_cast<Eigen::Index>(names.size());
  Eigen::VectorXd w(n);
  double tail = 0;
  for (Eigen::Index i = n; i >= 1; --i) {
    tail += 1.0 / static_cast<double>(i);
    w[i - 1] = tail / static_cast<double>(n);
  }
  derived_weights d;
  d.method = "roc";
  d.names = std::move(names);
  d.weights = w;
  d.measure = w;
  return d;
}

derived_weights entropy_weights(const criteria_matrix& m) {
  check_matrix(m, "entropy");
  const Eigen::Index rows = m.values.rows(), cols = m.values.cols();
  std::vector<problem> problems;
  for (Eigen::Index j = 0; j < cols; ++j) {
    for (Eigen::Index i = 0; i < rows; ++i) {
      if (m.values(i, j) < 0) {
        const std::string unit =
            static_cast<std::size_t>(i) < m.units.size() ? m.units[i] : fmt::format("#{}", i + 1);
        problems.push_back(
            {errc::negative_value, unit + "/" + names_of(m)[j],
             fmt::format("value {} is negative: entropy weights need values >= 0", m.values(i, j))});
      }
    }
  }
  if (!problems.empty()) throw error(std::move(problems));
  const double log_m = std::log(static_cast<double>(rows));
  Eigen::VectorXd measure(cols);
  for (Eigen::Index j = 0; j < cols; ++j) {
    const auto x = m.values.col(j);
    if (constant(x)) {  // p = 1/m everywhere (or 0/0 for an all-zero column): e = 1
      measure[j] = 0;
      continue;
    }
    const double total = x.sum();
    double h = 0;
    for (Eigen::Index i = 0; i < rows; ++i) {
      const double p = x[i] / total;
      if (p > 0) h -= p * std::log(p);
    }
    const double d = 1 - h / log_m;
    measure[j] = d > 0 ? d : 0;
  }
  return from_measure("entropy", names_of(m), std::move(measure));
}

derived_weights critic_weights(const criteria_matrix& m, const std::vector<direction>& directions) {
  check_matrix(m, "critic");
  check_directions(m, directions);
  const Eigen::MatrixXd z = scaled_columns(m, directions);
  const Eigen::Index cols = z.cols();
  Eigen::VectorXd sd(cols);
  std::vector<bool> varies(static_cast<std::size_t>(cols));
  Eigen::MatrixXd centred = z;
  for (Eigen::Index j = 0; j < cols; ++j) {
    varies[static_cast<std::size_t>(j)] = !constant(m.values.col(j));
    sd[j] = varies[static_cast<std::size_t>(j)] ? sample_sd(z.col(j)) : 0.0;
    centred.col(j).array() -= z.col(j).mean();
  }
  Eigen::VectorXd measure = Eigen::VectorXd::Zero(cols);
  for (Eigen::Index j = 0; j < cols; ++j) {
    if (!varies[static_cast<std::size_t>(j)]) continue;
    double conflict = 0;
    for (Eigen::Index k = 0; k < cols; ++k) {
      if (!varies[static_cast<std::size_t>(k)]) continue;
      const double r = centred.col(j).dot(centred.col(k)) /
                       std::sqrt(centred.col(j).squaredNorm() * centred.col(k).squaredNorm());
      conflict += 1 - r;
    }
    measure[j] = sd[j] * conflict;
  }
  return from_measure("critic", names_of(m), std::move(measure),
                      "CRITIC needs at least two columns that vary and are not perfectly correlated "
                      "(every C_j is 0)");
}

derived_weights sd_weights(const criteria_matrix& m, const std::vector<direction>& directions) {
  check_matrix(m, "sd");
  check_directions(m, directions);
  const Eigen::MatrixXd z = scaled_columns(m, directions);
  Eigen::VectorXd measure(z.cols());
  for (Eigen::Index j = 0; j < z.cols(); ++j)
    measure[j] = constant(m.values.col(j)) ? 0.0 : sample_sd(z.col(j));
  return from_measure("sd", names_of(m), std::move(measure));
}

}  // namespace zoneperf
