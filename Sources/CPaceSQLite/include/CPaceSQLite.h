#ifndef CPACESQLITE_H
#define CPACESQLITE_H

/// Turns off SQLite's memory statistics for the whole process
/// (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0), a variadic call Swift cannot make).
/// With them on, every sqlite3_malloc and sqlite3_free of every connection takes one
/// global mutex, which two threads using SQLite at once then queue on.
///
/// Only before SQLite initialises (the first connection opened): returns SQLITE_OK (0),
/// or SQLITE_MISUSE (21) once SQLite has initialised, when nothing changes.
int pace_sqlite_disable_memstatus(void);

#endif
