import Foundation
import GRDB
import PaceCore

extension EventStore {
    /// The WHERE condition on `customers` (aliased `table`) for `scope`, and its arguments.
    private static func customerFilter(_ scope: CustomerScope, table: String = "customers") -> (sql: String, args: [any DatabaseValueConvertible]) {
        switch scope {
        case .owner(let user, let teams?):
            ("\(table).owner = ? AND \(table).team IN (\(teams.map { _ in "?" }.joined(separator: ",")))", [user] + teams.sorted())
        case .owner(let user, nil): ("\(table).owner = ?", [user])
        case .team(let team): ("\(table).team = ?", [team])
        case .all: ("1", [])
        }
    }

    /// Customer accounts with any money on them (orders or payments not voided), by name.
    public func customers(_ scope: CustomerScope) throws -> [CustomerRow] {
        let (filter, args) = Self.customerFilter(scope)
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT team, name, owner, first_at, ordered, paid FROM customers
                WHERE \(filter) AND (ordered != 0 OR paid != 0) ORDER BY key
                """, arguments: StatementArguments(args)).map { row in
                let at: Int64? = row[3]
                return CustomerRow(team: row[0], name: row[1], owner: row[2], firstOrderAt: at.map(Timestamp.init(milliseconds:)), ordered: row[4], paid: row[5])
            }
        }
    }

    /// Receivables and credits of the accounts in `scope` at the end of `day` (a local
    /// day of each account's team), from the orders and payments not voided.
    public func receivables(_ scope: CustomerScope, asOf day: CivilDate) throws -> Receivables {
        let (filter, args) = Self.customerFilter(scope, table: "c")
        return try read { db in
            var out = Receivables(receivables: 0, credits: 0)
            var balance: Int64 = 0
            var key: String?
            func close() {
                if balance > 0 { out.receivables = out.receivables.adding(saturating: balance) }
                if balance < 0 { out.credits = out.credits.subtracting(saturating: balance) }
                balance = 0
            }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT a.customer, a.amount FROM customers c JOIN event_attribution a ON a.customer = c.key
                LEFT JOIN voided x ON x.event_seq = a.seq
                WHERE \(filter)
                  AND a.day <= ? AND x.event_seq IS NULL
                ORDER BY a.customer
                """, arguments: StatementArguments(args + [day.description]))
            while let row = try rows.next() {
                let k: String = row[0], amount: Int64 = row[1]
                if k != key { close(); key = k }
                balance = balance.adding(saturating: amount)
            }
            close()
            return out
        }
    }
}
