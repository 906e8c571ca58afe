import PaceCore
import Testing

struct TimeTests {
    let shanghai = FixedOffsetZone(seconds: 8 * 3600)
    /// 2026-11-27T01:15:00Z = 09:15 in Shanghai.
    let now = Timestamp(rfc3339: "2026-11-27T01:15:00Z")!

    @Test func civilDaysRoundTripAcrossCenturiesAndLeapDays() {
        #expect(CivilDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(CivilDate(year: 2000, month: 3, day: 1).daysSinceEpoch == 11_017)
        #expect(CivilDate(year: 1969, month: 12, day: 31).daysSinceEpoch == -1)
        #expect(CivilDate(daysSinceEpoch: 20_784) == CivilDate(year: 2026, month: 11, day: 27))
        for d in stride(from: Int64(-800_000), through: 800_000, by: 97) {
            #expect(CivilDate(daysSinceEpoch: d).daysSinceEpoch == d)
        }
        #expect(CivilDate(iso: "2028-02-29") != nil)
        #expect(CivilDate(iso: "2026-02-29") == nil)
        #expect(CivilDate(iso: "2026-13-01") == nil)
    }

    @Test(arguments: [
        ("2026-11-27T16:30:00Z", 1_795_797_000_000), ("2026-11-27T16:30:00+08:00", 1_795_768_200_000),
        ("2026-11-27T16:30:00.250-05:00", 1_795_815_000_250), ("2026-11-27 16:30Z", 1_795_797_000_000),
        ("1969-12-31T23:59:59Z", -1000),
    ] as [(String, Int64)])
    func parsesRFC3339(text: String, ms: Int64) throws {
        #expect(Timestamp(rfc3339: text)?.milliseconds == ms)
    }

    @Test(arguments: ["2026-11-27T16:30:00", "2026-11-27", "2026-11-27T25:00:00Z", "2026-11-27T16:30:00+8", "x", "2026-02-30T00:00:00Z"])
    func rejectsMalformedRFC3339(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test func formatsRFC3339InUTCAndWithOffsets() {
        let t = Timestamp(milliseconds: 1_795_797_000_000)
        #expect(t.rfc3339() == "2026-11-27T16:30:00Z")
        #expect(t.rfc3339(offsetSeconds: 8 * 3600) == "2026-11-28T00:30:00+08:00")
        #expect(t.rfc3339(offsetSeconds: -(5 * 3600 + 1800)) == "2026-11-27T11:00:00-05:30")
        #expect(Timestamp(milliseconds: 1_795_797_000_042).rfc3339() == "2026-11-27T16:30:00.042Z")
    }

    @Test(arguments: [
        ("2026-11-27 16:30", "2026-11-27T08:30:00Z"),
        ("16:30", "2026-11-27T08:30:00Z"),
        ("08:00:30", "2026-11-27T00:00:30Z"),
        ("yesterday 16:30", "2026-11-26T08:30:00Z"),
        ("today 07:00", "2026-11-26T23:00:00Z"),
        ("Yesterday 00:00", "2026-11-25T16:00:00Z"),
        ("now", "2026-11-27T01:15:00Z"),
        ("2026-11-27T16:30:00+01:00", "2026-11-27T15:30:00Z"),
    ])
    func readsWhatPeopleType(text: String, utc: String) throws {
        #expect(try WhenParser.parse(text, now: now, zone: shanghai).rfc3339() == utc)
    }

    @Test(arguments: ["tomorrow", "16h30", "25:00", "2026-11-27", "last week 10:00", "2026-02-30 10:00", "yesterday", ""])
    func rejectsOtherTimes(text: String) {
        #expect {
            try WhenParser.parse(text, now: now, zone: shanghai)
        } throws: { ($0 as? InputError)?.code == "bad_time" }
    }
}
