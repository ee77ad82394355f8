// Finding the fake server's own TCP connections among the process's open sockets, so that a
// fault can drop one without answering and Stop() can end idle keep-alive connections
// (cpp-httplib 0.11 gives handlers no access to the socket). POSIX; Linux lists the open
// descriptors in /proc/self/fd, elsewhere the first 4096 are probed.
#pragma once

namespace twilio::test_support::fake {

/// Shuts down (both directions) the connected socket whose local port is `local_port` and whose
/// peer port is `remote_port`. Returns false when there is none.
bool ShutdownConnection(int local_port, int remote_port);

/// Shuts down every connected socket whose local port is `local_port` (the server's port, so
/// only connections the server accepted).
void ShutdownConnectionsOnPort(int local_port);

}  // namespace twilio::test_support::fake
