import PaceAPI
import PaceCore
import PaceStore

/// Customer accounts with their balances (ordered, paid, receivable).
public struct CustomerService: Sendable {
    let env: AppEnvironment

    /// A salesperson sees the accounts they own; a manager a member's accounts in the
    /// teams the manager manages, or a whole team's; admins all.
    public func customers(_ q: CustomerQuery, access: Access) throws -> CustomerList {
        let org = access.org
        let scope: CustomerScope
        switch q.scope {
        case .team:
            let team = q.name ?? ""
            guard org.teams[team] != nil else { throw AppError.unknownTeam(team) }
            guard access.mayManage(team: team) else { throw AppError(.forbidden, "forbidden", "Only \(team)'s managers and admins may list its customers.") }
            scope = .team(team)
        case .user:
            try access.requireTeam()
            let user = q.name ?? access.name
            if access.caller.isAdmin || user == access.name {
                scope = .owner(user, teams: nil)
            } else {
                let teams = access.managedTeams(of: user)
                guard !teams.isEmpty else { throw AppError(.forbidden, "forbidden", "You (\(access.name)) may list only your own customers, and your team members' in your teams.") }
                scope = .owner(user, teams: teams)
            }
        case .all:
            guard access.caller.isAdmin else { throw AppError(.forbidden, "forbidden", "Only admins may list every customer.") }
            scope = .all
        }
        var rows = try env.store.customers(scope)
        if q.receivables {
            rows = rows.filter { $0.balance > 0 }.sorted { $0.balance > $1.balance }
        }
        return CustomerList(customers: rows.map {
            .init(team: $0.team, name: $0.name, owner: $0.owner ?? "", firstOrder: $0.firstOrderAt?.rfc3339() ?? "",
                  revenue: Money(minorUnits: $0.ordered).decimal, payments: Money(minorUnits: $0.paid).decimal,
                  receivable: Self.signedMoney($0.balance))
        })
    }

    /// Minor units as a signed decimal amount: `-400.00`.
    static func signedMoney(_ minor: Int64) -> String {
        (minor < 0 ? "-" : "") + Money(minorUnits: Int64(clamping: Int128(minor).magnitude)).decimal
    }
}
