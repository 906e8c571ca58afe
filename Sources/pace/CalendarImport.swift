import ArgumentParser
import Foundation
import PaceCore

/// `pace calendar import east FILE`: `YYYY-MM-DD holiday|workday NAME` lines, or an .ics file's all-day events as holidays.
struct CalendarImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import holidays and make-up days from a file.",
        discussion: "Each line is YYYY-MM-DD holiday|workday NAME, with # comments; or an .ics file whose all-day events are holidays. The whole file is checked before anything is recorded.")

    @Argument(help: "The team.") var team: String
    @Argument(help: "The file.") var file: String
    @OptionGroup var global: GlobalOptions

    func events() throws -> [EventPayload] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("Cannot read \(file). Check the path and its permissions.")
        }
        return try validated {
            try CalendarFile.parse(String(decoding: data, as: UTF8.self)).map {
                .calendar(try CalendarEvent(team: team, change: $0.change, from: $0.from, to: $0.to == $0.from ? nil : $0.to, name: $0.name))
            }
        }
    }

    func validate() throws {
        guard try !events().isEmpty else { throw ValidationError("\(file) has no holidays or make-up days.") }
    }

    func run() throws { try recordManagement(events(), global: global) }
}
