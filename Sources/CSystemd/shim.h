// libsystemd, as paced needs it: sd_notify (sd-daemon.h). sd_journal_sendv comes
// with the journal notifications.
#include <systemd/sd-daemon.h>
