import PaceCore
import Testing

struct CalendarFileTests {
    @Test func readsLinesWithCommentsAndCRLF() throws {
        let entries = try CalendarFile.parse("# 2027\r\n2027-01-01 holiday New Year\r\n\r\n2027-02-14 workday make-up day # moved\r\n")
        #expect(entries == [
            .init(change: .holiday, from: CivilDate(year: 2027, month: 1, day: 1), to: CivilDate(year: 2027, month: 1, day: 1), name: "New Year"),
            .init(change: .workday, from: CivilDate(year: 2027, month: 2, day: 14), to: CivilDate(year: 2027, month: 2, day: 14), name: "make-up day"),
        ])
        #expect(throws: InputError.self) { try CalendarFile.parse("2027-01-01 feast Cake\n") }
        #expect(throws: InputError.self) { try CalendarFile.parse("01/01/2027 holiday New Year\n") }
    }

    @Test func readsAllDayEventsOfAnICSFileAsHolidays() throws {
        let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270501\r\nDTEND;VALUE=DATE:20270504\r\nSUMMARY:Labour\r\n  Day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let entries = try CalendarFile.parse(ics)
        #expect(entries == [.init(change: .holiday, from: CivilDate(year: 2027, month: 5, day: 1), to: CivilDate(year: 2027, month: 5, day: 3), name: "Labour Day")])
        #expect(throws: InputError.self) {
            try CalendarFile.parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270501T090000Z\nEND:VEVENT\nEND:VCALENDAR\n")
        }
    }
}

/// Every way RFC 5545 allows, or common feeds use, to state an all-day span, and
/// feeds that list worked make-up days beside the days off (issue 10).
struct ICSSpanTests {
    static func ics(_ events: [String]) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + events.map { "BEGIN:VEVENT\r\n\($0)\r\nEND:VEVENT\r\n" }.joined() + "END:VCALENDAR\r\n"
    }
    static func day(_ s: String) -> CivilDate { CivilDate(iso: Substring(s))! }

    @Test(arguments: [
        // (properties, first day, last day)
        ("DTSTART:20190422\r\nDTEND:20190422", "2019-04-22", "2019-04-22"),            // end = start, no VALUE=DATE (a public feed)
        ("DTSTART;VALUE=DATE:20190422\r\nDTEND;VALUE=DATE:20190423", "2019-04-22", "2019-04-22"), // exclusive end
        ("DTSTART;VALUE=DATE:20190422", "2019-04-22", "2019-04-22"),                    // no end: one day
        ("DTSTART;VALUE=DATE:20190419\r\nDURATION:P4D", "2019-04-19", "2019-04-22"),    // a duration in days
        ("DTSTART;VALUE=DATE:20190415\r\nDURATION:P1W", "2019-04-15", "2019-04-21"),    // ... or weeks
        ("DTSTART:20190422T000000\r\nDTEND:20190423T000000", "2019-04-22", "2019-04-22"), // midnight to midnight
        ("DTSTART:20190422T000000Z\r\nDTEND:20190424T000000Z", "2019-04-22", "2019-04-23"),
        ("DTSTART;TZID=Europe/London;VALUE=DATE:20190422\r\nDTEND;TZID=Europe/London;VALUE=DATE:20190423", "2019-04-22", "2019-04-22"),
    ])
    func allDaySpans(properties: String, first: String, last: String) throws {
        let entries = try CalendarFile.parse(Self.ics(["SUMMARY:Easter Monday\r\n" + properties]))
        #expect(entries == [.init(change: .holiday, from: Self.day(first), to: Self.day(last), name: "Easter Monday")])
    }

    @Test func faultsNameTheLineAndProperty() {
        let cases: [(String, String)] = [
            ("DTSTART:20190422\r\nDTEND:20190420", "Line 5, DTEND: 2019-04-20 is before DTSTART 2019-04-22 (line 4)."),
            ("DTSTART:2019-04-22", "Line 4, DTSTART: '2019-04-22' is not a date like 20270501."),
            ("DTSTART:20190422T090000\r\nDTEND:20190422T170000", "Line 4, DTSTART: the event starts at a time of day"),
            ("DTSTART:20190422T\u{FF10}\u{FF10}\u{FF10}\u{FF10}\u{FF10}\u{FF10}", "Line 4, DTSTART: '20190422T\u{FF10}\u{FF10}\u{FF10}\u{FF10}\u{FF10}\u{FF10}' is not a date (20270501) or date-time"),
            ("DTSTART:2019042\u{FF12}", "Line 4, DTSTART: '2019042\u{FF12}' is not a date like 20270501."),
            ("DTSTART:20190422\r\nDURATION:PT8H", "Line 5, DURATION: 'PT8H' is not a whole number of days or weeks"),
            ("SUMMARY:x", "Line 3: the VEVENT that starts here has no DTSTART."),
        ]
        for (props, message) in cases {
            do {
                _ = try CalendarFile.parse(Self.ics([props]))
                Issue.record("accepted: \(props)")
            } catch let e as InputError {
                #expect(e.message.hasPrefix(message), "\(e.message)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test(arguments: [
        ("上班(补春节)", true), ("春节", false), ("国庆节 补班", true), ("劳动节(班)", true), ("元旦（休）", false),
        ("振替出勤日", true), ("Перенесённый рабочий день", true), ("Новогодние каникулы", false),
        ("Working day (moved from 3 May)", true), ("Make-up day", true), ("Christmas Day", false), ("Ngày làm bù", true),
        ("Arbeitstag", true), ("Brückentag", false),
    ])
    func summariesOfWorkedDays(summary: String, worked: Bool) {
        #expect(CalendarFile.isWorkedDay(summary, pattern: nil) == worked)
    }

    @Test func aPatternSteersTheReading() throws {
        let text = Self.ics(["DTSTART:20250208\r\nSUMMARY:Company Saturday", "DTSTART:20250101\r\nSUMMARY:New Year"])
        let entries = try CalendarFile.parse(text, workedDay: try Regex("(?i)saturday"))
        #expect(entries.map(\.change) == [.workday, .holiday])
    }
}
