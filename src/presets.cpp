#include "zoneperf/presets.hpp"

#include <algorithm>

#include "zoneperf/detail/embedded.hpp"

namespace zoneperf {
namespace {
constexpr std::string_view preset_dir = "presets/";
constexpr std::string_view suffix = ".json";
}  // namespace

std::vector<std::string> preset_names() {
  std::vector<std::string> names;
  for (const auto& f : detail::embedded_files()) {
    std::string_view p = f.path;
    if (p.substr(0, preset_dir.size()) != preset_dir) continue;
    p.remove_prefix(preset_dir.size());
    if (p.find('/') != std::string_view::npos || p.size() <= suffix.size() ||
        p.substr(p.size() - suffix.size()) != suffix)
      continue;
    names.emplace_back(p.substr(0, p.size() - suffix.size()));
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string_view preset_json(std::string_view name) {
  const std::string path = std::string(preset_dir) + std::string(name) + std::string(suffix);
  for (const auto& f : detail::embedded_files())
    if (f.path == path) return f.text;
  std::string known;
  for (const auto& n : preset_names()) known += (known.empty() ? "" : ", ") + n;
  throw error(errc::unknown_preset, std::string(name), "unknown preset (known: " + known + ")");
}

indicator_tree load_preset(std::string_view name) {
  return indicator_tree::from_json(preset_json(name), "preset:" + std::string(name));
}

std::string_view sample_file(std::string_view path) {
  const std::string full = "samples/" + std::string(path);
  for (const auto& f : detail::embedded_files())
    if (f.path == full) return f.text;
  throw error(errc::cannot_open, full, "no such sample file in the library");
}

}  // namespace zoneperf
