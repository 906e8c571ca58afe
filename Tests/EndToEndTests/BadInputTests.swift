import PacePosix
import Foundation
import PaceClient
import Testing

/// Bad input gets a clear error and changes nothing.
@Suite(.serialized)
struct BadInputTests {
    struct CLICase: CustomTestStringConvertible, Sendable {
        var args: [String]
        var exit: Int32
        var message: String
        var testDescription: String { args.joined(separator: " ") }
    }

    static let unknownID = "0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4e5f"

    static let cliCases: [CLICase] = [
        .init(args: ["log", "payment", "ACME", "-5"], exit: 64, message: "-5 is negative"),
        .init(args: ["log", "payment", "ACME", "1.234"], exit: 64, message: "1.234 has more than 2 decimals"),
        .init(args: ["log", "payment", "ACME", "1000000000000.01"], exit: 64, message: "more than the largest amount"),
        .init(args: ["log", "payment", "ACME", "0"], exit: 64, message: "The amount must be more than 0"),
        .init(args: ["log", "payment", "ACME", "12,000"], exit: 64, message: "12,000 is not an amount"),
        .init(args: ["log", "order", "ACME", "abc"], exit: 64, message: "abc is not an amount"),
        .init(args: ["log", "call", "   "], exit: 64, message: "The customer is empty"),
        .init(args: ["log", "call", String(repeating: "a", count: 201)], exit: 64, message: "at most 200 are allowed"),
        .init(args: ["log", "call", "ACME \u{202E}1 enoz"], exit: 65,
              message: "A text of this call holds U+202E RIGHT-TO-LEFT OVERRIDE, a control that changes the direction in which the text around it is shown"),
        .init(args: ["log", "order", "ACME", "500", "--line", "widget:3:200"], exit: 64, message: "The lines add up to 200.00 but the order amount is 500.00"),
        .init(args: ["log", "order", "ACME", "500", "--line", "widget"], exit: 64, message: "'widget' is not an order line"),
        .init(args: ["log", "order", "ACME", "500", "--line", "widget:0:500"], exit: 64, message: "quantity of widget must be a whole number from 1"),
        .init(args: ["log", "call", "ACME", "--at", "tomorrow"], exit: 64, message: "Cannot read the time 'tomorrow'"),
        .init(args: ["log", "call", "ACME", "--at", "2099-01-01 10:00"], exit: 65, message: "more than 5 minutes after paced's clock"),
        .init(args: ["log", "call", "ACME", "--at", "1999-12-31 10:00"], exit: 65, message: "before 2000"),
        .init(args: ["log", "call", "ACME", "--for", "no-such-user-xyz"], exit: 65, message: "There is no user 'no-such-user-xyz'"),
        .init(args: ["log", "call", "ACME", "--id", "not-a-uuid"], exit: 64, message: "'not-a-uuid' is not a UUID"),
        .init(args: ["log", "call", "ACME", "--minutes", "5000"], exit: 64, message: "give 0 to 1440 minutes"),
        .init(args: ["log", "visit", "ACME"], exit: 64, message: "Missing one of: '--new', '--existing', '--return'"),
        .init(args: ["log", "call", "ACME", "--frobnicate"], exit: 64, message: "Unknown option '--frobnicate'"),
        .init(args: ["log", "lunch", "ACME"], exit: 64, message: "unexpected arguments: 'lunch', 'ACME'"),
        .init(args: ["void", unknownID, "--reason", "typo"], exit: 65, message: "No event of yours has the id \(unknownID)"),
        .init(args: ["void", unknownID, "--reason", "  "], exit: 64, message: "The reason is empty"),
        .init(args: ["history", "--type", "lunch"], exit: 64, message: "Unknown event type 'lunch'"),
        .init(args: ["history", "--limit", "0"], exit: 64, message: "--limit 0 must be from 1 to 100000"),
    ]

    @Test func cliRejectsBadInputAndChangesNothing() throws {
        let d = try Daemon()
        _ = try d.pace("log", "call", "ACME")
        for c in Self.cliCases {
            let r = try d.pace(c.args)
            #expect(r.status == c.exit, "\(c.testDescription): \(r)")
            #expect(r.stderr.contains(c.message), "\(c.testDescription): \(r)")
            #expect(r.stdout == "", "\(c.testDescription)")
            #expect(try d.eventCount() == 1, "\(c.testDescription) changed the log")
        }
        #expect(try d.pace("verify").status == 0)
    }

    struct APICase: Sendable {
        var method = "POST"
        var path = "/v1/events"
        var body: String?
        var status: Int
        var code: String
        var message: String
    }

    static let apiCases: [APICase] = [
        .init(body: "{bad", status: 400, code: "bad_json", message: "not valid JSON"),
        .init(body: "[]", status: 400, code: "bad_json", message: "must be one JSON object"),
        .init(body: #"{"type":"call"}"#, status: 400, code: "bad_json", message: "Missing field 'data'"),
        .init(body: #"{"type":"call","data":{"customer":"ACME"},"extra":1}"#, status: 400, code: "unknown_field", message: "Unknown field 'extra'"),
        .init(body: #"{"type":"call","data":{"customer":"ACME","minuts":3}}"#, status: 400, code: "unknown_field", message: "Unknown field 'minuts' in 'data'"),
        .init(body: #"{"type":"payment","data":{"customer":"ACME","amount":12.5}}"#, status: 400, code: "bad_json", message: "'data.amount' has the wrong type: expected a string"),
        .init(body: #"{"type":"payment","data":{"customer":"ACME","amount":"-3"}}"#, status: 400, code: "bad_amount", message: "negative"),
        .init(body: #"{"type":"slip","data":{}}"#, status: 400, code: "bad_type", message: "Unknown event type 'slip'"),
        .init(body: #"{"type":"call","data":{"customer":"ACME"},"occurred_at":"yesterday"}"#, status: 400, code: "bad_time", message: "not an RFC 3339 time"),
        .init(body: #"{"type":"call","data":{"customer":"ACME"},"id":"42"}"#, status: 400, code: "bad_id", message: "'42' is not a UUID"),
        .init(body: #"{"type":"call","data":{"customer":"A\u0007B"}}"#, status: 400, code: "bad_customer", message: "control characters"),
        .init(body: #"{"type":"order","data":{"customer":"ACME","amount":"5","lines":[{"product":"x\u2066y","quantity":1,"amount":"5"}]}}"#,
              status: 400, code: "bad_text", message: "A text of this order holds U+2066 LEFT-TO-RIGHT ISOLATE"),
        .init(body: "{\"type\":\"call\",\"data\":{\"customer\":\"" + String(repeating: "x", count: 70_000) + "\"}}",
              status: 413, code: "body_too_large", message: "larger than 64 KiB"),
        .init(body: "", status: 400, code: "bad_json", message: "empty"),
        .init(method: "GET", path: "/v1/events?limit=0", status: 400, code: "bad_limit", message: "limit=0"),
        .init(method: "GET", path: "/v1/events?since=monday", status: 400, code: "bad_time", message: "since=monday"),
        .init(method: "GET", path: "/v1/events/xyz", status: 400, code: "bad_id", message: "'xyz' is not a UUID"),
        .init(method: "GET", path: "/v1/nope", status: 404, code: "no_route", message: "There is no GET /v1/nope"),
        .init(method: "DELETE", path: "/v1/events", status: 405, code: "method_not_allowed", message: "/v1/events takes POST or GET, not DELETE."),
        .init(method: "PUT", path: "/v1/teams/east/calendar", status: 405, code: "method_not_allowed", message: "/v1/teams/east/calendar takes GET, not PUT."),
        .init(method: "DELETE", path: "/v1/nope/deeper", status: 404, code: "no_route", message: "There is no DELETE /v1/nope/deeper"),
    ]

    @Test func apiAnswersEveryBadRequestWithJSONErrorAndChangesNothing() throws {
        let d = try Daemon()
        _ = try d.pace("log", "call", "ACME")
        for c in Self.apiCases {
            let conn = try HTTPConnection(path: d.socket)
            let r = try conn.send(c.method, c.path, body: c.body.map { Array($0.utf8) })
            let label = "\(c.method) \(c.path) \(c.body?.prefix(60) ?? "")"
            #expect(r.status == c.status, "\(label)")
            let obj = try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any]
            let error = obj?["error"] as? [String: String]
            #expect(error?["code"] == c.code, "\(label): \(String(decoding: r.body, as: UTF8.self))")
            #expect(error?["message"]?.contains(c.message) == true, "\(label): \(String(decoding: r.body, as: UTF8.self))")
            #expect(try d.eventCount() == 1, "\(label) changed the log")
        }
    }

    @Test func garbageOnTheSocketDoesNotCrashPaced() throws {
        let d = try Daemon()
        var rng = SystemRandomNumberGenerator()
        for i in 0..<50 {
            let socket = try UnixSocket(connectingTo: d.socket)
            let junk: [UInt8] = i % 2 == 0
                ? (0..<Int.random(in: 1...4096, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                : Array("POST /v1/events HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n{".utf8)
            try? socket.write(junk)
            _ = try? socket.read()
        }
        let r = try d.pace("log", "call", "ACME")
        #expect(r.status == 0)
        #expect(try d.eventCount() == 1)
    }
}
