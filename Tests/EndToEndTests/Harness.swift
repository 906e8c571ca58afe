import Foundation
import Glibc
import PaceClient
import Testing

/// Paths of the built binaries: `make test` builds them before running the tests.
enum Binaries {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var directory: URL {
        if let dir = ProcessInfo.processInfo.environment["PACE_BIN_DIR"] { return URL(fileURLWithPath: dir) }
        return root.appendingPathComponent(".build/debug")
    }
    static var paced: String { directory.appendingPathComponent("paced").path }
    static var pace: String { directory.appendingPathComponent("pace").path }
}

/// What a finished command did.
struct Outcome: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// Runs a program to completion, capturing its output through files (no pipe can fill up).
func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> Outcome {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pace-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    FileManager.default.createFile(atPath: err.path, contents: nil)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "PACE_SOCKET")
    for (k, v) in environment { env[k] = v }
    p.environment = env
    p.standardOutput = try FileHandle(forWritingTo: out)
    p.standardError = try FileHandle(forWritingTo: err)
    p.standardInput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    return Outcome(status: p.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
                   stderr: try String(contentsOf: err, encoding: .utf8))
}

/// A real paced on a fresh temporary directory, stopped (SIGTERM) when the test ends.
final class Daemon: @unchecked Sendable {
    let dir: URL
    let socket: String
    let database: String
    private(set) var process: Process?
    let logPath: String

    let environment: [String: String]
    /// A command prefix paced runs under, e.g. `nsenter -t PID -m --` for a private
    /// journal; `{socket}` in it stands for the socket path.
    let launcher: [String]

    init(extraArguments: [String] = [], environment: [String: String] = [:], launcher: [String] = []) throws {
        self.environment = environment
        self.launcher = launcher
        dir = URL(fileURLWithPath: "/tmp").appendingPathComponent("pace-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        chmod(dir.path, 0o755)
        socket = dir.appendingPathComponent("pace.sock").path
        database = dir.appendingPathComponent("pace.db").path
        logPath = dir.appendingPathComponent("paced.log").path
        try start(extraArguments: extraArguments)
    }

    /// Starts paced and waits until its socket answers.
    func start(extraArguments: [String] = []) throws {
        let p = Process()
        let command = launcher.map { $0.replacingOccurrences(of: "{socket}", with: socket) } + [Binaries.paced, "--db", database, "--socket", socket] + extraArguments
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst())
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NOTIFY_SOCKET")
        for (k, v) in environment { env[k] = v }
        p.environment = env
        if !FileManager.default.fileExists(atPath: logPath) { FileManager.default.createFile(atPath: logPath, contents: nil) }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        p.standardOutput = log
        p.standardError = log
        try p.run()
        process = p
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if !p.isRunning { throw DaemonError("paced exited with \(p.terminationStatus):\n\(self.log)") }
            if let c = try? HTTPConnection(path: socket), (try? c.send("GET", "/v1/status")) != nil { return }
            usleep(20_000)
        }
        throw DaemonError("paced did not answer on \(socket) within 20 s:\n\(self.log)")
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Sends `signal` and waits for paced to exit; returns its exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM) -> Int32 {
        guard let p = process else { return 0 }
        if p.isRunning { kill(p.processIdentifier, signal) }
        p.waitUntilExit()
        process = nil
        return p.terminationStatus
    }

    /// Runs `pace` against this daemon.
    func pace(_ args: String..., environment: [String: String] = [:]) throws -> Outcome {
        try pace(args, environment: environment)
    }

    func pace(_ args: [String], environment: [String: String] = [:]) throws -> Outcome {
        var env = ["PACE_SOCKET": socket, "TZ": "Europe/Berlin", "NO_COLOR": "1"]
        for (k, v) in environment { env[k] = v }
        return try run(Binaries.pace, args, environment: env)
    }

    func client() throws -> PaceClient { try PaceClient(socketPath: socket) }

    /// The number of events paced reports.
    func eventCount() throws -> Int64 { try client().status().events }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: dir)
    }
}

struct DaemonError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// A Unix user that exists for the test's duration.
final class TempUser {
    let name: String
    init() throws {
        name = "pacet\(UInt32.random(in: 10000...99999))"
        let r = try run("/usr/sbin/useradd", ["--no-create-home", "--shell", "/usr/sbin/nologin", name])
        guard r.status == 0 else { throw DaemonError("useradd failed: \(r)") }
    }
    deinit { _ = try? run("/usr/sbin/userdel", [name]) }
}

extension Daemon {
    /// Runs `pace` as `user` (with runuser), from a copy of the binary the user can reach.
    func pace(as user: String, _ args: [String]) throws -> Outcome {
        let copy = dir.appendingPathComponent("pace").path
        if !FileManager.default.fileExists(atPath: copy) {
            try FileManager.default.copyItem(atPath: Binaries.pace, toPath: copy)
            chmod(copy, 0o755)
        }
        return try run("/usr/sbin/runuser", ["-u", user, "--", "/usr/bin/env", "PACE_SOCKET=\(socket)", "TZ=UTC", copy] + args)
    }
}
