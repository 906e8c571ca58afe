// libsystemd, as paced needs it: sd_notify, sd_listen_fds and sd_watchdog_enabled
// (sd-daemon.h), and sd_journal_sendv (sd-journal.h; the variadic sd_journal_send
// cannot be called from Swift).
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
