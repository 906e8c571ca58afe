import CPaceMalloc

/// glibc's malloc arenas: the pools threads allocate from.
public enum MallocArenas {
    /// Caps the arenas at `count` (glibc's `M_ARENA_MAX`; its default is 8 per core).
    ///
    /// paced's requests move between threads (event loops, the executor's, the
    /// blocking pool, the writer), and memory freed in one arena is not reused by
    /// another, so each arena kept the high-water mark of what ran on it: with 100,000
    /// events, one arena per core took paced's peak RSS in `make bench` from 61.2 to
    /// 55.2 MiB, appends per second the same. Call it before threads start allocating:
    /// arenas made before stay.
    ///
    /// - Returns: whether glibc took the setting (false for `count` < 1).
    @discardableResult
    public static func limit(to count: Int) -> Bool {
        pace_malloc_limit_arenas(Int32(clamping: count)) == 1
    }
}
