// write_reports: every format into one folder.
#include <filesystem>

#include "zoneperf/error.hpp"
#include "zoneperf/io/reports.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"

namespace zoneperf {
std::vector<std::string> write_reports(const report_data& data, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw error(errc::cannot_write, dir, "cannot create the folder: " + ec.message());
  const std::string base = dir.empty() || dir.back() == '/' ? dir : dir + "/";
  // Every file goes to a temporary first; they replace the old ones only when all are complete.
  output_batch batch;
  batch.add(base + "report.html").write(report_html(data));
  write_report_workbook(data, batch.add(base + "report.xlsx").temp_path());
  batch.add(base + "report.md").write(report_markdown(data));
  for (const auto& t : report_tables(data))
    write_csv_file(batch.add(base + "report_" + t.name + ".csv"), table_csv(t));
  batch.commit();
  return batch.paths();
}

}  // namespace zoneperf
