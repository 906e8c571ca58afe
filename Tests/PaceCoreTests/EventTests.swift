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

}
