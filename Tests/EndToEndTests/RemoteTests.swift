import Foundation
import Glibc
import PaceAPI
import PaceClient
import PaceCore
import Testing

/// pace off the server (issue 12): personal tokens over paced's TLS listener, with
/// certificates made by openssl here, and a client in its own network namespace.
@Suite(.serialized)
struct RemoteTests {
    /// A CA and a server certificate for `names` (DNS names and IP addresses), made by openssl.
    struct Certificates {
        let dir: String
        var ca: String { dir + "/ca.pem" }
        var cert: String { dir + "/server.pem" }
        var key: String { dir + "/server.key" }

        init(ips: [String] = ["127.0.0.1"], dnsNames: [String] = ["localhost"]) throws {
            dir = "/tmp/pace-tls-\(UInt32.random(in: 0...UInt32.max))"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let san = (dnsNames.map { "DNS:\($0)" } + ips.map { "IP:\($0)" }).joined(separator: ",")
            try "subjectAltName=\(san)\n".write(toFile: dir + "/ext", atomically: true, encoding: .utf8)
            for args in [["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir + "/ca.key", "-out", dir + "/ca.pem", "-days", "2", "-subj", "/CN=Pace Test CA"],
                         ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", dir + "/server.key", "-out", dir + "/server.csr", "-subj", "/CN=paced"],
                         ["x509", "-req", "-in", dir + "/server.csr", "-CA", dir + "/ca.pem", "-CAkey", dir + "/ca.key", "-CAcreateserial",
                          "-out", dir + "/server.pem", "-days", "2", "-extfile", dir + "/ext"]] {
                let r = try run("/usr/bin/openssl", args)
                guard r.status == 0 else { throw DaemonError("openssl \(args[0]) failed: \(r)") }
            }
        }

        /// Another CA, which did not sign the server's certificate.
        func otherCA() throws -> String {
            let r = try run("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir + "/other.key", "-out", dir + "/other.pem",
                                                 "-days", "1", "-subj", "/CN=Someone Else"])
            guard r.status == 0 else { throw DaemonError("openssl failed: \(r)") }
            return dir + "/other.pem"
        }

        func remove() { _ = try? run("/bin/rm", ["-rf", dir]) }
    }

    /// paced's TCP port, from its log ("paced also serves https://HOST:PORT/v1").
    static func port(of d: Daemon) throws -> Int {
        for _ in 0..<200 {
            if let line = d.log.split(separator: "\n").first(where: { $0.contains("paced also serves") }),
               let url = line.split(separator: " ").first(where: { $0.hasPrefix("http") }),
               let port = url.split(separator: ":").last?.split(separator: "/").first.flatMap({ Int($0) }) {
                return port
            }
            usleep(25_000)
        }
        throw DaemonError("paced did not say where it listens:\n\(d.log)")
    }

    /// `pace` as a remote client: no socket, a home of its own, the URL, token and CA.
    func remote(_ args: [String], url: String, token: String, ca: String, home: String, extra: [String: String] = [:]) throws -> Outcome {
        var env = ["PACE_URL": url, "PACE_TOKEN": token, "PACE_CA": ca, "HOME": home, "TZ": "UTC", "NO_COLOR": "1"]
        for (k, v) in extra { env[k] = v }
        return try run("/usr/bin/env", ["-u", "PACE_SOCKET"] + env.map { "\($0)=\($1)" } + [Binaries.pace] + args)
    }

    /// A token ends with its user's Unix account: once `userdel` has removed it (and
    /// paced's few seconds of cached lookups are over), the token is refused as invalid.
    @Test func aTokenEndsWithItsUsersAccount() throws {
        let certs = try Certificates()
        defer { certs.remove() }
        let d = try Daemon(extraArguments: ["--listen", "127.0.0.1:0", "--tls-cert", certs.cert, "--tls-key", certs.key])
        let url = "https://127.0.0.1:\(try Self.port(of: d))"
        let home = d.dir.appendingPathComponent("home").path
        let leaver = try TempUser()
        let made = try d.pace("token", "create", "--user", leaver.name)
        #expect(made.status == 0, "\(made)")
        let token = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let before = try remote(["status"], url: url, token: token, ca: certs.ca, home: home)
        #expect(before.status == 0 && before.stdout.contains("you       \(leaver.name)"), "\(before)")

        #expect(try run("/usr/sbin/userdel", [leaver.name]).status == 0)
        sleep(6)
        let after = try remote(["status"], url: url, token: token, ca: certs.ca, home: home)
        #expect(after.status == 77, "\(after)")
        #expect(after.stderr == "Error: The token's user \(leaver.name) no longer has an account on the paced host. Ask an administrator.\n")
        // Nothing was recorded for them after, and the log still verifies.
        #expect(try d.pace("verify").status == 0)
    }

    @Test func tokensOverTLS() throws {
        let certs = try Certificates()
        defer { certs.remove() }
        let d = try Daemon(extraArguments: ["--listen", "127.0.0.1:0", "--tls-cert", certs.cert, "--tls-key", certs.key])
        let url = "https://127.0.0.1:\(try Self.port(of: d))"
        let home = d.dir.appendingPathComponent("home").path
        // rita has no account on this machine: she is a Pace user only.
        for args in [["team", "create", "east"], ["user", "add", "rita", "--name", "Rita Remote", "--email", "rita@example.com"], ["user", "add", "bob"],
                     ["team", "add", "east", "rita", "bob", "--from", "2026-01-01"]] {
            let r = try d.pace(args)
            #expect(r.status == 0, "\(args): \(r)")
        }
        let made = try d.pace("token", "create", "--user", "rita", "--name", "laptop", "--expires", "30d")
        #expect(made.status == 0)
        let token = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("pace_") && token.count == 48)
        #expect(made.stderr.contains("for rita (laptop), valid until"))

        // Her commands work remotely, and count as hers.
        let status = try remote(["status"], url: url, token: token, ca: certs.ca, home: home)
        #expect(status.stdout.contains("you       rita (salesperson)"), "\(status)")
        #expect(status.stdout.contains("url       \(url)"), "\(status)")
        let call = try remote(["log", "call", "ACME", "--outcome", "from the road"], url: url, token: token, ca: certs.ca, home: home)
        #expect(call.status == 0 && call.stdout.hasPrefix("Recorded call #"), "\(call)")
        let mine = try d.client().events(subject: "rita", type: .call)
        #expect(mine.map(\.recordedBy) == ["rita"])
        // Exactly what rita may do on the socket: not logging for bob.
        let forBob = try remote(["log", "call", "ACME", "--for", "bob"], url: url, token: token, ca: certs.ca, home: home)
        #expect(forBob.status == 77)
        // A token cannot make more tokens.
        #expect(try remote(["token", "create"], url: url, token: token, ca: certs.ca, home: home).status == 77)

        // The store keeps the hash only; the list never shows a secret, and notes the use.
        let stored = try run("/usr/bin/sqlite3", [d.database, "SELECT data FROM events WHERE type = 'token'"]).stdout
        #expect(!stored.contains(token) && stored.contains(#""hash":""#))
        let list = try d.pace("token", "list", "--all", "--json")
        #expect(!list.stdout.contains(token) && list.stdout.contains("last_used_at"))

        // pace login keeps the login for rita alone.
        let login = try remote(["login", url, "--token", token, "--ca", certs.ca], url: "", token: "", ca: "", home: home)
        #expect(login.stdout == "Logged in to \(url) as rita (salesperson).\n", "\(login)")
        var st = stat()
        #expect(stat(home + "/.config/pace/remote.json", &st) == 0 && st.st_mode & 0o777 == 0o600)
        let afterLogin = try run("/usr/bin/env", ["-u", "PACE_SOCKET", "HOME=\(home)", Binaries.pace, "status"])
        #expect(afterLogin.stdout.contains("you       rita (salesperson)"), "\(afterLogin)")

        // Wrong token, other CA, revoked token.
        let wrong = try remote(["status"], url: url, token: "pace_wrong", ca: certs.ca, home: home)
        #expect(wrong.status == 77)
        #expect(wrong.stderr == "Error: The token is not valid. Check it, or make a new one with `pace token create`.\n")
        let raw = try run("/usr/bin/curl", ["-s", "-i", "--cacert", certs.ca, "-H", "Authorization: Bearer pace_wrong", url + "/v1/status"])
        #expect(raw.stdout.hasPrefix("HTTP/1.1 401") && raw.stdout.contains(#"www-authenticate: Bearer realm="pace", error="invalid_token""#.lowercased())
            || raw.stdout.contains(#"WWW-Authenticate: Bearer realm="pace", error="invalid_token""#), "\(raw.stdout)")
        let other = try remote(["status"], url: url, token: token, ca: try certs.otherCA(), home: home)
        #expect(other.status == 69)
        #expect(other.stderr.contains("the server's certificate is not trusted"))
        let id = try #require(try JSONDecoder().decode([TokenView].self, from: Data(list.stdout.utf8)).first?.id)
        #expect(try d.pace("token", "revoke", id.text).stdout == "Revoked token \(id) of rita (laptop).\n")
        let revoked = try remote(["status"], url: url, token: token, ca: certs.ca, home: home)
        #expect(revoked.status == 77 && revoked.stderr.contains("The token was revoked."))

        // Plain HTTP sent to the TLS port is refused, and paced goes on.
        let plain = try run("/usr/bin/curl", ["-s", "-m", "5", "http" + url.dropFirst(5) + "/v1/status"])
        #expect(plain.status != 0 && !plain.stdout.contains("caller"))
        #expect(try d.pace("status").status == 0)
    }

    @Test func thirtyTwoTLSClientsUnderKillMinusNineLoseNothing() throws {
        let certs = try Certificates()
        defer { certs.remove() }
        let args = ["--listen", "127.0.0.1:0", "--tls-cert", certs.cert, "--tls-key", certs.key]
        let d = try Daemon(extraArguments: args)
        let remote = RemoteConfig(url: "https://127.0.0.1:\(try Self.port(of: d))", token: try d.pace("token", "create").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines), ca: certs.ca)
        let pid = try #require(d.process?.processIdentifier)
        let killer = Thread {
            usleep(700_000)
            kill(pid, SIGKILL)
        }
        killer.start()
        let (acked, failures) = LoadTests.load(clients: 32, perClient: 1000) { try PaceClient(remote: remote) }
        d.stop()
        #expect(failures > 0, "the load should have been cut off by the kill")
        #expect(acked.count > 0, "some events should have been acknowledged before the kill")
        try d.start(extraArguments: ["--listen", "127.0.0.1:0", "--tls-cert", certs.cert, "--tls-key", certs.key])
        let stored = try d.client().events(subject: "*", type: .call, limit: 100_000)
        let storedIDs = Set(stored.map(\.id.text))
        #expect(storedIDs.count == stored.count, "an event was stored twice")
        #expect(Set(acked).subtracting(storedIDs).isEmpty, "acknowledged events were lost")
        #expect(try d.pace("verify").status == 0)
    }

    @Test func secondLookFindings() throws {
        let certs = try Certificates()
        defer { certs.remove() }
        let d = try Daemon(extraArguments: ["--listen", "127.0.0.1:0", "--tls-cert", certs.cert, "--tls-key", certs.key, "--max-connections-per-user", "8"])
        let port = try Self.port(of: d)
        let url = "https://127.0.0.1:\(port)"
        let home = d.dir.appendingPathComponent("home").path
        let carol = try TempUser()
        for args in [["team", "create", "east", "--manager", carol.name], ["user", "add", "rita"], ["team", "add", "east", "rita", "--from", "2026-01-01"]] {
            #expect(try d.pace(args).status == 0)
        }
        let rootToken = try d.pace("token", "create").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let rita = try d.pace("token", "create", "--user", "rita").stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        // No token makes tokens, not even an admin's.
        let mint = try run("/usr/bin/curl", ["-s", "-w", "\n%{http_code}", "--cacert", certs.ca, "-H", "Authorization: Bearer \(rootToken)",
                                             "-d", #"{"user":"rita"}"#, url + "/v1/tokens"])
        #expect(mint.stdout.hasSuffix("\n403"), "\(mint)")
        // A manager does not see a member's token record.
        let ritaTokens = try JSONDecoder().decode([TokenView].self, from: Data(try d.pace("token", "list", "--user", "rita", "--json").stdout.utf8))
        let record = try #require(ritaTokens.first?.id)
        #expect(try d.pace(as: carol.name, ["history", "--user", "rita", "--json"]).stdout.contains("\"hash\"") == false)
        let peek = try run("/usr/sbin/runuser", ["-u", carol.name, "--", "/usr/bin/curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                                                  "--unix-socket", d.socket, "http://pace/v1/events/\(record.text)"])
        #expect(peek.stdout == "404")

        // An untrusted certificate is an error, never "offline".
        let untrusted = try remote(["log", "call", "ACME"], url: url, token: rita, ca: try certs.otherCA(), home: home)
        #expect(untrusted.status == 69 && !untrusted.stdout.contains("Queued"), "\(untrusted)")

        // A revoked token keeps the queue waiting, for the next login.
        let queuedURL = "https://127.0.0.1:1"  // nothing listens there: offline
        let offline = try remote(["log", "call", "LATER"], url: queuedURL, token: rita, ca: certs.ca, home: home)
        #expect(offline.stdout.hasPrefix("Queued (offline)"), "\(offline)")

        // Connections from one peer beyond the cap are closed; the socket still answers.
        let flood = """
            import socket, time
            socks = [socket.create_connection(("127.0.0.1", \(port))) for _ in range(20)]
            time.sleep(0.5)
            closed = 0
            for s in socks:
                s.setblocking(False)
                try:
                    if s.recv(1) == b"": closed += 1
                except BlockingIOError:
                    pass
                except ConnectionResetError:
                    closed += 1
            print(closed)
            """
        let f = try run("/usr/bin/python3", ["-c", flood])
        #expect(Int(f.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) == 12, "\(f)")
        #expect(try d.pace("status").status == 0)
    }

    @Test func plainHTTPNeedsALoopbackAddressNotAName() throws {
        for host in ["localhost", "127.evil.example", "0.0.0.0", "10.0.0.1"] {
            let r = try run(Binaries.paced, ["--db", "/tmp/x.db", "--listen", "\(host):8080", "--no-tls"])
            #expect(r.status == 64, "\(host)")
            #expect(r.stderr.contains("an address, not a name"), "\(host): \(r.stderr)")
        }
    }

    @Test func aServerThatLiesAboutLengthsDoesNotCrashPace() throws {
        let dir = "/tmp/pace-liar-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { _ = try? run("/bin/rm", ["-rf", dir]) }
        let liar = """
            import os, socket
            s = socket.socket(socket.AF_UNIX); s.bind("\(dir)/pace.sock"); s.listen(4); s.settimeout(10)
            lies = [b"Content-Length: -5\\r\\n\\r\\n", b"Transfer-Encoding: chunked\\r\\n\\r\\n-4\\r\\nabcd\\r\\n"]
            n = 0
            while True:
                c, _ = s.accept(); c.recv(65536); c.send(b"HTTP/1.1 200 OK\\r\\n" + lies[n % 2]); c.close(); n += 1
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", liar]
        try p.run()
        defer { p.terminate(); p.waitUntilExit() }
        for _ in 0..<100 where access(dir + "/pace.sock", F_OK) != 0 { usleep(20_000) }
        // One command meets both lies: it retries on a broken answer for its retry window.
        do {
            let r = try run(Binaries.pace, ["--socket", dir + "/pace.sock", "status"])
            #expect(r.status == 69, "\(r)")
            #expect(r.stderr.contains("paced's answer could not be read"), "\(r)")
        }
    }

    @Test func repeatedFailuresAreSlowedDown() throws {
        let certs = try Certificates()
        defer { certs.remove() }
        let d = try Daemon(extraArguments: ["--listen", "127.0.0.1:0", "--tls-cert", certs.cert, "--tls-key", certs.key])
        let url = "https://127.0.0.1:\(try Self.port(of: d))/v1/status"
        var codes: [String] = []
        for _ in 0..<12 {
            codes.append(try run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", certs.ca, "-H", "Authorization: Bearer pace_guess", url]).stdout)
        }
        #expect(codes.prefix(10).allSatisfy { $0 == "401" }, "\(codes)")
        #expect(codes.suffix(2).allSatisfy { $0 == "429" }, "\(codes)")
    }

    @Test func plainHTTPOnlyOnLoopback() throws {
        let r = try run(Binaries.paced, ["--db", "/tmp/x.db", "--listen", "0.0.0.0:8443", "--no-tls"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--no-tls serves plain HTTP, which is allowed only on a loopback address"))
        let noCert = try run(Binaries.paced, ["--db", "/tmp/x.db", "--listen", "0.0.0.0:8443"])
        #expect(noCert.status == 64 && noCert.stderr.contains("--listen needs --tls-cert FILE and --tls-key FILE"))
        let trustOverTLS = try run(Binaries.paced, ["--db", "/tmp/x.db", "--listen", "127.0.0.1:8443", "--tls-cert", "/etc/hostname",
                                                    "--tls-key", "/etc/hostname", "--trust-forwarded-for"])
        #expect(trustOverTLS.status == 64 && trustOverTLS.stderr.contains("--trust-forwarded-for goes with --no-tls"), "\(trustOverTLS)")
        // Behind a proxy on loopback: plain HTTP with the same tokens.
        let d = try Daemon(extraArguments: ["--listen", "127.0.0.1:0", "--no-tls"])
        let port = try Self.port(of: d)
        let token = try d.pace("token", "create").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let s = try run("/usr/bin/curl", ["-s", "-H", "Authorization: Bearer \(token)", "http://127.0.0.1:\(port)/v1/status"])
        #expect(s.stdout.contains(#""caller":"root""#), "\(s)")
    }

    /// Behind a reverse proxy every connection comes from loopback: with
    /// `--trust-forwarded-for` the throttle counts each client by the address the proxy
    /// put last in X-Forwarded-For, for the API's tokens and the dashboard's sign-in
    /// alike; without it, the header is nobody's word and everyone is the proxy.
    @Test func behindAProxyFailedSignInsCountPerClient() throws {
        let d = try Daemon(extraArguments: ["--listen", "127.0.0.1:0", "--no-tls", "--trust-forwarded-for"])
        let base = "http://127.0.0.1:\(try Self.port(of: d))"
        let token = try d.pace("token", "create").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        func status(token: String, forwardedFor: String?) throws -> String {
            var args = ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer \(token)"]
            if let forwardedFor { args += ["-H", "X-Forwarded-For: \(forwardedFor)"] }
            return try run("/usr/bin/curl", args + ["\(base)/v1/status"]).stdout
        }
        // A guesser behind the proxy, who also makes up the header's first entries.
        var codes: [String] = []
        for i in 0..<11 { codes.append(try status(token: "pace_guess", forwardedFor: "10.9.9.\(i), 203.0.113.9")) }
        #expect(codes.prefix(10).allSatisfy { $0 == "401" }, "\(codes)")
        #expect(codes.last == "429", "\(codes)")
        // The guesser is shut out even with a good token; everyone else is not.
        #expect(try status(token: token, forwardedFor: "203.0.113.9") == "429")
        #expect(try status(token: token, forwardedFor: "198.51.100.4") == "200")
        #expect(try status(token: token, forwardedFor: "198.51.100.4, 2001:db8::1") == "200")
        // Without the header (or with one that is not an address) the proxy's own address counts.
        #expect(try status(token: token, forwardedFor: nil) == "200")
        #expect(try status(token: token, forwardedFor: "not-an-address") == "200")

        // The dashboard's sign-in form counts by the same key.
        let jar = d.dir.appendingPathComponent("cookies").path
        func signIn(_ token: String, forwardedFor: String) throws -> String {
            let form = try run("/usr/bin/curl", ["-s", "-c", jar, "-H", "X-Forwarded-For: \(forwardedFor)", "\(base)/login"]).stdout
            let csrf = try #require(form.range(of: #"name="csrf" value="([^"]+)""#, options: .regularExpression).map { String(form[$0]) }?
                .split(separator: "\"").dropFirst(3).first.map(String.init))
            return try run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-b", jar, "-H", "X-Forwarded-For: \(forwardedFor)",
                                              "--data-urlencode", "token=\(token)", "--data-urlencode", "csrf=\(csrf)", "\(base)/login"]).stdout
        }
        var web: [String] = []
        for _ in 0..<11 { web.append(try signIn("pace_guess", forwardedFor: "192.0.2.77")) }
        #expect(web.prefix(10).allSatisfy { $0 == "401" }, "\(web)")
        #expect(web.last == "429", "\(web)")
        #expect(try signIn(token, forwardedFor: "192.0.2.78") == "303")
        // The browser's connection to the proxy is HTTPS: the cookies say Secure.
        let overHTTPS = try run("/usr/bin/curl", ["-s", "-D", "-", "-o", "/dev/null", "-H", "X-Forwarded-Proto: https", "\(base)/login"]).stdout
        #expect(overHTTPS.lowercased().contains("set-cookie: pace_login=") && overHTTPS.contains("Secure"), "\(overHTTPS)")
        let overHTTP = try run("/usr/bin/curl", ["-s", "-D", "-", "-o", "/dev/null", "\(base)/login"]).stdout
        #expect(overHTTP.lowercased().contains("set-cookie: pace_login=") && !overHTTP.contains("Secure"), "\(overHTTP)")

        // /metrics: a scraper on the server, not a visitor through the proxy.
        func metrics(forwardedFor: String?) throws -> String {
            try run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}"] + (forwardedFor.map { ["-H", "X-Forwarded-For: \($0)"] } ?? [])
                    + ["\(base)/metrics"]).stdout
        }
        #expect(try metrics(forwardedFor: nil) == "200")
        #expect(try metrics(forwardedFor: "127.0.0.1, 198.51.100.4") == "403")
        #expect(try metrics(forwardedFor: "198.51.100.4, 127.0.0.1") == "200")
        #expect(try metrics(forwardedFor: "127.0.0.1, unix:") == "403")

        // Without the flag the header is ignored: one guesser shuts everyone out.
        let plain = try Daemon(extraArguments: ["--listen", "127.0.0.1:0", "--no-tls"])
        let plainBase = "http://127.0.0.1:\(try Self.port(of: plain))"
        let plainToken = try plain.pace("token", "create").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        func plainStatus(token: String, forwardedFor: String) throws -> String {
            try run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer \(token)",
                                      "-H", "X-Forwarded-For: \(forwardedFor)", "\(plainBase)/v1/status"]).stdout
        }
        for _ in 0..<10 { _ = try plainStatus(token: "pace_guess", forwardedFor: "203.0.113.9") }
        #expect(try plainStatus(token: plainToken, forwardedFor: "198.51.100.4") == "429")
        let plainCookie = try run("/usr/bin/curl", ["-s", "-D", "-", "-o", "/dev/null", "-H", "X-Forwarded-Proto: https", "\(plainBase)/login"]).stdout
        #expect(!plainCookie.contains("Secure"), "\(plainCookie)")
    }

    @Test func anExpiredTokenIsRefused() throws {
        let certs = try Certificates()
        defer { certs.remove() }
        let d = try Daemon(extraArguments: ["--listen", "127.0.0.1:0", "--tls-cert", certs.cert, "--tls-key", certs.key, "--test-clock", "2026-11-29T10:00:00Z"],
                           environment: ["PACED_ALLOW_TEST_CLOCK": "1"])
        let url = "https://127.0.0.1:\(try Self.port(of: d))"
        let token = try d.pace("token", "create", "--expires", "1d").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let home = d.dir.appendingPathComponent("home").path
        #expect(try remote(["status"], url: url, token: token, ca: certs.ca, home: home).status == 0)
        let moved = try run("/usr/bin/curl", ["-s", "--unix-socket", d.socket, "-X", "POST", "http://pace/v1/test/clock", "-d", #"{"now":"2026-12-01T10:00:00Z"}"#])
        #expect(!moved.stdout.contains("error"), "\(moved)")
        let late = try remote(["status"], url: url, token: token, ca: certs.ca, home: home)
        #expect(late.status == 77)
        #expect(late.stderr.contains("The token expired at 2026-11-30T10:00:00"))
    }

    /// A salesperson's laptop: a network namespace of its own, joined to this machine by
    /// a veth pair; traffic never leaves the machine.
    @Test func aClientInItsOwnNetworkNamespace() throws {
        let n = Int.random(in: 10...250)
        let ns = "pacetest\(n)", host = "10.231.\(n).1", laptop = "10.231.\(n).2"
        let ip = "/usr/sbin/ip"
        func sh(_ args: [String]) throws -> Outcome { try run(ip, args) }
        _ = try? sh(["netns", "del", ns])
        #expect(try sh(["netns", "add", ns]).status == 0)
        defer { _ = try? sh(["netns", "del", ns]); _ = try? sh(["link", "del", "pveth\(n)"]) }
        for args in [["link", "add", "pveth\(n)", "type", "veth", "peer", "name", "pvethns\(n)"], ["link", "set", "pvethns\(n)", "netns", ns],
                     ["addr", "add", host + "/30", "dev", "pveth\(n)"], ["link", "set", "pveth\(n)", "up"],
                     ["netns", "exec", ns, ip, "addr", "add", laptop + "/30", "dev", "pvethns\(n)"],
                     ["netns", "exec", ns, ip, "link", "set", "pvethns\(n)", "up"], ["netns", "exec", ns, ip, "link", "set", "lo", "up"]] {
            let r = try sh(args)
            #expect(r.status == 0, "ip \(args): \(r)")
        }
        let certs = try Certificates(ips: [host])
        defer { certs.remove() }
        let d = try Daemon(extraArguments: ["--listen", "\(host):0", "--tls-cert", certs.cert, "--tls-key", certs.key])
        let url = "https://\(host):\(try Self.port(of: d))"
        _ = try d.pace("team", "create", "east")
        _ = try d.pace("user", "add", "rita", "--name", "Rita Remote")
        _ = try d.pace("team", "add", "east", "rita", "--from", "2026-01-01")
        let token = try d.pace("token", "create", "--user", "rita").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let home = d.dir.appendingPathComponent("laptop").path
        func fromLaptop(_ args: [String]) throws -> Outcome {
            try run(ip, ["netns", "exec", ns, "/usr/bin/env", "-u", "PACE_SOCKET", "HOME=\(home)", "PACE_URL=\(url)", "PACE_TOKEN=\(token)",
                         "PACE_CA=\(certs.ca)", "TZ=UTC", Binaries.pace] + args)
        }
        let visit = try fromLaptop(["log", "visit", "ACME", "--new"])
        #expect(visit.status == 0 && visit.stdout.hasPrefix("Recorded visit #"), "\(visit)")
        // The socket is not reachable from there, only the TLS listener.
        let local = try run(ip, ["netns", "exec", ns, "/usr/bin/env", "PACE_SOCKET=\(d.socket)", Binaries.pace, "status"])
        #expect(local.status == 0 || local.status == 69)
        // Cut the link: reads fail, logs are queued with their time.
        _ = try sh(["link", "set", "pveth\(n)", "down"])
        let cut = try fromLaptop(["status"])
        #expect(cut.status == 69, "\(cut)")
        for i in 1...5 {
            let q = try fromLaptop(["log", "call", "OFFLINE\(i)", "--at", "2026-11-27 1\(i):00"])
            #expect(q.status == 0, "\(q)")
            #expect(q.stdout.hasPrefix("Queued (offline) call: OFFLINE\(i) at 2026-11-27 1\(i):00 (id "), "\(q)")
            #expect(q.stdout.hasSuffix("sent by your next pace command or pace sync.\n"))
        }
        // Something paced will refuse (rita may not log for bob), kept for her to see.
        _ = try d.pace("user", "add", "bob")
        #expect(try fromLaptop(["log", "call", "X", "--for", "bob"]).status == 0)
        #expect(try fromLaptop(["log", "call", "Y", "--no-queue"]).status == 69)
        _ = try sh(["link", "set", "pveth\(n)", "up"])
        usleep(300_000)
        // A sync killed midway, then run again: each event stored once.
        let killed = Process()
        killed.executableURL = URL(fileURLWithPath: ip)
        killed.arguments = ["netns", "exec", ns, "/usr/bin/env", "-u", "PACE_SOCKET", "HOME=\(home)", "PACE_URL=\(url)", "PACE_TOKEN=\(token)",
                            "PACE_CA=\(certs.ca)", Binaries.pace, "sync"]
        try killed.run()
        usleep(UInt32.random(in: 5_000...60_000))
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        let sync = try fromLaptop(["sync"])
        #expect(sync.status == 65, "\(sync)")
        #expect(sync.stdout.contains("Refused, kept: call X at "), "\(sync)")
        #expect(sync.stdout.contains("may log only your own events"), "\(sync)")
        let calls = try d.client().events(subject: "rita", type: .call, limit: 100)
        #expect(calls.count == 5)
        #expect(Set(calls.map { Output.day($0.occurredAt) }) == ["2026-11-27"])
        let refusedID = try #require(sync.stdout.split(separator: "(id ").last?.split(separator: ")").first).description
        #expect(try fromLaptop(["sync", "--discard", refusedID]).stdout.contains("Discarded call \(refusedID)."))
        #expect(try fromLaptop(["sync"]).stdout == "Nothing queued.\n")
        #expect(try fromLaptop(["status"]).stdout.contains("you       rita (salesperson)"))
        #expect(try d.client().events(subject: "rita", type: .visit).count == 1)
    }
}

enum Output {
    /// The UTC day of an instant.
    static func day(_ t: Timestamp) -> String { String(FixedOffsetZone.utc.local(t).date.description) }
}
