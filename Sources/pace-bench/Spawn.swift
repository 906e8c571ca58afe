import Glibc

/// Runs a program to completion with posix_spawn (as hyperfine does), output to
/// /dev/null, and returns its wall time in nanoseconds and its exit status.
func spawnTimed(_ argv: [String], environment: [String]) -> (nanoseconds: UInt64, status: Int32) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = environment.map { strdup($0) } + [nil]
    defer { (cArgs + cEnv).forEach { free($0) } }
    var pid: pid_t = 0
    let start = monotonic()
    guard posix_spawn(&pid, argv[0], &actions, nil, cArgs, cEnv) == 0 else { return (0, -1) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    return (monotonic() - start, (status >> 8) & 0xff)
}

func monotonic() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

func median(_ xs: [UInt64]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? 0 : Double(s[s.count / 2])
}

/// Runs a shell command and fails loudly if it fails.
@discardableResult
func sh(_ command: String) -> Int32 {
    let r = spawnTimed(["/bin/sh", "-c", command], environment: currentEnvironment())
    return r.status
}

func currentEnvironment() -> [String] {
    var out: [String] = []
    var p = environ
    while let s = p.pointee { out.append(String(cString: s)); p += 1 }
    return out
}

func which(_ name: String) -> String? {
    for dir in ["/usr/bin", "/bin", "/usr/local/bin"] where access("\(dir)/\(name)", X_OK) == 0 { return "\(dir)/\(name)" }
    return nil
}

/// A shell command's standard output, without its trailing newlines; nil when the
/// command cannot start or exits other than 0.
func shOutput(_ command: String) -> String? {
    guard let pipe = popen(command, "r") else { return nil }
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&buffer, 1, buffer.count, pipe)
        if n == 0 { break }
        out += buffer[0..<n]
    }
    guard pclose(pipe) == 0 else { return nil }
    var text = String(decoding: out, as: UTF8.self)
    while text.last?.isNewline == true { text.removeLast() }
    return text
}
