import Foundation
import PaceAPI
import PaceCore
import Testing

/// paced reads bodies of `POST /v1/events` and `POST /v1/events/batch` in the plain form
/// without `JSONDecoder` (``PlainJSONDecodable``). For every body, what it reads must
/// be what the decoder gives, and where it reads nothing the decoder decides: a body
/// the decoder refuses is never read.
struct PlainJSONRequestTests {
    private func plain<T: PlainJSONDecodable>(_ type: T.Type, _ bytes: [UInt8]) -> T? {
        bytes.withUnsafeBufferPointer { T(plainJSON: $0) }
    }

    /// paced's encoder for answers (and the stored form's).
    private let sortedEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private func decoded<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) -> T? {
        try? JSONDecoder().decode(T.self, from: Data(bytes))
    }

    /// Random visits, calls, payments and orders with and without id, time and subject,
    /// encoded as `pace` encodes them: read to what the decoder gives whenever the JSON
    /// holds no escape, alone and in batches.
    @Test(arguments: [7, 8, 9] as [UInt64])
    func requestsReadAsTheDecoderReadsThem(seed: UInt64) throws {
        var rng = Seeded(seed: seed)
        let pieces = ["ACME", "b", " ", "Caf\u{E9}", "\"", "\\", "/", "\n", "\u{7F}", "שלום", "😀", "{", "]", ":", "null", "1"]
        func text(_ n: Int) -> String { (0..<(1 + Int(rng.next() % UInt64(n)))).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined() }
        func money() -> Money { Money(minorUnits: Int64(rng.next() % 100_000_000) + 1) }
        var requests: [AppendRequest] = []
        var read = 0
        while requests.count < 1_500 {
            let payload: EventPayload
            do {
                switch rng.next() % 4 {
                case 0: payload = .visit(try Visit(customer: text(3), kind: .existing, note: rng.next() % 3 == 0 ? text(3) : nil))
                case 1: payload = .call(try Call(customer: text(3), minutes: rng.next() % 2 == 0 ? nil : Int(rng.next() % 1441)))
                case 2: payload = .payment(try Payment(customer: text(3), amount: money(), reference: rng.next() % 3 == 0 ? text(2) : nil))
                default:
                    let lines = try (0..<Int(rng.next() % 3)).map { _ in try OrderLine(product: text(2), quantity: Int(rng.next() % 50) + 1, amount: money()) }
                    payload = .order(try Order(customer: text(3), amount: money(), lines: lines))
                }
            } catch {
                continue
            }
            let request = AppendRequest(id: rng.next() % 2 == 0 ? EventID.v7(at: Timestamp(milliseconds: Int64(rng.next() % 1_900_000_000_000))) : nil,
                                        occurredAt: rng.next() % 2 == 0 ? Timestamp(milliseconds: Int64(rng.next() % 1_900_000_000_000)) : nil,
                                        subject: rng.next() % 2 == 0 ? text(2) : nil, payload: payload)
            requests.append(request)
            let bytes = Array(try JSONEncoder().encode(request))
            #expect(decoded(AppendRequest.self, bytes) == request)
            // Written without the encoder where no text needs an escape: read back to it both ways.
            if let written = request.plainJSON {
                #expect(written == Array(try sortedEncoder.encode(request)))
                #expect(decoded(AppendRequest.self, written) == request)
                #expect(plain(AppendRequest.self, written) == request)
                // The event as paced answers it, with the same texts.
                let record = EventRecord(seq: Int64(requests.count), id: request.id ?? EventID.v7(at: Timestamp(milliseconds: 0)),
                                         subject: request.subject ?? "alice", recordedBy: "alice",
                                         occurredAt: request.occurredAt ?? Timestamp(milliseconds: 5), recordedAt: Timestamp(milliseconds: 1_800_000_000_123),
                                         payload: request.payload, voidedBy: requests.count % 5 == 0 ? EventID.v7(at: Timestamp(milliseconds: 9)) : nil)
                let answer = try #require(record.plainJSON)
                #expect(answer == Array(try sortedEncoder.encode(record)))
                #expect(plain(EventRecord.self, answer + [UInt8(ascii: "\n")]) == record)
                #expect(decoded(EventRecord.self, answer) == record)
            } else {
                #expect(try sortedEncoder.encode(request).contains(UInt8(ascii: "\\")))
            }
            let fast = plain(AppendRequest.self, bytes)
            // (pace's own encoder escapes slashes.)
            if bytes.contains(UInt8(ascii: "\\")) {
                #expect(fast == nil)
            } else {
                read += 1
                #expect(fast == request, "\(String(decoding: bytes, as: UTF8.self))")
            }
        }
        #expect(read > 300)
        // In batches of 1 to 50, as `pace import` sends them.
        var start = 0
        while start < requests.count {
            let events = Array(requests[start..<min(start + 1 + Int(rng.next() % 50), requests.count)])
            start += events.count
            let after = rng.next() % 2 == 0 ? EventID.v7(at: Timestamp(milliseconds: 0)) : nil
            let body = BatchRequest.body(encodedEvents: Array(try JSONEncoder().encode(events)), dryRun: rng.next() % 2 == 0, after: after)
            let expected = try #require(decoded(BatchRequest.self, body))
            #expect(expected.events == events)
            let fast = plain(BatchRequest.self, body)
            #expect(fast == (body.contains(UInt8(ascii: "\\")) ? nil : expected))
            // As `pace import` writes a batch: in the plain form exactly when every event can be.
            let array = AppendRequest.plainArray(events)
            #expect((array != nil) == events.allSatisfy { $0.plainJSON != nil })
            if let array {
                let written = BatchRequest.body(encodedEvents: array, dryRun: false, after: after)
                #expect(decoded(BatchRequest.self, written)?.events == events)
                #expect(plain(BatchRequest.self, written)?.events == events)
            }
        }
    }

    /// Bodies of other forms, which the decoder reads or refuses: read here only where the
    /// decoder reads them, to the same request.
    @Test func otherBodiesAreLeftToTheDecoder() {
        let call = #"{"type":"call","data":{"customer":"ACME"}}"#
        let bodies: [String] = [
            call,
            #"{"type":"CALL","data":{"customer":"ACME"}}"#,
            #"{"type":"call","data":{"customer":"ACME"},"extra":1}"#,
            #"{"type":"call","data":{"customer":"ACME","extra":1}}"#,
            #"{"type":"call","data":{"customer":"ACME"},"subject":null}"#,
            #"{"type":"call","data":{"customer":"ACME","minutes":null}}"#,
            #"{"type":"call","data":{"customer":"ACME","minutes":1441}}"#,
            #"{"type":"call","data":{"customer":"ACME","minutes":5.0}}"#,
            #"{"type":"call","data":{"customer":""}}"#,
            #"{"type":"call","data":{"customer":"ACME"},"type":"visit"}"#,
            #"{"type":"call"}"#,
            #"{"data":{"customer":"ACME"}}"#,
            #"{"type":"void","data":{"event":"01a22b53-8f36-779d-9933-5538596dbca1","reason":"x"}}"#,
            #"{"type":"slip","data":{"customer":"ACME"}}"#,
            #"{"type":"call","data":{"customer":"ACME"},"id":"not-an-id"}"#,
            #"{"type":"call","data":{"customer":"ACME"},"id":"01A22B53-8F36-779D-9933-5538596DBCA1"}"#,
            #"{"type":"call","data":{"customer":"ACME"},"occurred_at":"yesterday"}"#,
            #"{"type":"call","data":{"customer":"ACME"},"occurred_at":"2026-11-27T16:30:00+01:00"}"#,
            #"{"type":"call","data":{"customer":"ACME"},"occurred_at":"2026-11-27T16:30:00.123Z"}"#,
            #"{"type":"visit","data":{"customer":"ACME","kind":"new","minutes":5}}"#,
            #"{"type":"order","data":{"amount":"5.00","customer":"Bolt","lines":[]}}"#,
            #"{"type":"order","data":{"amount":"5.00","customer":"Bolt","lines":[{"amount":"5.00","product":"p","quantity":0}]}}"#,
            #" {"type":"call","data":{"customer":"ACME"}}"#,
            call + "\n",
            call + "{}",
            "[" + call + "]",
            #"{"events":[\#(call)],"dry_run":true}"#,
            #"{"events":[\#(call)],"dry_run":1}"#,
            #"{"events":[\#(call)],"dry_run":null}"#,
            #"{"events":[\#(call)],"after":"01a22b53-8f36-779d-9933-5538596dbca1"}"#,
            #"{"events":[\#(call)],"after":"nope"}"#,
            #"{"events":[\#(call)],"events":[]}"#,
            #"{"events":[]}"#,
            #"{"events":[\#(call),{"type":"void","data":{"event":"01a22b53-8f36-779d-9933-5538596dbca1"}}]}"#,
            #"{"events":[\#(call),]}"#,
            #"{"events":{}}"#,
            #"{"dry_run":false}"#,
            #"{"events":[\#(call)],"extra":true}"#,
        ]
        var readHere = 0
        for body in bodies {
            let bytes = Array(body.utf8)
            for (fast, slow) in [(plain(AppendRequest.self, bytes).map { "\($0)" }, decoded(AppendRequest.self, bytes).map { "\($0)" }),
                                 (plain(BatchRequest.self, bytes).map { "\($0)" }, decoded(BatchRequest.self, bytes).map { "\($0)" })] {
                if let fast {
                    readHere += 1
                    #expect(fast == slow, "\(body)")
                }
                if slow == nil { #expect(fast == nil, "\(body)") }
            }
        }
        // The plain ones among them were read here.
        #expect(readHere >= 6)
    }
}

extension PlainJSONRequestTests {
    /// A batch's answer is written without the encoder, to the encoder's very bytes (as
    /// paced sends it, sorted keys), and read back without the decoder, to the same answer.
    @Test func batchAnswersAreTheEncodersBytes() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let statuses: [BatchResult.Status] = [.created, .existing, .valid]
        for n in [0, 1, 7, 1000] {
            let result = BatchResult(results: (0..<n).map { i in
                BatchResult.Item(id: EventID.v7(at: Timestamp(milliseconds: Int64(i) * 86_400_000)), status: statuses[i % 3],
                                 seq: i % 3 == 2 ? nil : Int64(i) * 1_000_003)
            })
            let bytes = Array(try encoder.encode(result))
            #expect(result.plainJSON == bytes)
            #expect(plain(BatchResult.self, bytes + [UInt8(ascii: "\n")]) == result)
            #expect(decoded(BatchResult.self, bytes) == result)
        }
        // Another form is left to the decoder.
        for other in [#"{"results":[{"id":"x","status":"created"}]}"#, #"{"results":[],"more":1}"#, #"{"results":[{"id":"01a22b53-8f36-779d-9933-5538596dbca1","status":"gone"}]}"#] {
            #expect(plain(BatchResult.self, Array(other.utf8)) == nil)
        }
    }
}

/// A seeded generator (Knuth's MMIX linear congruence, its high bits), so that a
/// failure repeats.
private struct Seeded: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state ^ (state >> 29)
    }
}
