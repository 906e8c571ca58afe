import PacePosix
import Foundation
import Glibc
import PaceAPI
import PaceClient
import PaceCore
import Testing

/// The security pass (issue 17), reproduced with real Unix users against a real paced.
@Suite(.serialized)
struct SecurityTests {
    /// `curl` on paced's socket as `user`: returns the HTTP status and the body.
    func curl(as user: String?, _ d: Daemon, _ method: String, _ path: String, body: String? = nil) throws -> (status: Int, body: String) {
        var args = ["-s", "-o", "-", "-w", "\n%{http_code}", "--unix-socket", d.socket, "-X", method, "http://pace" + path]
        if let body { args += ["-H", "Content-Type: application/json", "--data-binary", body] }
        let r = user.map { u in try? run("/usr/sbin/runuser", ["-u", u, "--", "/usr/bin/curl"] + args) } ?? (try? run("/usr/bin/curl", args))
        let out = try #require(r).stdout
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    /// east (managed by carol) with bob, west (managed by dana) with alice.
    struct Company {
        let carol: TempUser, dana: TempUser, bob: TempUser, alice: TempUser
        init(_ d: Daemon) throws {
            carol = try TempUser(); dana = try TempUser(); bob = try TempUser(); alice = try TempUser()
            for args in [["team", "create", "east", "--manager", carol.name], ["team", "create", "west", "--manager", dana.name],
                         ["team", "add", "east", bob.name, "--from", "2026-01-01"], ["team", "add", "west", alice.name, "--from", "2026-01-01"]] {
                let r = try d.pace(args)
                #expect(r.status == 0, "\(args): \(r)")
            }
        }
    }

    // MARK: High 1: no answer reveals an event the caller may not read

    @Test func anAppendWithSomeoneElsesIdRevealsNothing() throws {
        let d = try Daemon()
        let c = try Company(d)
        let id = "0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4e5f"
        let call = try d.pace(as: c.alice.name, ["log", "call", "INITECH", "--outcome", "secret: they sign Friday", "--id", id])
        #expect(call.status == 0, "\(call)")

        // The plan path used to answer 200 with alice's whole call.
        let plan = try curl(as: c.bob.name, d, "POST", "/v1/events", body: #"{"id":"\#(id)","type":"plan","data":{"action":"add","text":"x"}}"#)
        #expect(plan.status == 409)
        #expect(!plan.body.contains("INITECH") && !plan.body.contains("secret") && !plan.body.contains(c.alice.name) && !plan.body.contains("call"))
        #expect(plan.body.contains("already taken by a different event"))

        // Activity and management appends with that id: the same neutral conflict, no seq, no type.
        let log = try d.pace(as: c.bob.name, ["log", "visit", "ACME", "--new", "--id", id])
        #expect(log.status == 65)
        #expect(!log.stderr.contains("#") && !log.stderr.contains("call") && !log.stderr.contains("INITECH"), "\(log)")
        let same = try curl(as: c.bob.name, d, "POST", "/v1/events",
                            body: #"{"id":"\#(id)","type":"call","data":{"customer":"INITECH","outcome":"secret: they sign Friday"}}"#)
        #expect(same.status == 409 && !same.body.contains("secret"))

        // Reading and voiding it: as if it did not exist.
        #expect(try curl(as: c.bob.name, d, "GET", "/v1/events/\(id)").status == 404)
        let void = try d.pace(as: c.bob.name, ["void", id, "--reason", "probe"])
        #expect(void.status == 65)
        #expect(void.stderr == "Error: No event of yours has the id \(id). See `pace history` for the ids of your events.\n")
        // carol manages east, not west: the same.
        #expect(try d.pace(as: c.carol.name, ["void", id, "--reason", "probe"]).status == 65)

        // alice's own retry is still answered with her event; her manager may read it.
        let retry = try d.pace(as: c.alice.name, ["log", "call", "INITECH", "--outcome", "secret: they sign Friday", "--id", id])
        #expect(retry.status == 0 && retry.stdout.hasPrefix("Already recorded call #"), "\(retry)")
        #expect(try curl(as: c.dana.name, d, "GET", "/v1/events/\(id)").status == 200)
        #expect(try d.eventCount() == 5)
    }

    // MARK: High 2: no input crashes paced

    @Test func maximumAmountsCannotCrashPaced() throws {
        let d = try Daemon()
        #expect(try d.pace("team", "create", "t1").status == 0)
        #expect(try d.pace("team", "add", "t1", "root", "--from", "2026-01-01").status == 0)
        #expect(try d.pace("target", "set", "revenue", "1000000", "--year", "2026", "--user", "root").status == 0)
        #expect(try d.pace("target", "set", "revenue", "1000000", "--year", "2026", "--team", "t1").status == 0)
        // 354 orders of the largest amount, back-dated to 1 January: their run rate is
        // more than Int64 can hold.
        let at = Timestamp(rfc3339: "2026-01-01T10:00:00Z")!
        try concurrentlyAppend(d, count: 354) { _ in
            .order(try Order(customer: "BIG", amount: Money.maximum, lines: []))
        } at: { _ in at }
        for args in [["progress", "--period", "year", "--metric", "revenue", "--at", "2026-01-01"],
                     ["progress", "--team", "t1", "--period", "year", "--metric", "revenue", "--at", "2026-01-01"],
                     ["report", "--team", "t1", "--by", "month", "--from", "2026-01-01", "--to", "2026-03-31"],
                     ["review", "month", "--month", "2026-01"], ["review", "week", "--week", "2026-W01"], ["customers"]] {
            let r = try d.pace(args)
            #expect(r.status == 0, "\(args): \(r)")
        }
        let p = try d.pace("progress", "--period", "year", "--metric", "revenue", "--at", "2026-01-01", "--json")
        let view = try JSONDecoder().decode(ProgressView.self, from: Data(p.stdout.utf8))
        #expect(view.rows.first?.actual == "354000000000000.00")
        // The run rate does not fit: shown at the largest figure instead of trapping.
        #expect(view.rows.first?.forecast == "92233720368547758.07")
        #expect(try d.client().status().events == 358)
        #expect(d.process?.isRunning == true)
    }

    @Test func aSplitWhoseSharesOverflowIsRefused() throws {
        let d = try Daemon()
        let r = try d.pace("target", "set", "calls", "100", "--year", "2027", "--team", "east", "--split", "a=9223372036854775807,b=1")
        #expect(r.status == 64, "\(r)")
        #expect(r.stderr.contains("add up to 9223372036854775807, not 100"))
        #expect(d.process?.isRunning == true)
    }

    // MARK: High 3: a manager cannot take over other users

    @Test func aManagerCannotTakeMembersOfOtherTeamsAddAdminsOrBackDate() throws {
        let d = try Daemon()
        let c = try Company(d)
        let newcomer = try TempUser()
        let yesterday = FixedOffsetZone.utc.local(SystemZone.now()).date.adding(days: -1)
        _ = try d.pace(as: c.alice.name, ["log", "call", "WESTCO", "--at", "\(yesterday) 10:00"])
        let before = try d.eventCount()

        let take = try d.pace(as: c.carol.name, ["team", "add", "east", c.alice.name])
        #expect(take.status == 77)
        #expect(take.stderr.contains("\(c.alice.name) is in west, which you do not manage; only an admin"))
        let root = try d.pace(as: c.carol.name, ["team", "add", "east", "root"])
        #expect(root.status == 77)
        #expect(root.stderr.contains("root is an admin; only an admin may add an admin to a team."))
        let back = try d.pace(as: c.carol.name, ["team", "add", "east", newcomer.name, "--from", "2026-01-01"])
        #expect(back.status == 77)
        #expect(back.stderr.contains("only an admin may back-date a membership change"))
        let backRemove = try d.pace(as: c.carol.name, ["team", "remove", "east", c.bob.name, "--from", "2026-02-01"])
        #expect(backRemove.status == 77)
        #expect(try d.eventCount() == before)
        // From today on, a newcomer: allowed.
        #expect(try d.pace(as: c.carol.name, ["team", "add", "east", newcomer.name]).status == 0)

        // An admin may move alice, and is told she leaves west.
        let move = try d.pace("team", "add", "east", c.alice.name)
        #expect(move.status == 0)
        #expect(move.stdout.contains("\(c.alice.name) leaves west: their last day there is \(FixedOffsetZone.utc.local(SystemZone.now()).date.adding(days: -1))."))

        // Her west history stays west's: carol sees none of it, dana still does.
        let carolSees = try d.pace(as: c.carol.name, ["history", "--user", c.alice.name, "--json"])
        #expect(carolSees.status == 0, "\(carolSees)")
        #expect(!carolSees.stdout.contains("WESTCO"))
        let danaSees = try d.pace(as: c.dana.name, ["history", "--user", c.alice.name, "--json"])
        #expect(danaSees.status == 0 && danaSees.stdout.contains("WESTCO"), "\(danaSees)")
        let westCall = try #require(try d.client().events(subject: c.alice.name).first {
            if case .call(let call) = $0.payload { call.customer == "WESTCO" } else { false }
        })
        #expect(try d.pace(as: c.carol.name, ["void", westCall.id.text, "--reason", "not mine"]).status == 65)
    }

    @Test func nobodyButAnAdminSetsTheirOwnTarget() throws {
        let d = try Daemon()
        let carol = try TempUser(), erin = try TempUser()
        #expect(try d.pace("team", "create", "east", "--manager", carol.name, "--manager", erin.name).status == 0)
        #expect(try d.pace("team", "add", "east", carol.name, "--from", "2026-01-01").status == 0)
        let own = try d.pace(as: carol.name, ["target", "set", "revenue", "100", "--year", "2027", "--user", carol.name])
        #expect(own.status == 77)
        #expect(own.stderr == "Error: Nobody sets their own target but an admin. Ask an admin or another manager of east (\(erin.name)) to set it.\n")
        // Another manager of the team may.
        let other = try d.pace(as: erin.name, ["target", "set", "revenue", "100", "--year", "2027", "--user", carol.name])
        #expect(other.status == 0, "\(other)")
    }

    // MARK: High 4: paced's files are its own

    @Test func theDatabaseIsCreatedPrivateWhateverTheUmask() throws {
        let dir = "/tmp/pace-sec-\(UInt32.random(in: 0...UInt32.max))"
        defer { _ = try? run("/bin/rm", ["-rf", dir]) }
        let socket = dir + "/pace.sock", db = dir + "/state/pace.db"
        // A permissive umask, as in a login shell.
        let sh = "umask 0000; exec \(Binaries.paced) --db \(db) --socket \(socket)"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", sh]
        try p.run()
        defer { kill(p.processIdentifier, SIGTERM); p.waitUntilExit() }
        var ready = false
        for _ in 0..<200 where !ready {
            if let c = try? HTTPConnection(path: socket), (try? c.send("GET", "/v1/status")) != nil { ready = true } else { usleep(20_000) }
        }
        #expect(ready)
        _ = try PaceClient(socketPath: socket).append(AppendRequest(id: nil, occurredAt: nil, subject: nil, payload: .call(try Call(customer: "ACME"))))
        func mode(_ path: String) -> mode_t { var st = stat(); return lstat(path, &st) == 0 ? st.st_mode & 0o777 : 0o7777 }
        #expect(mode(dir + "/state") == 0o750)
        for f in [db, db + "-wal", db + "-shm"] { #expect(mode(f) == 0o600, "\(f)") }
        // Another user cannot read it.
        let other = try TempUser()
        let peek = try run("/usr/sbin/runuser", ["-u", other.name, "--", "/usr/bin/sqlite3", "-readonly", db, "SELECT count(*) FROM events"])
        #expect(peek.status != 0)
    }

    @Test func pacedRefusesADatabaseOthersMayRead() throws {
        let d = try Daemon()
        _ = try d.pace("log", "call", "ACME")
        d.stop()
        chmod(d.database, 0o644)
        let r = try run(Binaries.paced, ["--db", d.database, "--socket", d.socket])
        #expect(r.status == 69)
        #expect(r.stderr.contains("\(d.database) has mode 644: users other than paced's may read or change the event log. Fix it with: chmod 600 \(d.database)*"))
        // Group-writable is refused too; 0640 (a backup group may read) is accepted.
        chmod(d.database, 0o660)
        #expect(try run(Binaries.paced, ["--db", d.database, "--socket", d.socket]).status == 69)
        chmod(d.database, 0o640)
        try d.start()
        #expect(try d.eventCount() == 1)
    }

    // MARK: Medium 5 to 9

    @Test func oneUsersIdleConnectionsDoNotShutOthersOut() throws {
        let d = try Daemon(extraArguments: ["--max-connections-per-user", "16"])
        let hog = try TempUser()
        // Open 40 connections, send nothing, and count how many paced closed at once.
        let script = """
            import socket, time
            socks = []
            for i in range(40):
                s = socket.socket(socket.AF_UNIX); s.connect("\(d.socket)"); socks.append(s)
            time.sleep(0.5)
            closed = 0
            for s in socks:
                s.setblocking(False)
                try:
                    if s.recv(1) == b"": closed += 1
                except BlockingIOError:
                    pass
            print(closed)
            time.sleep(1.5)
            """
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        holder.arguments = ["-u", hog.name, "--", "/usr/bin/python3", "-c", script]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        usleep(300_000)
        // Meanwhile everyone else is answered.
        let status = try d.pace("status")
        #expect(status.status == 0)
        holder.waitUntilExit()
        let closed = Int(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(closed == 24)
    }

    @Test func idleConnectionsAreClosed() throws {
        let d = try Daemon(extraArguments: ["--idle-timeout", "1"])
        let sock = try UnixSocket(connectingTo: d.socket)
        let start = Date()
        let bytes = try sock.read()
        #expect(bytes.isEmpty)
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func eventPagesAreCappedAndHistoryReadsPageByPage() throws {
        let d = try Daemon()
        let big = try curl(as: nil, d, "GET", "/v1/events?limit=100000")
        #expect(big.status == 400)
        #expect(big.body.contains("limit=100000 is not a number from 1 to 1000"))
        try concurrentlyAppend(d, count: 1203) { i in .call(try Call(customer: "C\(i)")) } at: { _ in nil }
        let all = try d.pace("history", "--limit", "1500", "--json")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 1203)
        #expect(Set(list.compactMap { $0["seq"] as? Int }).count == 1203)
    }

    @Test func appendsAreRateLimitedPerUserAndTextIsLimitedInBytes() throws {
        let d = try Daemon(extraArguments: ["--append-burst", "3", "--appends-per-minute", "1"])
        let sam = try TempUser()
        _ = try d.pace("team", "create", "east")
        _ = try d.pace("team", "add", "east", sam.name)
        for i in 0..<3 { #expect(try d.pace(as: sam.name, ["log", "call", "C\(i)"]).status == 0) }
        let fourth = try d.pace(as: sam.name, ["log", "call", "C3"])
        #expect(fourth.status == 75)
        #expect(fourth.stderr.contains("are logging faster than 1 events a minute; nothing was recorded. Retry in"))
        let raw = try curl(as: sam.name, d, "POST", "/v1/events", body: #"{"type":"call","data":{"customer":"X"}}"#)
        #expect(raw.status == 429)
        // Admins are not limited.
        for i in 0..<5 { #expect(try d.pace("log", "call", "R\(i)").status == 0) }

        // 2,000 characters, each an e with ten combining accents: about 42 KB.
        let heavy = String(repeating: "e" + String(repeating: "\u{301}", count: 10), count: 2000)
        let r = try d.pace("log", "visit", "ACME", "--new", "--note", heavy)
        #expect(r.status == 64 || r.status == 65, "\(r.status)")
        #expect(r.stderr.contains("The note takes 42000 bytes in UTF-8; at most 8000 are allowed"))
        #expect(try d.eventCount() == 10)
    }

    @Test func customerFiguresAreMadeOnlyOfOnesOwnTeamsEvents() throws {
        let d = try Daemon()
        let c = try Company(d)
        #expect(try d.pace(as: c.bob.name, ["log", "order", "GLOBEX", "0.01"]).status == 0)
        #expect(try d.pace(as: c.alice.name, ["log", "order", "Globex", "50000"]).status == 0)
        #expect(try d.pace(as: c.alice.name, ["log", "payment", "GLOBEX", "20000"]).status == 0)
        let bobs = try d.pace(as: c.bob.name, ["customers", "--json"])
        let b = try JSONDecoder().decode([CustomerList.Customer].self, from: Data(bobs.stdout.utf8))
        #expect(b.map { [$0.name, $0.team, $0.owner, $0.revenue, $0.payments, $0.receivable] } == [["GLOBEX", "east", c.bob.name, "0.01", "0.00", "0.01"]])
        let alices = try d.pace(as: c.alice.name, ["customers", "--json"])
        let a = try JSONDecoder().decode([CustomerList.Customer].self, from: Data(alices.stdout.utf8))
        #expect(a.map { [$0.name, $0.team, $0.owner, $0.revenue, $0.payments, $0.receivable] } == [["Globex", "west", c.alice.name, "50000.00", "20000.00", "30000.00"]])
        // carol (east) sees east's account only.
        let east = try d.pace(as: c.carol.name, ["customers", "--team", "east", "--json"])
        #expect(!east.stdout.contains("50000"))
        #expect(try d.pace(as: c.carol.name, ["customers", "--team", "west"]).status == 77)
    }

    @Test func pacePassesOverAPlantedSocketAndRefusesAStrangersPaced() throws {
        let mallory = try TempUser()
        let shared = "/tmp/pace-shared-\(UInt32.random(in: 0...UInt32.max))"
        defer { _ = try? run("/bin/rm", ["-rf", shared]) }
        #expect(mkdir(shared, 0o777) == 0)
        chmod(shared, 0o1777)
        // mallory plants a fake paced at ./.pace/pace.sock of a shared directory.
        let fake = """
            import os, socket, time
            os.makedirs("\(shared)/.pace", exist_ok=True)
            s = socket.socket(socket.AF_UNIX); s.bind("\(shared)/.pace/pace.sock"); os.chmod("\(shared)/.pace/pace.sock", 0o777); s.listen(8)
            s.settimeout(6)
            try:
                while True:
                    c, _ = s.accept(); c.recv(65536)
                    c.send(b'HTTP/1.1 201 Created\\r\\nContent-Length: 2\\r\\n\\r\\n{}')
            except Exception:
                pass
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        p.arguments = ["-u", mallory.name, "--", "/usr/bin/python3", "-c", fake]
        try p.run()
        defer { p.terminate(); p.waitUntilExit() }
        for _ in 0..<100 where access("\(shared)/.pace/pace.sock", F_OK) != 0 { usleep(20_000) }
        // From the shared directory, pace does not use it.
        let here = Process()
        here.executableURL = URL(fileURLWithPath: "/bin/sh")
        here.arguments = ["-c", "cd \(shared) && exec env -u PACE_SOCKET \(Binaries.pace) log order ACME 100 2>&1; echo \"exit $?\""]
        let out = Pipe()
        here.standardOutput = out
        try here.run()
        here.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains("pace: not using ./.pace/pace.sock: it or its directory belongs to someone else or is writable by others. Using /run/pace/pace.sock."))
        #expect(!text.contains("Recorded"))
        // Pointed at it explicitly, pace refuses to talk to a stranger's process.
        let direct = try run(Binaries.pace, ["--socket", "\(shared)/.pace/pace.sock", "log", "order", "ACME", "100"])
        #expect(direct.status == 77)
        #expect(direct.stderr.contains("runs as \(mallory.name), not as root, pace or you; nothing was sent to it."))
    }

    // MARK: Found by a second pass

    @Test func aProfileWhoseWeightsOverflowIsRefusedBeforeAnyCheck() throws {
        let d = try Daemon()
        _ = try d.pace("team", "create", "west")
        let loner = try TempUser()
        for profile in ["months:9223372036854775807,9223372036854775807,1,1,1,1,1,1,1,1,1,1", "quarters:9223372036854775807,9223372036854775807,0,0"] {
            let r = try curl(as: loner.name, d, "POST", "/v1/events",
                             body: #"{"type":"target","data":{"scope":"team","name":"west","metric":"revenue","year":2028,"amount":"1","profile":"\#(profile)"}}"#)
            #expect(r.status == 400 && r.body.contains("whole weights from 0 to 1000000"), "\(r)")
        }
        #expect(d.process?.isRunning == true)
        #expect(try d.eventCount() == 1)
    }

    @Test func aMembersOtherTeamStaysOutOfReviewsGoalsPagesAndLogs() throws {
        let d = try Daemon()
        let c = try Company(d)
        let today = FixedOffsetZone.utc.local(SystemZone.now()).date
        let westDay = today.adding(days: -20)
        #expect(try d.pace(as: c.alice.name, ["log", "call", "WESTCO", "--at", "\(westDay) 10:00"]).status == 0)
        #expect(try d.pace(as: c.alice.name, ["log", "order", "WestCust", "1000", "--at", "\(westDay) 11:00"]).status == 0)
        #expect(try d.pace("team", "add", "east", c.alice.name).status == 0)
        #expect(try d.pace(as: c.alice.name, ["log", "call", "EASTCO"]).status == 0)

        // Pages: each cursor is an event the reader may read.
        for reader in [c.dana.name, c.carol.name] {
            let page = try curl(as: reader, d, "GET", "/v1/events?subject=\(c.alice.name)&limit=1")
            let list = try JSONDecoder().decode(EventList.self, from: Data(page.body.utf8))
            if let next = list.next {
                let last = try #require(list.events.last)
                #expect(next == "\(last.occurredAt.milliseconds).\(last.seq)", "\(reader)")
            }
        }
        // Reviews and goals: carol sees none of alice's west days, dana sees them.
        let week = ISOWeek(containing: westDay).label
        let carols = try JSONDecoder().decode(WeekReviewView.self, from: Data(try d.pace(as: c.carol.name, ["review", "week", "--user", c.alice.name, "--week", week, "--json"]).stdout.utf8))
        #expect(carols.figures.first { $0.metric == "calls" }?.actual == "0")
        let danas = try JSONDecoder().decode(WeekReviewView.self, from: Data(try d.pace(as: c.dana.name, ["review", "week", "--user", c.alice.name, "--week", week, "--json"]).stdout.utf8))
        #expect(danas.figures.first { $0.metric == "calls" }?.actual == "1")
        let month = String(westDay.description.prefix(7))
        let review = try d.pace(as: c.carol.name, ["review", "month", "--user", c.alice.name, "--month", month, "--json"])
        #expect(review.status == 0 && !review.stdout.contains("1000.00"), "\(review)")

        // Targets too: each manager sees the part of alice's year in their own team.
        #expect(try d.pace("target", "set", "calls", "2610", "--year", "\(today.year)", "--user", c.alice.name).status == 0)
        func yearTarget(_ reader: String) throws -> Int {
            let r = try d.pace(as: reader, ["progress", "--user", c.alice.name, "--metric", "calls", "--period", "year", "--json"])
            return Int(try JSONDecoder().decode(ProgressView.self, from: Data(r.stdout.utf8)).rows.first?.target ?? "") ?? -1
        }
        let (west, east) = (try yearTarget(c.dana.name), try yearTarget(c.carol.name))
        #expect(west > 0 && east > 0 && west + east == 2610, "west \(west), east \(east)")

        // Logging into a team's past: not by another team's manager, not by someone who left.
        let forAlice = try d.pace(as: c.carol.name, ["log", "call", "X", "--for", c.alice.name, "--at", "\(westDay) 12:00"])
        #expect(forAlice.status == 77)
        #expect(forAlice.stderr.contains("was in west, which you do not manage"))
        let herself = try d.pace(as: c.alice.name, ["log", "order", "WestCust", "1", "--at", "\(westDay) 09:00"])
        #expect(herself.status == 77)
        #expect(herself.stderr.contains("you were in west, which you have left"))
        #expect(try d.pace(as: c.dana.name, ["log", "call", "Y", "--for", c.alice.name, "--at", "\(westDay) 12:00"]).status == 0)
    }

    @Test func aBackDatedOrderTakesNoCustomerFromItsOwner() throws {
        let d = try Daemon()
        let c = try Company(d)
        let newcomer = try TempUser()
        _ = try d.pace("team", "add", "east", newcomer.name, "--from", "2026-01-01")
        #expect(try d.pace(as: c.bob.name, ["log", "order", "EastShared", "9999"]).status == 0)
        #expect(try d.pace(as: newcomer.name, ["log", "order", "eastshared", "1", "--at", "2026-03-02 10:00"]).status == 0)
        let theirs = try JSONDecoder().decode([CustomerList.Customer].self, from: Data(try d.pace(as: newcomer.name, ["customers", "--json"]).stdout.utf8))
        #expect(theirs.isEmpty)
        let bobs = try JSONDecoder().decode([CustomerList.Customer].self, from: Data(try d.pace(as: c.bob.name, ["customers", "--json"]).stdout.utf8))
        #expect(bobs.map { [$0.name, $0.owner, $0.revenue] } == [["EastShared", c.bob.name, "10000.00"]])
        // Still the customer's first order for customers.new, and the same after a rebuild.
        #expect(try d.pace("rebuild").status == 0)
        let again = try JSONDecoder().decode([CustomerList.Customer].self, from: Data(try d.pace(as: c.bob.name, ["customers", "--json"]).stdout.utf8))
        #expect(again.first?.owner == c.bob.name && again.first?.firstOrder.hasPrefix("2026-03-02") == true)
    }

    @Test func pacedsOwnIdsCannotBeClaimed() throws {
        let d = try Daemon()
        // The form of the ids paced derives for slips (version 8), as anyone can compute them.
        let derived = "5b2f0e1c-9a4d-8e21-b3c4-7d6e5f4a3b2c"
        let r = try curl(as: nil, d, "POST", "/v1/events", body: #"{"id":"\#(derived)","type":"call","data":{"customer":"Pre"}}"#)
        #expect(r.status == 400 && r.body.contains("a version 8 UUID"), "\(r)")
        #expect(try d.eventCount() == 0)
    }

    @Test func aPlayerManagerCannotSetTheirOwnShareOrAMembersPastInAnotherTeam() throws {
        let d = try Daemon()
        let c = try Company(d)
        _ = try d.pace("team", "add", "east", c.carol.name, "--from", "2026-01-01")
        let split = try d.pace(as: c.carol.name, ["target", "set", "calls", "1000", "--year", "2027", "--team", "east", "--split", "\(c.carol.name)=1,\(c.bob.name)=99"])
        #expect(split.status == 77)
        #expect(split.stderr.contains("The split sets your own share of east's target"))
        #expect(try d.pace(as: c.carol.name, ["target", "set", "calls", "1000", "--year", "2027", "--team", "east", "--split", "equal"]).status == 0)
        // alice joins east from today: carol sets her targets from that day on only.
        let today = FixedOffsetZone.utc.local(SystemZone.now()).date
        _ = try d.pace("team", "add", "east", c.alice.name)
        let whole = try d.pace(as: c.carol.name, ["target", "set", "calls", "100", "--year", "\(today.year)", "--user", c.alice.name])
        #expect(whole.status == 77)
        #expect(whole.stderr.contains("joined east on \(today); you may set their targets from that day on: add --from \(today) or later."))
        #expect(try d.pace(as: c.carol.name, ["target", "set", "calls", "100", "--year", "\(today.year)", "--user", c.alice.name, "--from", "\(today)"]).status == 0)
        #expect(try d.pace(as: c.carol.name, ["target", "set", "calls", "100", "--year", "\(today.year - 1)", "--user", c.alice.name]).status == 77)
    }

    @Test func usersOnNoTeamOrNotYetOnOneLogAndReadNothing() throws {
        let d = try Daemon()
        _ = try d.pace("team", "create", "east")
        let later = try TempUser(), gone = try TempUser()
        let tomorrow = FixedOffsetZone.utc.local(SystemZone.now()).date.adding(days: 1)
        _ = try d.pace("team", "add", "east", later.name, "--from", "\(tomorrow)")
        let early = try d.pace(as: later.name, ["log", "call", "ACME"])
        #expect(early.status == 77)
        #expect(early.stderr.contains("You were on no team on"))
        _ = try d.pace("team", "add", "east", gone.name, "--from", "2026-01-01")
        _ = try d.pace("team", "remove", "east", gone.name, "--from", "2026-06-01")
        #expect(try d.pace(as: gone.name, ["history"]).status == 77)
    }

    // MARK: Low

    @Test func aUserOnNoTeamSeesNothingOfTheOrganisation() throws {
        let d = try Daemon()
        _ = try d.pace("team", "create", "east")
        let loner = try TempUser()
        for path in ["/v1/teams", "/v1/teams/east", "/v1/teams/east/calendar"] {
            #expect(try curl(as: loner.name, d, "GET", path).status == 403, "\(path)")
        }
        let status = try curl(as: loner.name, d, "GET", "/v1/status")
        #expect(status.status == 200 && !status.body.contains(d.database))
        #expect(try curl(as: nil, d, "GET", "/v1/status").body.contains(d.database))
    }

    @Test func csvQuotesFieldsAsRFC4180Says() throws {
        let d = try Daemon()
        _ = try d.pace("team", "create", "east")
        _ = try d.pace("team", "add", "east", "root", "--from", "2026-01-01")
        #expect(try d.pace("target", "set", #"revenue:a,b"c"#, "1000", "--year", "2026", "--user", "root").status == 0)
        let csv = try d.pace("progress", "--metric", #"revenue:a,b"c"#, "--period", "month", "--at", "2026-11-27", "--csv")
        #expect(csv.status == 0, "\(csv)")
        #expect(csv.stdout.split(separator: "\n")[1].hasPrefix(#""revenue:a,b""c",2026-11-01,2026-11-30,"#))
    }

    @Test func malformedRequestsAreTheClientsFault() throws {
        let d = try Daemon()
        let minutes = try curl(as: nil, d, "POST", "/v1/events", body: #"{"type":"call","data":{"customer":"A","minutes":1.5}}"#)
        #expect(minutes.status == 400)
        #expect(minutes.body.contains("Field 'data.minutes' is 1.5, not a whole number"))
        let s = try UnixSocket(connectingTo: d.socket)
        try s.write(Array("POST /v1/events HTTP/1.1\r\nHost: p\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n".utf8))
        let answer = String(decoding: try s.read(), as: UTF8.self)
        #expect(answer.hasPrefix("HTTP/1.1 400"))
        #expect(!d.log.contains("error paced"))
    }

    @Test func ambiguousAndMissingLocalTimesAndBadZonesAreRefused() throws {
        let d = try Daemon()
        let twice = try d.pace("log", "call", "ACME", "--at", "2026-10-25 02:30")
        #expect(twice.status == 64)
        #expect(twice.stderr.contains("2026-10-25 02:30 happens twice in your time zone (the clocks go back): 2026-10-25T02:30:00+02:00 or 2026-10-25T02:30:00+01:00."))
        let gap = try d.pace("log", "call", "ACME", "--at", "2026-03-29 02:30")
        #expect(gap.status == 64)
        #expect(gap.stderr.contains("2026-03-29 02:30 does not exist in your time zone"))
        let tz = try d.pace(["log", "call", "ACME"], environment: ["TZ": "Mars/Olympus"])
        #expect(tz.status == 64)
        #expect(tz.stderr.contains("TZ=Mars/Olympus is not a time zone"))
        #expect(try d.eventCount() == 0)
    }

    /// Appends `count` events as root through the client, 16 at a time.
    func concurrentlyAppend(_ d: Daemon, count: Int, _ payload: @escaping @Sendable (Int) throws -> EventPayload,
                            at: @escaping @Sendable (Int) -> Timestamp?) throws {
        let socket = d.socket
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 16) { worker in
            do {
                let client = try PaceClient(socketPath: socket)
                for i in stride(from: worker, to: count, by: 16) {
                    _ = try client.append(AppendRequest(id: nil, occurredAt: at(i), subject: nil, payload: try payload(i)))
                }
            } catch {
                failures.add("\(error)")
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
    }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
