import ArgumentParser

/// `pace calendar`: a team's work calendar.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Set a team's time zone, working days and hours, holidays and make-up days (admins); show it.",
        subcommands: [CalendarSet.self, CalendarHoliday.self, CalendarWorkday.self, CalendarImport.self, CalendarShow.self]
    )
}

struct CalendarHoliday: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "holiday", abstract: "Holidays: working days that are off.",
                                                    subcommands: [CalendarHolidayAdd.self])
}

struct CalendarWorkday: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "workday", abstract: "Make-up days: days off that are worked.",
                                                    subcommands: [CalendarWorkdayAdd.self])
}
