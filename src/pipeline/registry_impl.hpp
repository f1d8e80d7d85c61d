#pragma once
// The registry's Boost.MultiIndex container (private to the library's sources).
#include <boost/multi_index/composite_key.hpp>
#include <boost/multi_index/hashed_index.hpp>
#include <boost/multi_index/mem_fun.hpp>
#include <boost/multi_index/member.hpp>
#include <boost/multi_index/ordered_index.hpp>
#include <boost/multi_index/sequenced_index.hpp>
#include <boost/multi_index_container.hpp>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "zoneperf/pipeline/registry.hpp"

namespace zoneperf {
namespace detail {
namespace mi = boost::multi_index;

struct by_order {};
struct by_id {};
struct by_task_force_stage {};
struct by_stage_date {};

struct id_hash {
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
struct id_equal {
  bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
};

using project_container = mi::multi_index_container<
    project,
    mi::indexed_by<
        mi::sequenced<mi::tag<by_order>>,
        mi::hashed_unique<mi::tag<by_id>, mi::member<project, std::string, &project::id>, id_hash, id_equal>,
        mi::ordered_non_unique<
            mi::tag<by_task_force_stage>,
            mi::composite_key<project, mi::member<project, std::string, &project::task_force>,
                              mi::const_mem_fun<project, stage, &project::current>,
                              mi::member<project, std::string, &project::id>>>,
        mi::ordered_non_unique<
            mi::tag<by_stage_date>,
            mi::composite_key<project, mi::const_mem_fun<project, stage, &project::current>,
                              mi::const_mem_fun<project, date, &project::current_date>>>>>;

/// A problem with a project's stage dates, before it is given a place.
struct date_problem {
  int code;
  stage at;  ///< the stage whose date is wrong
  std::string what;
};
/// Stage order, skipped stages, dates out of order, dates after as_of, no contacted date.
std::vector<date_problem> check_dates(const project& p, date as_of);

}  // namespace detail

struct registry::impl {
  std::vector<std::string> task_forces;
  std::unordered_map<std::string, std::size_t> task_force_index;
  date as_of;
  detail::project_container projects;
};

}  // namespace zoneperf
