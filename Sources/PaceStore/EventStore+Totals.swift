import Foundation
import GRDB
import PaceCore

extension EventStore {
    /// Per local day, the sums of `metric` in [from, to] for `subject` (nil: everyone),
    /// counted for `team`, or for any of `teams` (nil: any team).
    public func dailyActuals(metric: String, subject: String?, team: String?, teams: Set<String>? = nil,
                             from: CivilDate, to: CivilDate) throws -> [String: Int64] {
        // Summed here, saturating: SQLite's sum() fails on an integer overflow.
        if subject == nil, teams == nil, let team {
            // A whole team: its own totals, a row a day.
            return try read { db in
                var out: [String: Int64] = [:]
                let rows = try Row.fetchCursor(db, sql: "SELECT day, value FROM team_daily_totals WHERE team = ? AND metric = ? AND day >= ? AND day <= ?",
                                               arguments: [team, CustomerKey.metric(metric), from.description, to.description])
                while let row = try rows.next() { out[row[0]] = row[1] }
                return out
            }
        }
        var sql = "SELECT day, value FROM daily_totals WHERE metric = ? AND day >= ? AND day <= ?"
        var args: [any DatabaseValueConvertible] = [CustomerKey.metric(metric), from.description, to.description]
        if let subject { sql += " AND subject = ?"; args.append(subject) }
        if let team { sql += " AND team = ?"; args.append(team) }
        if let teams {
            sql += " AND team IN (\(teams.map { _ in "?" }.joined(separator: ",")))"
            args += teams.sorted()
        }
        return try read { db in
            var out: [String: Int64] = [:]
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            while let row = try rows.next() {
                let day: String = row[0], value: Int64 = row[1]
                out[day, default: 0].add(saturating: value)
            }
            return out
        }
    }

    /// ``dailyActuals(metric:subject:team:teams:from:to:)`` of several subjects in one
    /// read: subject → `YYYY-MM-DD` → value (subjects with nothing are absent).
    public func dailyActuals(metric: String, subjects: [String], teams: Set<String>?, from: CivilDate, to: CivilDate) throws -> [String: [String: Int64]] {
        guard !subjects.isEmpty else { return [:] }
        var sql = "SELECT subject, day, value FROM daily_totals WHERE metric = ? AND day >= ? AND day <= ?"
            + " AND subject IN (\(subjects.map { _ in "?" }.joined(separator: ",")))"
        var args: [any DatabaseValueConvertible] = [CustomerKey.metric(metric), from.description, to.description]
        args += subjects
        if let teams {
            sql += " AND team IN (\(teams.map { _ in "?" }.joined(separator: ",")))"
            args += teams.sorted()
        }
        return try read { db in
            var out: [String: [String: Int64]] = [:]
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            while let row = try rows.next() {
                let subject: String = row[0], day: String = row[1], value: Int64 = row[2]
                out[subject, default: [:]][day, default: 0].add(saturating: value)
            }
            return out
        }
    }

    /// Per subject and local day, the sums of `metric` counted for `team` in [from, to].
    public func teamActuals(metric: String, team: String, from: CivilDate, to: CivilDate) throws -> [String: [String: Int64]] {
        try read { db in
            var out: [String: [String: Int64]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT subject, day, value FROM daily_totals WHERE team = ? AND metric = ? AND day >= ? AND day <= ?
                """, arguments: [team, CustomerKey.metric(metric), from.description, to.description]) {
                let subject: String = row[0], day: String = row[1], value: Int64 = row[2]
                out[subject, default: [:]][day, default: 0].add(saturating: value)
            }
            return out
        }
    }

    /// The products with units recorded on any day of [from, to].
    public func products(from: CivilDate, to: CivilDate) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT substr(metric, 7) FROM daily_totals WHERE metric LIKE 'units:%' AND day >= ? AND day <= ?",
                                arguments: [from.description, to.description])
        }
    }
}
