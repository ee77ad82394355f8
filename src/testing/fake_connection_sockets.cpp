#include "testing/fake_connection_sockets.hpp"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdlib>
#include <optional>
#include <vector>

namespace twilio::test_support::fake {
namespace {

std::vector<int> OpenDescriptors() {
  std::vector<int> fds;
  if (DIR* dir = opendir("/proc/self/fd")) {
    while (const dirent* entry = readdir(dir)) {
      if (entry->d_name[0] >= '0' && entry->d_name[0] <= '9') {
        fds.push_back(std::atoi(entry->d_name));
      }
    }
    closedir(dir);
    return fds;
  }
  for (int fd = 0; fd < 4096; ++fd) fds.push_back(fd);
  return fds;
}

std::optional<int> PortOf(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
  }
  if (address.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
  }
  return std::nullopt;
}

// The local and peer ports of `fd` when it is a connected TCP/IP socket.
std::optional<std::pair<int, int>> Ports(int fd) {
  sockaddr_storage local{};
  socklen_t local_size = sizeof local;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_size) != 0) return std::nullopt;
  sockaddr_storage peer{};
  socklen_t peer_size = sizeof peer;
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_size) != 0) return std::nullopt;
  const auto local_port = PortOf(local);
  const auto peer_port = PortOf(peer);
  if (!local_port || !peer_port) return std::nullopt;
  return std::make_pair(*local_port, *peer_port);
}

}  // namespace

bool ShutdownConnection(int local_port, int remote_port) {
  for (int fd : OpenDescriptors()) {
    const auto ports = Ports(fd);
    if (ports && ports->first == local_port && ports->second == remote_port) {
      return shutdown(fd, SHUT_RDWR) == 0;
    }
  }
  return false;
}

void ShutdownConnectionsOnPort(int local_port) {
  // A descriptor closed and reused between the check and the shutdown could be hit; in a test
  // process stopping its server that window is negligible.
  for (int fd : OpenDescriptors()) {
    const auto ports = Ports(fd);
    if (ports && ports->first == local_port) shutdown(fd, SHUT_RDWR);
  }
}

}  // namespace twilio::test_support::fake
