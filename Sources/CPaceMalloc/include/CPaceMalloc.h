#ifndef CPACEMALLOC_H
#define CPACEMALLOC_H

/// Caps the number of glibc malloc arenas at `arenas` (mallopt(M_ARENA_MAX, arenas)).
/// glibc otherwise makes up to 8 per core, one for each thread that finds the others
/// busy; memory freed in one arena is not reused by another, so a daemon whose requests
/// move between threads keeps the high-water mark of each.
///
/// Returns 1 when glibc took the setting, 0 when it refused it (`arenas` < 1).
int pace_malloc_limit_arenas(int arenas);

#endif
