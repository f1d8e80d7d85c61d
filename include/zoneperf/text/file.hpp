#pragma once
/// Files: reading whole, reading in blocks, and writing so that a file is either the old one or the
/// complete new one.
///
/// Synopsis
///   std::string read_text_file(const std::string& path);            // error 401
///   class output_file;   // a temporary beside the path, renamed over it by commit()
///   class output_batch;  // several output_files, renamed only when every one is complete
///   class text_output;   // buffered text to an output_file or a std::ostream, checked on flush
///
/// An output_file is written to "<path>.tmp-XXXXXX" in the same folder; commit() flushes, checks
/// every write and the close, and renames it over `path` (atomic on POSIX). A file never committed
/// (an error, an exception, a kill) leaves `path` as it was and its temporary is removed when the
/// object is destroyed. A full disk, a closed pipe or an unwritable folder is error 402 naming the
/// path, never a silent truncation.
#include <cstddef>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace zoneperf {

/// Reads a whole file as bytes (error 401 when it cannot be opened or read).
std::string read_text_file(const std::string& path);

class output_file {
 public:
  /// Creates the temporary beside `path` (error 402 when the folder cannot hold it).
  explicit output_file(std::string path);
  output_file(output_file&&) noexcept;
  output_file& operator=(output_file&&) = delete;
  output_file(const output_file&) = delete;
  output_file& operator=(const output_file&) = delete;
  ~output_file();  ///< removes the temporary when not committed

  const std::string& path() const noexcept { return path_; }
  /// The temporary's path, for a library that writes a file by name (the workbook writer).
  const std::string& temp_path() const noexcept { return temp_; }
  /// Writes every byte (error 402 on any failure).
  void write(std::string_view bytes);
  /// Flushes and closes the temporary, checking both (error 402); the file is complete on disk.
  void finish();
  /// finish(), then renames the temporary over path().
  void commit();

 private:
  std::string path_, temp_;
  int fd_ = -1;
  bool done_ = false;
};

/// Several files written together: each to its temporary; commit() renames them only when every
/// one was written completely, so a failed command leaves all the old files in place.
class output_batch {
 public:
  output_file& add(std::string path);
  void commit();
  const std::vector<std::string>& paths() const noexcept { return paths_; }

 private:
  std::vector<std::unique_ptr<output_file>> files_;
  std::vector<std::string> paths_;
};

/// Text built in a buffer and passed on in large blocks: to an output_file, or to a std::ostream
/// (checked: a stream that fails is error 402 naming `name`).
class text_output {
 public:
  /// Text kept in memory: str() gives it.
  text_output() = default;
  explicit text_output(output_file& file);
  text_output(std::ostream& stream, std::string name);
  text_output(const text_output&) = delete;
  text_output& operator=(const text_output&) = delete;
  ~text_output();  ///< passes on what is left, ignoring errors (call flush() to see them)

  /// The buffer to append to; call maybe_flush() now and then.
  std::string& buffer() noexcept { return buf_; }
  text_output& operator<<(std::string_view s) {
    buf_.append(s);
    return *this;
  }
  text_output& operator<<(char c) {
    buf_.push_back(c);
    return *this;
  }
  /// Passes the buffer on when it holds more than a block (1 MiB).
  void maybe_flush() {
    if (buf_.size() >= block && (file_ || stream_)) flush();
  }
  /// Passes every buffered byte on (error 402 on failure); in memory, does nothing.
  void flush();
  /// Text kept in memory.
  const std::string& str() const noexcept { return buf_; }

  static constexpr std::size_t block = std::size_t{1} << 20;

 private:
  output_file* file_ = nullptr;
  std::ostream* stream_ = nullptr;
  std::string name_;
  std::string buf_;
};

namespace detail {
/// For a command-line tool: from this call on, every file read (read_text_file, csv_source) is
/// remembered by device and inode, and an output_file whose path is one of them is error 403
/// naming both paths, before anything is written (`--values-out reg.csv` over `--file reg.csv`
/// once replaced a registry). Off by default: a library caller may rewrite a file it read.
void refuse_writing_over_inputs();
/// Remembers the file open on `fd` (read as `path`) as an input when refusing is on.
void note_input(const std::string& path, int fd);
}  // namespace detail

}  // namespace zoneperf
