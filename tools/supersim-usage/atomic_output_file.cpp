#include "atomic_output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace supersim_usage {
namespace {

std::string Reason(int error) {
  return std::strerror(error);
}

// "dir/name" -> {"dir/", "name"}; "name" -> {"", "name"}.
std::pair<std::string, std::string> SplitPath(const std::string& path) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return {"", path};
  return {path.substr(0, slash + 1), path.substr(slash + 1)};
}

}  // namespace

void TempFileRegistry::RemoveNow() noexcept {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!path_.empty()) ::unlink(path_.c_str());
  path_.clear();
}

AtomicOutputFile::AtomicOutputFile(std::string path, mode_t umask, TempFileRegistry& registry)
    : path_(std::move(path)), registry_(registry) {
  struct stat existing {};
  const bool exists = ::stat(path_.c_str(), &existing) == 0;
  if (exists && S_ISDIR(existing.st_mode)) {
    throw OutputFileError("--output: " + path_ + " is a folder, not a file");
  }
  if (exists && !S_ISREG(existing.st_mode)) {
    // A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written to as `> FILE` would:
    // renaming a file over it would replace /dev/null with a regular file.
    direct_ = true;
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) throw OutputFileError("--output: cannot open " + path_ + ": " + Reason(errno));
    temp_path_ = path_;
    return;
  }
  // A symbolic link keeps pointing where it did: the file it names is the one replaced.
  if (exists) {
    if (char* resolved = ::realpath(path_.c_str(), nullptr)) {
      path_ = resolved;
      std::free(resolved);
    }
  }
  auto [folder, name] = SplitPath(path_);
  if (name.empty() || name == "." || name == "..") {
    throw OutputFileError("--output: " + path_ + " is a folder, not a file");
  }
  // Hidden, and in the same folder: rename() is atomic only within one file system.
  std::string pattern = folder + "." + name + ".XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  std::lock_guard<std::mutex> lock(registry_.mutex_);
  fd_ = ::mkostemp(buffer.data(), O_CLOEXEC);
  if (fd_ < 0) {
    throw OutputFileError("--output: cannot create a file in " +
                          (folder.empty() ? std::string("the current folder") : folder) + " for " +
                          path_ + ": " + Reason(errno));
  }
  temp_path_ = buffer.data();
  registry_.path_ = temp_path_;
  // mkstemp makes 0600; the finished file gets what a plain `> FILE` would have made.
  if (::fchmod(fd_, 0666 & ~umask) != 0) {
    int error = errno;
    ::close(fd_);
    ::unlink(temp_path_.c_str());
    registry_.path_.clear();
    throw OutputFileError("--output: cannot set the mode of " + temp_path_ + ": " + Reason(error));
  }
}

AtomicOutputFile::~AtomicOutputFile() {
  if (!committed_) Discard();
}

void AtomicOutputFile::Discard() noexcept {
  if (direct_) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    return;
  }
  std::lock_guard<std::mutex> lock(registry_.mutex_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  // The registry's path is cleared by a second Ctrl-C's RemoveNow, which unlinked it already.
  if (registry_.path_ == temp_path_) ::unlink(temp_path_.c_str());
  registry_.path_.clear();
}

void AtomicOutputFile::Commit() {
  auto fail = [&](const std::string& what, int error) {
    Discard();
    throw OutputFileError("--output: " + what + ": " + Reason(error));
  };
  if (direct_) {
    const int fd = fd_;
    fd_ = -1;
    committed_ = true;
    if (::close(fd) != 0) fail("cannot write " + path_, errno);
    return;
  }
  if (::fsync(fd_) != 0) fail("cannot write " + temp_path_, errno);
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail("cannot write " + temp_path_, errno);
  {
    std::lock_guard<std::mutex> lock(registry_.mutex_);
    if (registry_.path_ != temp_path_) {
      // Removed by RemoveNow (the process is exiting): nothing to rename.
      throw OutputFileError("--output: " + temp_path_ + " was removed before completion");
    }
    if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
      int error = errno;
      ::unlink(temp_path_.c_str());
      registry_.path_.clear();
      committed_ = true;  // nothing left to discard
      throw OutputFileError("--output: cannot rename " + temp_path_ + " to " + path_ + ": " +
                            Reason(error));
    }
    registry_.path_.clear();
    committed_ = true;
  }
  // The rename is durable once the folder's entry is on disk; a folder that cannot be synced
  // (some file systems refuse) still holds the complete file.
  std::string folder = SplitPath(path_).first;
  int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

}  // namespace supersim_usage
