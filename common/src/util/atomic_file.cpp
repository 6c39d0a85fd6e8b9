// Output files written atomically (--plot, --network --output): no partial file on failure.
#include "util/atomic_file.h"

#include <fcntl.h>
#include <newsdex/error.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace newsdex::util {

void write_file_atomically(const std::string& bytes, const std::string& path,
                           const std::string& what) {
  auto fail = [&](int err) {
    throw Error(ErrorCode::io, "cannot write " + what + " " + path + ": " + std::strerror(err));
  };
  // A hidden name in the target's directory, so rename() is atomic and readers never see it.
  static std::atomic<unsigned> counter{0};
  const std::size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string tmp;
  int fd = -1;
  for (int attempt = 0; fd < 0; ++attempt) {
    tmp = dir + "." + base + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    // 0666 so the umask decides the final mode, as for any file the user creates.
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && (errno != EEXIST || attempt >= 100)) fail(errno);
  }
  int err = 0;
  for (std::size_t done = 0; done < bytes.size() && err == 0;) {
    const ssize_t wrote = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (wrote >= 0) {
      done += static_cast<std::size_t>(wrote);
    } else if (errno != EINTR) {
      err = errno;
    }
  }
  // Without fsync a crash after rename() could leave an empty file under the final name.
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
  if (err != 0) {
    ::unlink(tmp.c_str());
    fail(err);
  }
}

void check_writable_path(const std::string& path, const std::string& what) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path p(path);
  const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  if (fs::is_directory(p, ec)) {
    throw Error(ErrorCode::io, "cannot write " + what + " " + path + ": is a directory");
  }
  if (!fs::is_directory(dir, ec)) {
    throw Error(ErrorCode::io,
                "cannot write " + what + " " + path + ": no directory " + dir.string());
  }
  if (::access(dir.c_str(), W_OK) != 0) {
    throw Error(ErrorCode::io, "cannot write " + what + " " + path + ": " + std::strerror(errno));
  }
}

}  // namespace newsdex::util
