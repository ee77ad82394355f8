// --output FILE: the listing goes to a temporary file next to FILE, which becomes FILE (by
// rename, atomically) only once the listing is complete. An error or an interrupt removes it,
// so FILE is either untouched or whole. A FILE that exists and is not a regular file (a device
// such as /dev/null, a FIFO) cannot be replaced atomically and is written to directly.
#pragma once

#include <sys/types.h>

#include <mutex>
#include <stdexcept>
#include <string>

namespace supersim_usage {

/// The output file could not be created, written, synced or renamed; what() names the path.
class OutputFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The temporary file not yet renamed, for a process that must exit at once from another thread
/// (a second Ctrl-C): it can remove the file without racing the rename.
class TempFileRegistry {
 public:
  /// Removes the registered file, if any. Callable from any thread.
  void RemoveNow() noexcept;

 private:
  friend class AtomicOutputFile;
  std::mutex mutex_;  // guards path_, and is held across the rename
  std::string path_;
};

class AtomicOutputFile {
 public:
  /// Creates `.NAME.XXXXXX` (mkstemp) in the folder of `path` (NAME its last component; for a
  /// symbolic link, of the file it names) with mode 0666 & ~`umask`, as a plain `> FILE` would,
  /// and registers it in `registry`; opens `path` itself when it is a device or a FIFO. Throws
  /// OutputFileError.
  AtomicOutputFile(std::string path, mode_t umask, TempFileRegistry& registry);
  /// Removes the temporary file unless Commit() succeeded.
  ~AtomicOutputFile();
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

  /// Where to write the content.
  int Fd() const noexcept { return fd_; }
  const std::string& TempPath() const noexcept { return temp_path_; }

  /// fsync()s and closes the file, renames it over `path`, then fsync()s the folder so the
  /// rename itself lasts. Throws OutputFileError (the temporary file is then removed).
  void Commit();

 private:
  void Discard() noexcept;

  std::string path_;
  std::string temp_path_;
  TempFileRegistry& registry_;
  int fd_ = -1;
  bool committed_ = false;
  bool direct_ = false;  // writing to a device or FIFO in place: nothing to rename or remove
};

}  // namespace supersim_usage
