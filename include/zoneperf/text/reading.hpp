#pragma once
/// How the tables of one piece of work are read, for the readers that take a file: the encoding of
/// CSV files, and where the notes a reader leaves go. Set once around the work (a command of the
/// command-line tool, a call from a binding) instead of through every reader's arguments.
///
/// Synopsis
///   enum class text_encoding { automatic, utf8, gb18030 };
///   struct reading_options { text_encoding encoding; note_callback notes; };
///   reading_scope scope(options);   // this thread's readers follow `options` while it lives
///
/// A note is not an error and changes no result, but is worth saying (today: a CSV "read as
/// GB18030"); a command-line tool prints it on stderr. Scopes nest (the innermost counts) and
/// belong to the thread that made them; without one, CSV encodings are detected and notes dropped.
#include <functional>
#include <string>

namespace zoneperf {

/// How a CSV's bytes are decoded (zoneperf/text/csv.hpp): UTF-8 unless the file is mostly not
/// UTF-8 and then GB18030 (automatic), or the one given.
enum class text_encoding { automatic, utf8, gb18030 };

/// Receives (where, what): the file and the note.
using note_callback = std::function<void(const std::string& where, const std::string& what)>;

struct reading_options {
  text_encoding encoding = text_encoding::automatic;
  note_callback notes;  ///< empty: notes are dropped
};

class reading_scope {
 public:
  /// `options` must outlive the scope; changes to it are seen by the readers.
  explicit reading_scope(const reading_options& options);
  ~reading_scope();
  reading_scope(const reading_scope&) = delete;
  reading_scope& operator=(const reading_scope&) = delete;

 private:
  const reading_options* outer_;
};

namespace detail {
/// The options of this thread's innermost scope (the defaults without one).
const reading_options& current_reading();
/// Passes a note to the innermost scope's callback, if any.
void leave_note(const std::string& where, const std::string& what);
}  // namespace detail

}  // namespace zoneperf
