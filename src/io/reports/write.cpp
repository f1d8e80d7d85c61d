// write_reports: every format into one folder.
#include <filesystem>
#include <fstream>

#include "zoneperf/error.hpp"
#include "zoneperf/io/reports.hpp"

namespace zoneperf {
namespace {
void write_text(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  if (!f) throw error(errc::cannot_write, path, "cannot open for writing");
  f.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!f) throw error(errc::cannot_write, path, "cannot write");
}
}  // namespace

std::vector<std::string> write_reports(const report_data& data, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw error(errc::cannot_write, dir, "cannot create the folder: " + ec.message());
  const std::string base = dir.empty() || dir.back() == '/' ? dir : dir + "/";
  std::vector<std::string> paths;
  write_text(base + "report.html", report_html(data));
  paths.push_back(base + "report.html");
  write_report_workbook(data, base + "report.xlsx");
  paths.push_back(base + "report.xlsx");
  write_text(base + "report.md", report_markdown(data));
  paths.push_back(base + "report.md");
  for (const auto& t : report_tables(data)) {
    write_text(base + "report_" + t.name + ".csv", table_csv(t));
    paths.push_back(base + "report_" + t.name + ".csv");
  }
  return paths;
}

}  // namespace zoneperf
