import Foundation
import PaceCore
@testable import PaceStore
import Testing

/// The rebuild reads activities' stored JSON with ``ActivityFields`` where it is in the
/// form paced writes, and with `JSONDecoder` otherwise: both must give the payload the
/// decoder gives, for every JSON.
struct ActivityFieldsTests {
    private func withBytes<T>(_ json: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Array(json.utf8).withUnsafeBufferPointer(body)
    }

    private func decoded(_ type: EventType, _ json: String) -> EventPayload? {
        try? EventPayload(type: type, json: json)
    }

    /// Random visits, calls, payments and orders, with texts of quotes, backslashes,
    /// controls, accents, right-to-left letters and emoji: the canonical JSON of each is
    /// read by ActivityFields exactly when it holds no escape, to the decoder's payload.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func canonicalJSONReadsAsTheDecoderReadsIt(seed: UInt64) throws {
        var rng = Xorshift(seed: seed)
        let pieces = ["ACME", "a", " ", "Caf\u{E9}", "E\u{301}", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{7F}", "שלום", "😀", "{", "}", "[", ",", ":", "0", "-1", "null"]
        var fast = 0, escaped = 0
        for _ in 0..<3_000 {
            // A text the initialisers refuse makes no event.
            guard let payload = randomActivity(&rng, pieces: pieces) else { continue }
            let json = try payload.canonicalJSON()
            let fields = withBytes(json) { ActivityFields(json: $0) }
            if json.contains("\\") {
                escaped += 1
                #expect(fields == nil, "an escape is left to the decoder: \(json)")
            } else {
                fast += 1
                #expect(fields?.payload(payload.type) == payload, "\(json)")
            }
            #expect(decoded(payload.type, json) == payload)
            #expect(withBytes(json) { ReplayReader.activity(payload.type, json: $0) } == payload, "\(json)")
        }
        // Both ways were taken often.
        #expect(fast > 500)
        #expect(escaped > 300)
    }

    /// JSON of other forms, valid or not: ActivityFields reads none of them, and the
    /// rebuild's reading of each equals the decoder's (a payload, or nothing).
    @Test func otherFormsReadAsTheDecoderReadsThem() {
        let cases: [(EventType, String)] = [
            (.call, #"{ "customer":"ACME"}"#),
            (.call, #"{"customer":"ACME" }"#),
            (.call, "{\"customer\":\"ACME\"}\n"),
            (.call, #"{"customer":"AC\u004DE"}"#),
            (.call, #"{"customer":"ACME","customer":"Bolt"}"#),
            (.call, #"{"customer":"ACME","minutes":5.0}"#),
            (.call, #"{"customer":"ACME","minutes":5.5}"#),
            (.call, #"{"customer":"ACME","minutes":1e2}"#),
            (.call, #"{"customer":"ACME","minutes":05}"#),
            (.call, #"{"customer":"ACME","minutes":-0}"#),
            (.call, #"{"customer":"ACME","minutes":1000000000000000}"#),
            (.call, #"{"customer":"ACME","minutes":null}"#),
            (.call, #"{"customer":"ACME","minutes":"5"}"#),
            (.call, #"{"customer":"ACME","minutes":true}"#),
            (.call, #"{"customer":"ACME","extra":1}"#),
            (.call, #"{"customer":null}"#),
            (.call, #"{"customer":5}"#),
            (.call, #"{"customer":{"name":"ACME"}}"#),
            (.call, #"{"customer":"ACME"}x"#),
            (.call, #"{"customer":"ACME""#),
            (.call, #"{"customer":"ACME",}"#),
            (.call, #"["customer","ACME"]"#),
            (.call, ""),
            (.visit, #"{"customer":"ACME","kind":"existing","amount":"5.00"}"#),
            (.visit, #"{"customer":"ACME","kind":"sideways"}"#),
            (.payment, #"{"amount":"5.001","customer":"ACME"}"#),
            (.payment, #"{"amount":5,"customer":"ACME"}"#),
            (.order, #"{"amount":"5.00","customer":"Bolt","lines":[{}]}"#),
            (.order, #"{"amount":"5.00","customer":"Bolt","lines":["x"]}"#),
            (.order, #"{"amount":"5.00","customer":"Bolt","lines":[null]}"#),
            (.order, #"{"amount":"5.00","customer":"Bolt","lines":null}"#),
            (.order, #"{"amount":"5.00","customer":"Bolt","lines":{"a":{"amount":"5.00","product":"p","quantity":1}}}"#),
            (.order, #"{"amount":"5.00","customer":"Bolt","lines":[{"amount":"5.00","product":"p","quantity":1,"quantity":2}]}"#),
            (.order, #"{"amount":"5.00","customer":"Bolt","lines":[{"amount":"5.00","product":"p","quantity":1.0}]}"#),
            (.order, #"{"amount":"5.00","customer":"Bolt","lines":[{"amount":"5.00","product":"p","quantity":1}],"lines":[]}"#),
            (.order, #"{"amount":"5.00","customer":"Bolt","lines":[{"amount":"5.00","product":"p","quantity":1} ]}"#),
        ]
        for (type, json) in cases {
            #expect(withBytes(json) { ActivityFields(json: $0) }?.payload(type) == nil, "\(json)")
            #expect(withBytes(json) { ReplayReader.activity(type, json: $0) } == decoded(type, json), "\(json)")
        }
        // Among them, some the decoder reads: the way to it was tried.
        #expect(cases.contains { decoded($0.0, $0.1) != nil })
        // Bytes that are not UTF-8 in a string: not read here; the decoder's reading of
        // the repaired text counts, as when GRDB read the column.
        let bad: [UInt8] = Array(#"{"customer":"AC"#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
        #expect(bad.withUnsafeBufferPointer { ActivityFields(json: $0) } == nil)
        #expect(bad.withUnsafeBufferPointer { ReplayReader.activity(.call, json: $0) } == decoded(.call, String(decoding: bad, as: UTF8.self)))
    }

    /// The plain form, as paced writes it, with what each type may hold: read here.
    @Test func thePlainFormIsRead() {
        let cases: [(EventType, String)] = [
            (.call, #"{"customer":"ACME"}"#),
            (.call, #"{"customer":"ACME","minutes":0}"#),
            (.call, #"{"customer":"ACME","minutes":1440,"outcome":"ok"}"#),
            (.visit, #"{"customer":"Caf\#u{E9}","kind":"new","note":"שלום 😀"}"#),
            (.payment, #"{"amount":"12.50","customer":"ACME","reference":"INV-1"}"#),
            (.order, #"{"amount":"5.00","customer":"Bolt"}"#),
            (.order, #"{"amount":"5.00","customer":"Bolt","lines":[]}"#),
            (.order, #"{"amount":"9.00","customer":"Bolt","lines":[{"amount":"4.00","product":"p","quantity":1},{"amount":"5.00","product":"q","quantity":2}]}"#),
        ]
        for (type, json) in cases {
            let payload = withBytes(json) { ActivityFields(json: $0) }?.payload(type)
            #expect(payload != nil, "\(json)")
            #expect(payload == decoded(type, json), "\(json)")
        }
        // Whole numbers up to 15 digits, as the decoder reads them (a call refuses so many minutes).
        #expect(withBytes(#"{"customer":"ACME","minutes":999999999999999}"#) { ActivityFields(json: $0) }?.minutes == 999_999_999_999_999)
        #expect(withBytes(#"{"customer":"ACME","minutes":-12}"#) { ActivityFields(json: $0) }?.minutes == -12)
    }
}
