import Foundation
import PaceAPI
import PaceCore
import Testing

struct EventTests {
    @Test func customerNamesAreTrimmedAndBounded() throws {
        #expect(try Visit(customer: "  ACME \n", kind: .new).customer == "ACME")
        #expect(try Call(customer: String(repeating: "é", count: 200)).customer.count == 200)
        #expect(throws: InputError.self) { try Call(customer: String(repeating: "a", count: 201)) }
        #expect(throws: InputError.self) { try Call(customer: " \t ") }
        #expect(throws: InputError.self) { try Call(customer: "AC\u{0}ME") }
        #expect(try Visit(customer: "ACME", kind: .new, note: "   ").note == nil)
    }

    @Test func orderLinesMustAddUpToTheAmount() throws {
        let lines = [try OrderLine(parsing: "widget:3:200"), try OrderLine(parsing: "bolt:m8:10:300.00")]
        #expect(lines[1].product == "bolt:m8")
        #expect(try Order(customer: "ACME", amount: Money(parsing: "500"), lines: lines).lines.count == 2)
        #expect {
            try Order(customer: "ACME", amount: Money(parsing: "500.01"), lines: lines)
        } throws: { ($0 as? InputError)?.code == "lines_mismatch" }
        #expect(throws: InputError.self) { try OrderLine(parsing: "widget:-1:5") }
        #expect(throws: InputError.self) { try OrderLine(parsing: "widget:3") }
    }

    @Test func uuidV7HasVersionVariantAndTimeOrder() throws {
        let a = EventID.v7(at: Timestamp(milliseconds: 1_795_797_000_000))
        let b = EventID.v7(at: Timestamp(milliseconds: 1_795_797_000_001))
        #expect(a.text.count == 36)
        #expect(Array(a.text)[14] == "7")
        #expect("89ab".contains(Array(a.text)[19]))
        #expect(a.text < b.text)
        #expect(try EventID(parsing: a.text.uppercased()) == a)
        #expect(throws: InputError.self) { try EventID(parsing: "0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4e5") }
        #expect(throws: InputError.self) { try EventID(parsing: "0193c8e2x4b5a-7c3d-8e9f-0a1b2c3d4e5f") }
    }

    @Test func appendRequestsRejectUnknownFieldsAtEveryLevel() throws {
        let ok = #"{"type":"order","data":{"customer":"ACME","amount":"10","lines":[{"product":"w","quantity":1,"amount":"10"}]}}"#
        let r = try JSONDecoder().decode(AppendRequest.self, from: Data(ok.utf8))
        #expect(r.payload.type == .order)
        for bad in [#"{"type":"call","data":{"customer":"A"},"who":"x"}"#,
                    #"{"type":"call","data":{"customer":"A","x":1}}"#,
                    #"{"type":"order","data":{"customer":"A","amount":"1","lines":[{"product":"w","quantity":1,"amount":"1","x":0}]}}"#] {
            #expect {
                try JSONDecoder().decode(AppendRequest.self, from: Data(bad.utf8))
            } throws: { ($0 as? InputError)?.code == "unknown_field" }
        }
    }

    /// One walk over the keys: an unknown field is named before a null one wherever each
    /// stands, a null one is refused, and a known field given once passes.
    @Test func unknownFieldsAreNamedBeforeNullOnes() throws {
        for (body, code, field) in [
            (#"{"type":"call","data":{"customer":null,"x":1}}"#, "unknown_field", "x"),
            (#"{"type":"call","data":{"x":1,"customer":null}}"#, "unknown_field", "x"),
            (#"{"type":"call","data":{"customer":"A","minutes":null}}"#, "null_field", "minutes"),
            (#"{"id":null,"type":"call","data":{"customer":"A"}}"#, "null_field", "id"),
        ] {
            #expect {
                try JSONDecoder().decode(AppendRequest.self, from: Data(body.utf8))
            } throws: { e in
                guard let e = e as? InputError else { return false }
                return e.code == code && e.message.contains("'\(field)'")
            }
        }
    }

    /// Trimming takes a shortcut when neither end is whitespace; it gives what trimming
    /// whole Characters from both ends gives, for every kind of end.
    @Test func trimmingTakesOffWhitespaceCharactersAtBothEnds() {
        func reference(_ s: String) -> String {
            guard let f = s.firstIndex(where: { !$0.isWhitespace }), let l = s.lastIndex(where: { !$0.isWhitespace }) else { return "" }
            return String(s[f...l])
        }
        let ends = ["", " ", "\t", "\r\n", "\n", "\u{85}", "\u{A0}", "\u{3000}", "\u{2028}", "\u{1C}", "\u{301}", " \u{301}", "\u{600}", "é", "x", "\u{FEFF}"]
        for head in ends {
            for tail in ends {
                for middle in ["ACME", "a b", "", " "] {
                    let s = head + middle + tail
                    #expect(s.trimmingWhitespace() == reference(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
                }
            }
        }
    }

    /// Free text passes when it has at most `limit` characters, at most 4 bytes a
    /// character allowed, and no control character; the printable-ASCII shortcut agrees
    /// with those rules at and around the limit, for every ASCII byte and some others.
    @Test func textChecksAgreeWithTheRulesAroundTheLimit() {
        func reference(_ t: String, limit: Int) -> Bool {
            t.count <= limit && t.utf8.count <= limit * 4 && !t.unicodeScalars.contains { $0.properties.generalCategory == .control }
        }
        let limit = 6
        let others = ["\u{E9}", "e\u{301}", "\u{1F600}", "\u{85}", "\u{200B}", "\r\n"]
        let singles = (0..<128).map { String(UnicodeScalar(UInt8($0))) } + others
        for single in singles {
            for length in [limit - 1, limit, limit + 1] {
                for at in [0, length / 2, length - 1] {
                    var parts = Array(repeating: "a", count: length)
                    parts[at] = single
                    let t = parts.joined()
                    guard t.trimmingWhitespace() == t else { continue }
                    let passed = (try? Text.required(t, field: "customer", limit: limit)) != nil
                    #expect(passed == reference(t, limit: limit), "\(t.unicodeScalars.map { String($0.value, radix: 16) })")
                }
            }
        }
    }

    /// A token's hash is 64 ASCII hex digits; fullwidth ones (which `isHexDigit` allows) are not.
    @Test func tokenHashesAreASCIIHex() throws {
        let hex = String(repeating: "0123456789abcdef", count: 4)
        #expect(try TokenEvent.create(user: "rita", label: nil, expires: nil, hash: hex).hash == hex)
        #expect(throws: InputError.self) { try TokenEvent.create(user: "rita", label: nil, expires: nil, hash: String(hex.dropLast()) + "\u{FF46}") }
    }

    /// The batch body `pace import` builds from events encoded once reads back as the
    /// BatchRequest it stands for, for both passes, with and without `after`.
    @Test func aBatchBodyFromEncodedEventsIsTheBatch() throws {
        let events = [AppendRequest(id: try EventID(parsing: "0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4e5f"), occurredAt: nil, subject: "rita",
                                    payload: .call(try Call(customer: "ACME", minutes: 5)))]
        let encoded = try Array(JSONEncoder().encode(events))
        let after = try EventID(parsing: "0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4e60")
        for dry in [true, false] {
            for after in [nil, after] {
                let body = BatchRequest.body(encodedEvents: encoded, dryRun: dry, after: after)
                #expect(try JSONDecoder().decode(BatchRequest.self, from: Data(body)) == BatchRequest(events: events, dryRun: dry, after: after))
            }
        }
    }

    /// The ids of requests: the canonical 36-byte form is read in one pass; every other
    /// spelling takes the general path. Both give the same lower-case text, and the
    /// same refusals.
    @Test func idsParseTheSameByEitherPath() throws {
        let id = "0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4e5f"
        for spelling in [id, id.uppercased(), "0193C8e2-4b5A-7c3d-8E9f-0a1b2c3D4e5f", " \(id) ", "\t\(id.uppercased())\n"] {
            #expect(try EventID(parsing: spelling).text == id, "\(spelling)")
        }
        for bad in ["0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4e5g", "0193c8e24-b5a-7c3d-8e9f-0a1b2c3d4e5f", "0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4e5f0",
                    "0193c8e2-4b5a-7c3d-8e9f_0a1b2c3d4e5f", "0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4e5\u{FF46}", "0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4é",
                    "------------------------------------", ""] {
            #expect(throws: InputError.self, "\(bad)") { try EventID(parsing: bad) }
        }
    }

}
