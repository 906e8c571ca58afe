/// A `review` event: a salesperson's own review of a week: what worked, what caused
/// the misses, the support needed from the team or other departments, and what they
/// will do differently. The latest review of a week is the one shown.
public struct ReviewEvent: Sendable, Equatable, Codable {
    /// The ISO week, `2026-W48`.
    public let week: String
    public let note: String
    public let causes: [String]
    public let support: [String]
    public let next: [String]

    public init(week: String, note: String, causes: [String], support: [String], next: [String]) throws {
        guard let parsed = ISOWeek(parsing: week) else { throw InputError("bad_week", "'\(week)' is not a week like 2026-W48.") }
        // One spelling (2026-W48), so that a review typed 2026-w48 is found as that week's.
        self.week = parsed.label
        self.note = try Text.required(note, field: "review note", limit: Limits.note, code: "bad_review")
        func list(_ items: [String], _ field: String) throws -> [String] {
            guard items.count <= 20 else { throw InputError("bad_review", "At most 20 \(field) entries.") }
            return try items.map { try Text.required($0, field: field, limit: Limits.reason, code: "bad_review") }
        }
        self.causes = try list(causes, "cause")
        self.support = try list(support, "support")
        self.next = try list(next, "next step")
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case week, note, causes, support, next }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(week: c.decode(String.self, forKey: .week), note: c.decode(String.self, forKey: .note),
                      causes: c.decodeIfPresent([String].self, forKey: .causes) ?? [],
                      support: c.decodeIfPresent([String].self, forKey: .support) ?? [],
                      next: c.decodeIfPresent([String].self, forKey: .next) ?? [])
    }
}

/// An ISO 8601 week, `2026-W48`: Monday to Sunday; week 1 holds the year's first Thursday.
public struct ISOWeek: Sendable, Equatable {
    public let year: Int
    public let week: Int

    public init?(parsing raw: String) {
        let parts = raw.uppercased().split(separator: "-W")
        guard parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), let w = Int(parts[1]), parts[1].count == 2,
              (2000...2100).contains(y), w >= 1 else { return nil }
        year = y
        week = w
        guard monday.isoWeek.week == w else { return nil }   // W53 only in long years
    }

    public init(containing day: CivilDate) {
        let w = day.isoWeek
        year = w.year
        week = w.week
    }

    public var monday: CivilDate {
        let jan4 = CivilDate(year: year, month: 1, day: 4)
        return jan4.adding(days: 1 - jan4.weekday.rawValue + (week - 1) * 7)
    }

    public var label: String { "\(year)-W\(week < 10 ? "0" : "")\(week)" }
}
