import CPaceMalloc

/// glibc's malloc arenas: the pools threads allocate from.
public enum MallocArenas {
    /// Caps the arenas at `count` (glibc's `M_ARENA_MAX`).
    ///
    /// Without a cap, glibc gives each new thread an arena of its own at its first
    /// allocation, up to 8 per core, and memory freed in one arena is not reused by
    /// another. paced's requests move between threads (event loops, the concurrency
    /// pool, the blocking pool, the writer), so each arena kept the high-water mark of
    /// what ran on it. One arena per core, in `make bench` with 100,000 events, the
    /// same binaries in one sitting: paced's peak RSS 61.2 against 55.2 MiB, appends
    /// per second as noisy as ever (12,842 against 14,305).
    ///
    /// glibc reads the cap when it next needs an arena: call this before the threads
    /// that should share arenas start. Arenas made before stay, and glibc fixes its own
    /// limit (ignoring this) once it has made more than 8.
    ///
    /// - Returns: whether glibc took the setting (false for `count` < 1).
    @discardableResult
    public static func limit(to count: Int) -> Bool {
        pace_malloc_limit_arenas(Int32(clamping: count)) == 1
    }
}
