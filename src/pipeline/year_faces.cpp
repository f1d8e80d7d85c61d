#include "zoneperf/pipeline/year_faces.hpp"

#include <algorithm>

namespace zoneperf {

const task_force_check& year_of_faces::at(std::size_t task_force, int month) const {
  if (month < 1 || month > static_cast<int>(months.size()))
    throw error(errc::not_a_month, std::to_string(year) + " month " + std::to_string(month),
                month < 1 || month > 12 ? "a month is 1 to 12" : "not checked: after the as-of date");
  return months[static_cast<std::size_t>(month - 1)].task_forces.at(task_force);
}

face_tally year_of_faces::tally(std::size_t task_force) const {
  face_tally t;
  for (const monthly_check& m : months) switch (m.task_forces.at(task_force).verdict) {
      case face::smile:
        ++t.smiles;
        break;
      case face::cry:
        ++t.cries;
        break;
      case face::none:
        ++t.none;
        break;
    }
  return t;
}

year_of_faces check_year(const registry& r, int year, const year_check_options& options) {
  const period y = period::year(year);
  year_of_faces out;
  out.year = year;
  out.as_of = options.as_of ? std::min(*options.as_of, y.last()) : y.last();
  if (out.as_of < y.first())
    throw error(errc::not_a_month, y.label(),
                "the as-of date " + to_string(out.as_of) + " is before the year");
  out.task_forces = r.task_forces();
  check_options co;
  co.zone = options.zone;
  co.weights = options.weights;
  co.fixed = options.fixed;
  for (int m = 1; m <= 12; ++m) {
    const period month = period::month(year, m);
    if (month.first() > out.as_of) break;
    co.as_of = std::min(out.as_of, month.last());
    out.months.push_back(check_month(r, month, co));
  }
  return out;
}

}  // namespace zoneperf
