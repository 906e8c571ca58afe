import Foundation
import Glibc
import PaceAPI
import PaceClient
import PaceCore
import Synchronization

/// `make bench`: Pace's figures beside its peers, measured in the same run.
///
/// 1. Wall time of one `pace log call X` against a running paced, median of many,
///    beside taskwarrior's `task add` and a one-row `sqlite3` insert (WAL, synchronous=FULL).
/// 2. Durable appends per second from 32 concurrent clients, beside a loop of
///    one-row `sqlite3` transactions (WAL, synchronous=FULL) on the same disk.
/// 2b. Over TLS on loopback with a bearer token: one remote `pace log call X` beside
///    `curl` sending the same request with the same token, and appends/s from 32
///    kept-alive TLS clients.
///
/// Beside the goals' peers, floors measured in the same run, each a part of Pace's own
/// work done by the fastest tool there is for it: `pace --version` (the CLI's
/// start-up, in every command), two one-line Swift programs built as `pace` is (the
/// start-up of any static Swift program, and of one that also encodes JSON), `GET
/// /v1/nothing` from the same 32 clients (the HTTP path alone: 404, no read, no write),
/// `sqlite3` copying the imported events into Pace's tables 1,000 a durable commit,
/// and `sqlite3` writing one attribution row per event from its JSON (a part of a
/// rebuild).

var binDir = ".build/release"
/// The Swift compiler for the start-up floors (`make bench` passes the toolchain's).
var swiftc: String?
var rounds = 200
var seconds = 5.0
var makeLog: String?
var loadSocket: String?
/// Client errors during the request loads (appends, status).
let failed = Mutex(0)
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    switch a {
    case "--make-log": makeLog = args.popFirst()
    case "--load": loadSocket = args.popFirst()
    case "--bin": binDir = args.popFirst() ?? binDir
    case "--swiftc": swiftc = args.popFirst()
    case "--rounds": rounds = Int(args.popFirst() ?? "") ?? rounds
    case "--seconds": seconds = Double(args.popFirst() ?? "") ?? seconds
    default: print("usage: pace-bench [--bin DIR] [--swiftc PATH] [--rounds N] [--seconds S] | --make-log PATH | --load SOCKET"); exit(64)
    }
}
// For profiling: only the append load against a running paced's socket, then stop.
if let loadSocket {
    let (rate, _) = appendLoad(clients: 32, seconds: seconds) { try PaceClient(socketPath: loadSocket) }
    print("\(Int(rate)) appends/s, \(failed.withLock { $0 }) client errors")
    exit(0)
}
// For profiling: only write the large log (PACE_BENCH_EVENTS events) to PATH, then stop.
if let makeLog {
    umask(0o077)
    try await generateLog(path: makeLog, count: Int(ProcessInfo.processInfo.environment["PACE_BENCH_EVENTS"] ?? "") ?? 1_000_000)
    exit(0)
}

// paced serves only database files that are its own (0600): the large log this
// benchmark writes through the store must be made so.
umask(0o077)
let work = "/tmp/pace-bench-\(getpid())"
sh("rm -rf \(work) && mkdir -p \(work)/task")
defer { sh("rm -rf \(work)") }
let env = currentEnvironment().filter { !$0.hasPrefix("PACE_SOCKET=") && !$0.hasPrefix("TASKRC=") && !$0.hasPrefix("TASKDATA=") }

// A test CA and server certificate for the TLS listener, made by openssl.
sh("""
cd \(work) && printf 'subjectAltName=IP:127.0.0.1\\n' > ext \
 && openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 1 -subj /CN=bench >/dev/null 2>&1 \
 && openssl req -newkey rsa:2048 -nodes -keyout srv.key -out srv.csr -subj /CN=paced >/dev/null 2>&1 \
 && openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out srv.pem -days 1 -extfile ext >/dev/null 2>&1
""")

// paced, release build, on a fresh database; also on TLS (any free port).
let socket = "\(work)/pace.sock"
let paced = Process()
paced.executableURL = URL(fileURLWithPath: "\(binDir)/paced")
paced.arguments = ["--db", "\(work)/pace.db", "--socket", socket, "--listen", "127.0.0.1:0", "--tls-cert", "\(work)/srv.pem", "--tls-key", "\(work)/srv.key"]
_ = FileManager.default.createFile(atPath: "\(work)/paced.log", contents: nil)
paced.standardError = FileHandle(forWritingAtPath: "\(work)/paced.log")
try paced.run()
defer { kill(paced.processIdentifier, SIGTERM); paced.waitUntilExit() }
for _ in 0..<500 where access(socket, F_OK) != 0 { usleep(10_000) }
usleep(100_000)
var tlsPort = 0
for _ in 0..<200 where tlsPort == 0 {
    let log = (try? String(contentsOfFile: "\(work)/paced.log", encoding: .utf8)) ?? ""
    if let r = log.range(of: "https://127.0.0.1:") {
        tlsPort = Int(log[r.upperBound...].prefix { $0.isNumber }) ?? 0
    }
    if tlsPort == 0 { usleep(20_000) }
}
let tlsURL = "https://127.0.0.1:\(tlsPort)"
guard let token = shOutput("\(binDir)/pace token create --socket \(socket) 2>/dev/null"), !token.isEmpty else {
    print("pace token create failed"); exit(1)
}

// Peers' setup.
let taskrc = "\(work)/taskrc"
try "data.location=\(work)/task\nconfirmation=off\nverbose=nothing\nhooks=off\nrecurrence=off\n".write(toFile: taskrc, atomically: true, encoding: .utf8)
let sqliteDB = "\(work)/peer.db"
sh("sqlite3 \(sqliteDB) 'PRAGMA journal_mode=WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT);' >/dev/null")
let task = which("task")
let sqlite3 = which("sqlite3")

/// A one-file Swift program built as `pace` is (optimised, the standard library linked
/// in) from `source`, to run with no arguments; nil without `--swiftc` or if it fails.
@MainActor func staticSwiftProgram(_ name: String, _ source: String) -> [String]? {
    guard let swiftc else { return nil }
    let path = "\(work)/\(name)"
    guard (try? source.write(toFile: path + ".swift", atomically: true, encoding: .utf8)) != nil,
          sh("\(swiftc) -O -static-stdlib \(path).swift -o \(path) >/dev/null 2>&1") == 0 else {
        print("note: \(swiftc) could not build the start-up floor \(name)")
        return nil
    }
    return [path]
}
// Start-up floors for the CLI: any static Swift program, and one that also encodes an
// event as JSON with FoundationEssentials, as every pace command that talks to paced does.
let helloArgv = staticSwiftProgram("hello", #"print("0.1.0")"#)
let jsonArgv = staticSwiftProgram("json", """
    import FoundationEssentials
    struct Event: Codable { var type: String; var customer: String }
    print(String(decoding: try JSONEncoder().encode(Event(type: "call", customer: "X")), as: UTF8.self))
    """)

// 1. One command's wall time, interleaved so that all see the same machine.
var paceTimes: [UInt64] = [], taskTimes: [UInt64] = [], sqliteTimes: [UInt64] = [], startTimes: [UInt64] = []
var helloTimes: [UInt64] = [], jsonTimes: [UInt64] = []
let paceArgv = ["\(binDir)/pace", "log", "call", "X", "--socket", socket]
// The CLI's start-up alone: the part of `pace log` that no work in paced can take away.
let versionArgv = ["\(binDir)/pace", "--version"]
let taskArgv = task.map { [$0, "add", "X"] }
let sqliteArgv = sqlite3.map { [$0, sqliteDB, "PRAGMA synchronous=FULL; INSERT INTO t (x) VALUES ('X');"] }
let taskEnv = env + ["TASKRC=\(taskrc)"]
for round in -10..<rounds {
    let p = spawnTimed(paceArgv, environment: env)
    if p.status != 0 { print("pace log failed with exit \(p.status)"); exit(1) }
    let t = taskArgv.map { spawnTimed($0, environment: taskEnv) }
    let s = sqliteArgv.map { spawnTimed($0, environment: env) }
    let v = spawnTimed(versionArgv, environment: env)
    let h = helloArgv.map { spawnTimed($0, environment: env) }
    let j = jsonArgv.map { spawnTimed($0, environment: env) }
    if round >= 0 {
        paceTimes.append(p.nanoseconds)
        startTimes.append(v.nanoseconds)
        if let h { helloTimes.append(h.nanoseconds) }
        if let j { jsonTimes.append(j.nanoseconds) }
        if let t { taskTimes.append(t.nanoseconds) }
        if let s { sqliteTimes.append(s.nanoseconds) }
    }
}
let paceMs = median(paceTimes) / 1e6, taskMs = median(taskTimes) / 1e6, sqliteMs = median(sqliteTimes) / 1e6
let startMs = median(startTimes) / 1e6
let helloMs = helloTimes.isEmpty ? nil : median(helloTimes) / 1e6, jsonMs = jsonTimes.isEmpty ? nil : median(jsonTimes) / 1e6

// 1b. Remote over TLS: pace beside curl with the same token and request.
var remoteTimes: [UInt64] = [], curlTimes: [UInt64] = []
let remoteEnv = env.filter { !$0.hasPrefix("HOME=") } + ["HOME=\(work)", "PACE_URL=\(tlsURL)", "PACE_TOKEN=\(token)", "PACE_CA=\(work)/ca.pem"]
let curlArgv = which("curl").map { [$0, "-s", "-o", "/dev/null", "--cacert", "\(work)/ca.pem", "-H", "Authorization: Bearer \(token)",
                                    "-H", "Content-Type: application/json", "-d", #"{"type":"call","data":{"customer":"X"}}"#, tlsURL + "/v1/events"] }
for round in -10..<rounds {
    let p = spawnTimed(["\(binDir)/pace", "log", "call", "X", "--no-queue"], environment: remoteEnv)
    if p.status != 0 { print("remote pace log failed with exit \(p.status)"); exit(1) }
    let c = curlArgv.map { spawnTimed($0, environment: env) }
    if round >= 0 {
        remoteTimes.append(p.nanoseconds)
        if let c { curlTimes.append(c.nanoseconds) }
    }
}
let remoteMs = median(remoteTimes) / 1e6, curlMs = median(curlTimes) / 1e6

// 1c. Bulk import: the same CSV rows through `pace import events` and into a plain table with `sqlite3 .import`.
let importRows = Int(ProcessInfo.processInfo.environment["PACE_BENCH_IMPORT"] ?? "") ?? 50_000
var csv = "type,customer,amount,lines,kind,minutes,occurred_at\n"
for i in 0..<importRows {
    let at = "2026-\(i % 9 + 1 < 10 ? "0" : "")\(i % 9 + 1)-\(i % 28 + 1 < 10 ? "0" : "")\(i % 28 + 1)T\(10 + i % 8):\(i % 60 < 10 ? "0" : "")\(i % 60):00Z"
    switch i % 4 {
    case 0: csv += "call,C\(i % 997),,,,5,\(at)\n"
    case 1: csv += "visit,C\(i % 997),,,existing,,\(at)\n"
    case 2: csv += "order,C\(i % 997),300.00,widget:2:200.00;gadget:1:100.00,,,\(at)\n"
    default: csv += "payment,C\(i % 997),150.50,,,,\(at)\n"
    }
}
try csv.write(toFile: "\(work)/import.csv", atomically: true, encoding: .utf8)
// The log's last event before the import: the import's events are those after it.
let beforeImport = sqlite3.flatMap { shOutput("\($0) \(work)/pace.db 'SELECT coalesce(max(seq), 0) FROM events'") }.flatMap { Int($0) }
let imported = spawnTimed(["\(binDir)/pace", "import", "events", "\(work)/import.csv", "--socket", socket], environment: env)
if imported.status != 0 { print("pace import failed with exit \(imported.status)"); exit(1) }
let sqliteImport = sqlite3.map { spawnTimed([$0, "\(work)/import-peer.db", ".import --csv \(work)/import.csv imported"], environment: env) }
let importPerSecond = Double(importRows) / (Double(imported.nanoseconds) / 1e9)
let sqliteImportPerSecond = sqliteImport.map { Double(importRows) / (Double($0.nanoseconds) / 1e9) }
// A floor for the recording half: sqlite3 alone copies the events just imported, and
// their attribution rows, from paced's database into a new one with Pace's schema,
// 1,000 events a durable commit as paced writes them (WAL, synchronous=FULL, foreign
// keys on). No checks, no JSON, no hashing, no customers or totals: a part of what
// paced does. Events per second, each with its attribution row.
let floorEventsPerSecond: Double? = sqlite3.flatMap { sqlite3 -> Double? in
    let schema = "\(work)/schema.sql", floorDB = "\(work)/import-floor.db"
    guard let first = beforeImport.map({ $0 + 1 }),
          let last = shOutput("\(sqlite3) \(work)/pace.db 'SELECT max(seq) FROM events'").flatMap({ Int($0) }),
          last - first + 1 == importRows else { print("the import's floor peer did not find the \(importRows) imported events"); return nil }
    guard sh("\(sqlite3) \(work)/pace.db .schema | grep -v -e grdb_migrations -e sqlite_ > \(schema)") == 0 else { return nil }
    var script = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;\n.read \(schema)\nATTACH '\(work)/pace.db' AS src;\n"
    for start in stride(from: first, through: last, by: 1000) {
        let range = "seq BETWEEN \(start) AND \(min(start + 999, last))"
        script += "BEGIN; INSERT INTO events SELECT * FROM src.events WHERE \(range); "
        script += "INSERT INTO event_attribution SELECT * FROM src.event_attribution WHERE \(range); COMMIT;\n"
    }
    guard (try? script.write(toFile: "\(work)/import-floor.sql", atomically: true, encoding: .utf8)) != nil else { return nil }
    let run = spawnTimed(["/bin/sh", "-c", "\(sqlite3) \(floorDB) < \(work)/import-floor.sql > /dev/null"], environment: env)
    let copied = shOutput("\(sqlite3) \(floorDB) 'SELECT count(*) FROM events'").flatMap { Int($0) } ?? 0
    guard run.status == 0, copied == importRows else { print("the import's floor peer copied \(copied) events, not \(importRows)"); return nil }
    return Double(importRows) / (Double(run.nanoseconds) / 1e9)
}

// 2. Durable appends per second, 32 clients, each waiting for its acknowledgement.
let clients = 32
let (appendsPerSecond, loadSeconds) = appendLoad(clients: clients, seconds: seconds) { try PaceClient(socketPath: socket) }

// 2b. The same over TLS: 32 kept-alive clients with the token.
let remoteConfig = RemoteConfig(url: tlsURL, token: token, ca: "\(work)/ca.pem")
let (tlsAppendsPerSecond, _) = appendLoad(clients: clients, seconds: seconds, customer: "T") { try PaceClient(remote: remoteConfig) }

// The HTTP path and nothing else: the same 32 clients asking for a path paced has not,
// which it answers at once (after the caller's credentials, like every request) with
// 404 and a small JSON error: no read, no write.
let (emptyPerSecond, _) = requestLoad(clients: clients, seconds: seconds) { try HTTPConnection(path: socket) } request: { connection, _ in
    let r = try connection.send("GET", "/v1/nothing")
    guard r.status == 404 else { throw ClientError.protocolError("GET /v1/nothing answered \(r.status), not 404") }
}

// Peer: one sqlite3 process, one transaction (one fsync) per row.
let peerRows = 3000
var script = "PRAGMA synchronous=FULL;\n"
for i in 0..<peerRows { script += "BEGIN; INSERT INTO t (x) VALUES ('row \(i)'); COMMIT;\n" }
try script.write(toFile: "\(work)/peer.sql", atomically: true, encoding: .utf8)
let peerRun = spawnTimed(["/bin/sh", "-c", "sqlite3 \(sqliteDB) < \(work)/peer.sql"], environment: env)
let sqliteRowsPerSecond = Double(peerRows) / (Double(peerRun.nanoseconds) / 1e9)

// 3. Decomposing one year to days for 1,000 people x 9 metrics (in-process, one shared calendar year).
var shanghai = WorkCalendar(timeZone: "Asia/Shanghai", workdays: WorkCalendar.standard.workdays, startMinute: 540, endMinute: 1080)
shanghai.holidays = ["2027-02-16": "Spring Festival", "2027-02-17": "Spring Festival", "2027-10-01": "National Day"]
shanghai.makeUpDays = ["2027-02-14": "make-up day"]
let profiles: [TargetProfile] = [.workdays, .even, .quarters([20, 25, 25, 30]), .months([8, 8, 9, 8, 8, 8, 8, 8, 8, 9, 9, 9])]
var decomposeTimes: [UInt64] = []
var sink: Int64 = 0
for _ in 0..<5 {
    let t0 = monotonic()
    let workYear = WorkYear(year: 2027, calendar: shanghai)
    for person in 0..<1000 {
        for metric in 0..<9 {
            let (plan, _) = try Decomposer.decompose(total: Int64(1_000_000 + person * 7919 + metric * 104_729), workYear: workYear,
                                                     profile: profiles[(person + metric) % profiles.count])
            sink &+= plan.daily[40]
        }
    }
    decomposeTimes.append(monotonic() - t0)
}
let decomposeMs = median(decomposeTimes) / 1e6
if sink == 42 { print("") }

// 4. A large log: rebuild, team progress latency, a year's team report, and paced's memory.
let bigEvents = Int(ProcessInfo.processInfo.environment["PACE_BENCH_EVENTS"] ?? "") ?? 1_000_000
let bigDB = "\(work)/big.db", bigSocket = "\(work)/big.sock"
let genStart = monotonic()
try await generateLog(path: bigDB, count: bigEvents)
let genSeconds = Double(monotonic() - genStart) / 1e9
let big = Process()
big.executableURL = URL(fileURLWithPath: "\(binDir)/paced")
let boardPort = freePort()
big.arguments = ["--db", bigDB, "--socket", bigSocket, "--listen", "127.0.0.1:\(boardPort)", "--no-tls"]
big.standardError = FileHandle(forWritingAtPath: "/dev/null")
try big.run()
for _ in 0..<3000 where (try? PaceClient(socketPath: bigSocket)) == nil { usleep(10_000) }
let bigClient = try PaceClient(socketPath: bigSocket)
// paced at rest on the large log: what is mapped code and libraries (file) and what is its own (anonymous).
let restRSS = (total: status(pid: big.processIdentifier, "VmRSS:"), file: status(pid: big.processIdentifier, "RssFile:"),
               anon: status(pid: big.processIdentifier, "RssAnon:"))
let rebuilt = try bigClient.post(RebuildResponse.self, "/v1/rebuild")
let rebuildPerSecond = Double(rebuilt.events) / (Double(max(rebuilt.milliseconds, 1)) / 1000)
let groupBy = spawnTimed(["/usr/bin/sqlite3", bigDB, "SELECT subject, type, occurred_at / 86400000, count(*) FROM events GROUP BY 1, 2, 3;"], environment: env)
let groupByPerSecond = Double(bigEvents) / (Double(groupBy.nanoseconds) / 1e9)
// A floor for the rebuild: sqlite3 alone takes the fields of each activity out of its
// JSON and writes one attribution row for it, into a new database, in one statement:
// a part of what the rebuild writes (no totals, customers or indexes).
let activityTypes = EventType.allCases.filter(\.isActivity).map { "'\($0.rawValue)'" }.joined(separator: ", ")
let attributionFloorPerSecond: Double? = sqlite3.flatMap { sqlite3 in
    let run = spawnTimed([sqlite3, "\(work)/rebuild-floor.db", """
        PRAGMA journal_mode=WAL; ATTACH '\(bigDB)' AS src;
        CREATE TABLE a (seq INTEGER PRIMARY KEY, team TEXT NOT NULL, day TEXT NOT NULL, customer TEXT, amount INTEGER);
        INSERT INTO a SELECT seq, subject, date(occurred_at / 1000, 'unixepoch'), data ->> '$.customer', data ->> '$.amount'
        FROM src.events WHERE type IN (\(activityTypes));
        """], environment: env)
    guard run.status == 0 else { print("the rebuild's floor peer failed with exit \(run.status)"); return nil }
    return Double(bigEvents) / (Double(run.nanoseconds) / 1e9)
}
var latencies: [UInt64] = []
var teamMetrics = 0
let periodNames = ["day", "week", "third", "month", "quarter", "year"]
for i in 0..<300 {
    let t0 = monotonic()
    let view = try bigClient.get(ProgressView.self, "/v1/progress?scope=team&name=east&period=\(periodNames[i % periodNames.count])")
    if i >= 30 { latencies.append(monotonic() - t0) }
    teamMetrics = view.rows.count
}
// The dashboard's team board (50 members x 9 metrics, this month), as a manager's browser asks for it.
let link = try bigClient.post(LoginLinkView.self, "/v1/login-links", body: LoginLinkRequest(user: "root"))
let page = try PageClient(host: "127.0.0.1", port: boardPort)
let opened = try page.get(String(link.url.dropFirst("http://127.0.0.1:\(boardPort)".count)))
page.cookie = opened.setCookie ?? ""
var boardTimes: [UInt64] = []
for i in 0..<230 {
    let t0 = monotonic()
    let r = try page.get("/team?team=east&period=month")
    guard r.status == 200 else { fatalError("GET /team answered \(r.status)") }
    if i >= 30 { boardTimes.append(monotonic() - t0) }
}
var reportTimes: [UInt64] = []
for _ in 0..<5 {
    let t0 = monotonic()
    _ = try bigClient.get(ReportView.self, "/v1/report?team=east&by=month&from=2026-01-01&to=2026-12-31&metric=revenue")
    reportTimes.append(monotonic() - t0)
}
let pacedRSS = peakRSS(pid: big.processIdentifier)
kill(big.processIdentifier, SIGTERM)
big.waitUntilExit()
// hledger on an equivalent journal of 100k sales with a monthly budget per member.
var hledgerMs: Double?
if let hledger = which("hledger") {
    try writeLedger(path: "\(work)/sales.journal", count: 100_000)
    var times: [UInt64] = []
    for _ in 0..<3 {
        times.append(spawnTimed([hledger, "-f", "\(work)/sales.journal", "balance", "--budget", "-M", "revenue"], environment: env).nanoseconds)
    }
    hledgerMs = median(times) / 1e6
}

func f(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }
func thousands(_ x: Double) -> String { Money(minorUnits: Int64(x.rounded()) * 100).grouped.replacingOccurrences(of: ".00", with: "") }

print("""
Pace benchmark: one run, peers measured side by side on this machine (\(ProcessInfo.processInfo.activeProcessorCount) cores).

| what | Pace | peers | ratio | goal |
|---|---|---|---|---|
| `pace log call X` wall, median of \(rounds) | \(f(paceMs)) ms | `task add` \(task == nil ? "n/a" : f(taskMs) + " ms"); `sqlite3` 1-row insert \(sqlite3 == nil ? "n/a" : f(sqliteMs) + " ms"); `pace --version` (start-up alone) \(f(startMs)) ms; a static Swift program that prints a line \(helloMs.map { f($0) + " ms" } ?? "n/a"), one that also encodes JSON with FoundationEssentials \(jsonMs.map { f($0) + " ms" } ?? "n/a") | \(task == nil ? "n/a" : f(paceMs / taskMs) + " x task add; `pace --version` " + f(startMs / taskMs) + " x; the JSON program " + (jsonMs.map { f($0 / taskMs) + " x" } ?? "n/a")) | <= 2.5 ms, <= 0.6 x task add |
| durable appends/s, \(clients) concurrent clients, \(f(loadSeconds, 1)) s | \(thousands(appendsPerSecond))/s | `sqlite3` one commit per row \(thousands(sqliteRowsPerSecond))/s | \(f(appendsPerSecond / sqliteRowsPerSecond, 1)) x sqlite3 | >= 40,000/s |
| requests/s that do nothing (`GET /v1/nothing`, answered 404), the same \(clients) clients | \(thousands(emptyPerSecond))/s | | appends are \(f(appendsPerSecond / emptyPerSecond)) x of it | |
| remote `pace log call X` over TLS on loopback, median of \(rounds) | \(f(remoteMs)) ms | `curl` same request and token \(curlArgv == nil ? "n/a" : f(curlMs) + " ms") | \(curlArgv == nil ? "n/a" : f(remoteMs / curlMs) + " x curl") | |
| durable appends/s, \(clients) TLS clients with keep-alive | \(thousands(tlsAppendsPerSecond))/s | | \(f(tlsAppendsPerSecond / appendsPerSecond)) x the Unix socket | |
| bulk import, \(thousands(Double(importRows))) CSV rows (`pace import events`, checked whole, then recorded, 1,000 a request) | \(thousands(importPerSecond)) events/s | `sqlite3 .import` into a plain table \(sqliteImportPerSecond.map { thousands($0) + " rows/s" } ?? "n/a"); `sqlite3` alone copying the same events and their attribution rows into Pace's tables, 1,000 a durable commit \(floorEventsPerSecond.map { thousands($0) + " events/s" } ?? "n/a") | \(sqliteImportPerSecond.map { f(importPerSecond / $0, 4) + " x .import" } ?? "n/a"); \(floorEventsPerSecond.map { f(importPerSecond / $0) + " x the copy" } ?? "n/a") | >= 200,000/s, >= 2 x the peer |
| decompose a year to days, 1,000 people x 9 metrics, median of 5 | \(f(decomposeMs, 1)) ms | (no peer) | | <= 200 ms |
| rebuild projections from \(thousands(Double(bigEvents))) events | \(thousands(rebuildPerSecond)) events/s | `sqlite3` GROUP BY (subject, type, day) \(thousands(groupByPerSecond)) rows/s; `sqlite3` alone writing one attribution row per event from its JSON \(attributionFloorPerSecond.map { thousands($0) + " events/s" } ?? "n/a") | \(f(rebuildPerSecond / groupByPerSecond)) x GROUP BY; \(attributionFloorPerSecond.map { f(rebuildPerSecond / $0) + " x the attribution" } ?? "n/a") | >= 600,000 events/s |
| team report, a year by month, \(thousands(Double(bigEvents))) events, median of 5 | \(f(median(reportTimes) / 1e6, 1)) ms | `hledger balance --budget -M`, 100,000 sales: \(hledgerMs.map { f($0, 0) + " ms" } ?? "n/a") | | <= 50 ms |
| team progress (50 members, \(teamMetrics) metrics, 6 periods in turn), p50 / p99 / max of 270 | \(f(percentile(latencies, 0.5) / 1e6)) / \(f(percentile(latencies, 0.99) / 1e6)) / \(f(Double(latencies.max() ?? 0) / 1e6)) ms | | | p99 <= 10 ms |
| dashboard team board (50 members x \(teamMetrics) metrics, a month), p50 / p99 / max of 200 | \(f(percentile(boardTimes, 0.5) / 1e6)) / \(f(percentile(boardTimes, 0.99) / 1e6)) / \(f(Double(boardTimes.max() ?? 0) / 1e6)) ms | | | p99 <= 50 ms |
| paced peak RSS with \(thousands(Double(bigEvents))) events (after the rebuild and every query above) | \(f(pacedRSS, 1)) MiB | at rest before them: \(f(restRSS.total, 1)) MiB, of which code and libraries mapped from files \(f(restRSS.file, 1)) MiB, its own memory \(f(restRSS.anon, 1)) MiB | | <= 40 MB |

(The large log was written through the store's writer at \(thousands(Double(bigEvents) / genSeconds)) events/s.)
""")
if failed.withLock({ $0 }) > 0 { print("warning: \(failed.withLock { $0 }) client errors during the load") }

/// `clients` threads, each with its own connection from `connect`, appending calls for
/// `seconds` and waiting for each acknowledgement: (appends per second, seconds taken).
/// Errors count in `failed`.
func appendLoad(clients: Int, seconds: Double, customer: String = "C",
                connect: @escaping @Sendable () throws -> PaceClient) -> (Double, Double) {
    requestLoad(clients: clients, seconds: seconds, connect: connect) { client, c in
        let req = AppendRequest(id: EventID.v7(at: SystemZone.now()), occurredAt: nil, subject: nil,
                                payload: .call(try Call(customer: "\(customer)\(c)")))
        _ = try client.append(req)
    }
}

/// `clients` threads, each with its own connection from `connect`, making `request`
/// (given the client and its number) one after another for `seconds`: (requests per
/// second, seconds taken). A client stops at its first error, counted in `failed`.
func requestLoad<Client>(clients: Int, seconds: Double, connect: @escaping @Sendable () throws -> Client,
                         request: @escaping @Sendable (Client, Int) throws -> Void) -> (Double, Double) {
    let answered = Mutex(0)
    let stopAt = monotonic() + UInt64(seconds * 1e9)
    let group = DispatchGroup()
    let loadStart = monotonic()
    for c in 0..<clients {
        group.enter()
        Thread {
            defer { group.leave() }
            guard let client = try? connect() else { failed.withLock { $0 += 1 }; return }
            var n = 0
            while monotonic() < stopAt {
                do { try request(client, c); n += 1 } catch { failed.withLock { $0 += 1 }; break }
            }
            answered.withLock { $0 += n }
        }.start()
    }
    group.wait()
    let loadSeconds = Double(monotonic() - loadStart) / 1e9
    return (Double(answered.withLock { $0 }) / loadSeconds, loadSeconds)
}
