#ifndef CPACEMALLOC_H
#define CPACEMALLOC_H

/// Caps the number of glibc malloc arenas at `arenas` (mallopt(M_ARENA_MAX, arenas)).
/// Without a cap, each new thread gets an arena of its own at its first allocation
/// until there are 8 per core; memory freed in one arena is not reused by another.
///
/// Returns 1 when glibc took the setting, 0 when it refused it (`arenas` < 1).
int pace_malloc_limit_arenas(int arenas);

#endif
