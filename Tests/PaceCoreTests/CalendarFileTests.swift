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
