// report.pdf through headless Chromium: find the browser, print a copy of the page with the paper
// size set, within a time limit, into a temporary renamed over report.pdf.
#include "pdf.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <thread>
#include <vector>

#include "zoneperf/error.hpp"
#include "zoneperf/text/file.hpp"

namespace zoneperf::cli {
namespace {
namespace fs = std::filesystem;

std::string on_path(const std::string& name) {
  if (name.find('/') != std::string::npos) return ::access(name.c_str(), X_OK) == 0 ? name : "";
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t end = std::min(dirs.find(':', start), dirs.size());
    const std::string dir = dirs.substr(start, end - start);
    const std::string full = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(full.c_str(), X_OK) == 0 && !fs::is_directory(full)) return full;
    start = end + 1;
  }
  return "";
}

// A folder of our own under the temporary directory, removed with everything in it.
struct temp_folder {
  std::string path;
  temp_folder() {
    std::string pattern = (fs::temp_directory_path() / "zoneperf-pdf-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
      throw error(errc::cannot_write, pattern, "cannot create a temporary folder for the browser");
    path = pattern;
  }
  ~temp_folder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  temp_folder(const temp_folder&) = delete;
  temp_folder& operator=(const temp_folder&) = delete;
};

// The page with the paper size set: a style element before </head> (the report itself leaves the
// size to the print dialog). The copy is never shown to anyone but the browser.
std::string with_paper(std::string page, paper size) {
  const std::string rule =
      std::string("<style>@page { size: ") + (size == paper::letter ? "letter" : "A4") + "; }</style>";
  const std::size_t head = page.find("</head>");
  if (head == std::string::npos) return rule + page;
  page.insert(head, rule);
  return page;
}

// The last non-empty line of the browser's log, for a message.
std::string last_line(const std::string& log_path) {
  std::string log;
  try {
    log = read_text_file(log_path);
  } catch (const error&) {
    return "";
  }
  while (!log.empty() && (log.back() == '\n' || log.back() == '\r' || log.back() == ' ')) log.pop_back();
  const std::size_t nl = log.find_last_of('\n');
  std::string line = nl == std::string::npos ? log : log.substr(nl + 1);
  if (line.size() > 300) line = line.substr(0, 300) + "...";
  return line;
}

// Runs argv in a process group of its own, output to `log`; kills the group after `timeout_seconds`.
// Returns the exit status, or -1 when it was killed or died of a signal.
int run_bounded(const std::vector<std::string>& argv, const std::string& log, int timeout_seconds,
                bool& timed_out) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw error(errc::program_failed, argv[0], "cannot start the browser: fork failed");
  if (pid == 0) {
    ::setpgid(0, 0);
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int null_in = ::open("/dev/null", O_RDONLY);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    if (null_in >= 0) ::dup2(null_in, 0);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // either this or the child's own call wins; both make the same group
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  int status = 0;
  timed_out = false;
  for (;;) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (r < 0 && errno != EINTR) return -1;
    if (std::chrono::steady_clock::now() >= deadline) {
      timed_out = true;
      ::kill(-pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(-pid, SIGKILL);  // helpers the browser left behind (none when it exits cleanly)
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
}  // namespace

void add_pdf_options(CLI::App& app, pdf_request& r) {
  static const std::map<std::string, paper> names = {{"a4", paper::a4}, {"letter", paper::letter}};
  app.add_flag(
      "--pdf", r.pdf,
      "Also print report.html to report.pdf through headless Chromium (chromium, chromium-browser or "
      "google-chrome on PATH, or $ZONEPERF_CHROMIUM); exit status 3 when there is none");
  app.add_option("--paper", r.size, "Paper for --pdf (default: a4)")
      ->transform(CLI::CheckedTransformer(names, CLI::ignore_case).description(""))
      ->type_name("a4|letter");
}

std::string find_chromium() {
  if (const char* env = std::getenv("ZONEPERF_CHROMIUM"); env && *env) return on_path(env);
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"})
    if (std::string p = on_path(name); !p.empty()) return p;
  return "";
}

void print_pdf(const std::string& html, const std::string& pdf, paper size, int timeout_seconds) {
  const std::string browser = find_chromium();
  if (browser.empty()) {
    const char* env = std::getenv("ZONEPERF_CHROMIUM");
    throw error(errc::program_missing, pdf,
                env && *env
                    ? "--pdf: ZONEPERF_CHROMIUM names \"" + std::string(env) +
                          "\", which is not an executable program; the other files are written"
                    : std::string("--pdf needs Chromium, and none of chromium, chromium-browser, "
                                  "google-chrome is on PATH: install it (Debian: apt-get install "
                                  "chromium) or set ZONEPERF_CHROMIUM to the browser; the other files "
                                  "are written"));
  }
  const temp_folder tmp;
  const std::string page = tmp.path + "/page.html";
  {
    output_file f(page);
    f.write(with_paper(read_text_file(html), size));
    f.commit();
  }
  output_file out(pdf);  // the browser writes the temporary; renamed over report.pdf once checked
  const std::vector<std::string> argv = {browser,
                                         "--headless",
                                         "--no-sandbox",
                                         "--disable-gpu",
                                         "--no-first-run",
                                         "--disable-background-networking",
                                         "--disable-component-update",
                                         "--disable-sync",
                                         "--user-data-dir=" + tmp.path + "/profile",
                                         "--no-pdf-header-footer",
                                         "--print-to-pdf=" + out.temp_path(),
                                         "file://" + page};
  bool timed_out = false;
  const std::string log = tmp.path + "/browser.log";
  const int status = run_bounded(argv, log, timeout_seconds, timed_out);
  if (timed_out)
    throw error(errc::program_failed, pdf,
                browser + " did not finish printing within " + std::to_string(timeout_seconds) +
                    " s: stopped; the other files are written");
  std::string bytes;
  try {
    bytes = read_text_file(out.temp_path());
  } catch (const error&) {
  }
  if (status != 0 || bytes.compare(0, 5, "%PDF-") != 0) {
    const std::string why = last_line(log);
    throw error(errc::program_failed, pdf,
                browser +
                    (status != 0 ? " failed (exit status " + std::to_string(status) + ")"
                                 : std::string(" wrote no PDF")) +
                    (why.empty() ? std::string() : ": " + why) + "; the other files are written");
  }
  out.commit();
}

void print_report_pdf(std::ostream& out, const std::string& dir, paper size) {
  const std::string base = dir.empty() || dir.back() == '/' ? dir : dir + "/";
  // ZONEPERF_PDF_TIMEOUT: seconds before the browser is stopped (120 by default).
  int timeout = 120;
  if (const char* t = std::getenv("ZONEPERF_PDF_TIMEOUT"); t && *t) {
    char* end = nullptr;
    const long v = std::strtol(t, &end, 10);
    if (*end != '\0' || v <= 0 || v > 3600)
      throw error(errc::bad_value, "ZONEPERF_PDF_TIMEOUT",
                  "\"" + std::string(t) + "\" is not a number of seconds from 1 to 3600");
    timeout = static_cast<int>(v);
  }
  print_pdf(base + "report.html", base + "report.pdf", size, timeout);
  out << "wrote\n  " << base << "report.pdf\n";
}

}  // namespace zoneperf::cli
