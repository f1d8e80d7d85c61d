#include "zoneperf/text/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <ostream>
#include <vector>

#include "../detail/huge_pages.hpp"
#include "zoneperf/error.hpp"

namespace zoneperf {
namespace {
[[noreturn]] void fail(const std::string& path, const char* doing, int err) {
  throw error(errc::cannot_write, path, std::string(doing) + ": " + std::strerror(err));
}

struct input_file {
  dev_t dev;
  ino_t ino;
  std::string path;
};
struct input_registry {
  std::mutex m;
  bool on = false;
  std::vector<input_file> files;
};
input_registry& inputs() {
  static input_registry r;
  return r;
}

/// Error 403 when `path` names a file the command read.
void check_not_an_input(const std::string& path) {
  auto& r = inputs();
  std::lock_guard<std::mutex> lock(r.m);
  if (!r.on || r.files.empty()) return;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return;  // a new file cannot be an input
  for (const auto& f : r.files)
    if (f.dev == st.st_dev && f.ino == st.st_ino)
      throw error(errc::overwrites_input, path,
                  "is the input \"" + f.path + "\" of this command: write the output to another file");
}
}  // namespace

namespace detail {
void refuse_writing_over_inputs() {
  auto& r = inputs();
  std::lock_guard<std::mutex> lock(r.m);
  r.on = true;
}
void note_input(const std::string& path, int fd) {
  auto& r = inputs();
  std::lock_guard<std::mutex> lock(r.m);
  struct stat st {};
  if (r.on && fd >= 0 && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
    r.files.push_back({st.st_dev, st.st_ino, path});
}
}  // namespace detail

std::string read_text_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw error(errc::cannot_open, path, "cannot open file");
  detail::note_input(path, ::fileno(f));
  // Read straight into the string, sized from the file's size when it is a regular file (a
  // workbook's bytes are read whole: growing the string block by block copied them again).
  std::string out;
  struct stat st {};
  std::size_t step = std::size_t{1} << 16;
  if (::fstat(::fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
    step = static_cast<std::size_t>(st.st_size) + 1;  // + 1: the read that finds the end
  std::size_t size = 0, got;
  do {
    if (size == out.size()) {
      // 2 MB pages under a large file's bytes before resize() first touches them: a fault per 4 KB
      // page cost more than reading them
      out.reserve(size + step);
      detail::prefer_huge_pages(out.data(), out.capacity());
      out.resize(size + step);
    }
    got = std::fread(out.data() + size, 1, out.size() - size, f);
    size += got;
  } while (got > 0);
  out.resize(size);
  const bool bad = std::ferror(f) != 0;
  std::fclose(f);
  if (bad) throw error(errc::cannot_open, path, "cannot read file");
  return out;
}

output_file::output_file(std::string path) : path_(std::move(path)) {
  check_not_an_input(path_);
  std::string pattern = path_ + ".tmp-XXXXXX";
  fd_ = ::mkstemp(pattern.data());
  if (fd_ < 0) fail(path_, "cannot write", errno);
  temp_ = std::move(pattern);
  // mkstemp makes the file 0600; give it the permissions a new file would get (0666 & ~umask).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd_, 0666 & ~mask);
}

output_file::output_file(output_file&& o) noexcept
    : path_(std::move(o.path_)), temp_(std::move(o.temp_)), fd_(o.fd_), done_(o.done_) {
  o.fd_ = -1;
  o.done_ = true;
}

output_file::~output_file() {
  if (fd_ >= 0) ::close(fd_);
  if (!done_ && !temp_.empty()) ::unlink(temp_.c_str());
}

void output_file::write(std::string_view bytes) {
  if (fd_ < 0) throw error(errc::cannot_write, path_, "written after it was finished");
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(path_, "cannot write", errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

void output_file::finish() {
  if (fd_ < 0) return;
  const int fd = fd_;
  fd_ = -1;
  if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
    const int err = errno;
    ::close(fd);
    fail(path_, "cannot write", err);
  }
  if (::close(fd) != 0) fail(path_, "cannot write", errno);
}

void output_file::commit() {
  finish();
  if (done_) return;
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) fail(path_, "cannot replace the file", errno);
  done_ = true;
}

output_file& output_batch::add(std::string path) {
  files_.push_back(std::make_unique<output_file>(path));
  paths_.push_back(std::move(path));
  return *files_.back();
}

void output_batch::commit() {
  for (auto& f : files_) f->finish();
  for (auto& f : files_) f->commit();
}

text_output::text_output(output_file& file) : file_(&file), name_(file.path()) { buf_.reserve(block); }

text_output::text_output(std::ostream& stream, std::string name) : stream_(&stream), name_(std::move(name)) {
  buf_.reserve(block);
}

text_output::~text_output() {
  try {
    flush();
  } catch (...) {
  }
}

void text_output::flush() {
  if (!file_ && !stream_) return;
  if (buf_.empty()) {
    if (stream_ && !stream_->flush()) throw error(errc::cannot_write, name_, "cannot write");
    return;
  }
  if (file_) {
    file_->write(buf_);
  } else {
    stream_->write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    if (!stream_->flush()) throw error(errc::cannot_write, name_, "cannot write");
  }
  buf_.clear();
}

}  // namespace zoneperf
