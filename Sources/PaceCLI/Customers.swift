import ArgumentParser
import PaceAPI
import PaceClient

/// `pace customers [--receivables] [--user U | --team T] [--json]`
struct Customers: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers",
        abstract: "Your customers (or a team's): first order, revenue, payments and what is still owed.",
        discussion: """
            A customer is an account of one team. It belongs to whoever logged its first order \
            (or, before any order, its first payment), and what it owes (RECEIVABLE, negative \
            when the customer is owed money) counts for that owner, whoever on the team \
            collected the payment; the payment still counts as money returned for whoever logged it.
            """)

    @Flag(help: "Only customers who still owe money, largest first.") var receivables = false
    @Option(help: "A member's customers (their manager, admins).") var user: String?
    @Option(help: "A team's customers (its managers, admins).") var team: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if user != nil && team != nil { throw ValidationError("Give --user or --team, not both.") }
    }

    func run() throws {
        var q = team.map { "scope=team&name=\(PaceClient.escape($0))" } ?? "scope=user" + (user.map { "&name=\(PaceClient.escape($0))" } ?? "")
        if receivables { q += "&receivables=true" }
        try global.withClient { client in
            let list = try client.get(CustomerList.self, "/v1/customers?" + q)
            if global.json { return try Output.json(list.customers) }
            if list.customers.isEmpty { return print(receivables ? "No receivables." : "No customers yet.") }
            let header = ["CUSTOMER", "OWNER", "FIRST ORDER", "REVENUE", "PAYMENTS", "RECEIVABLE"]
            var table = [header]
            for c in list.customers {
                table.append([String(c.name.prefix(20)), c.owner, String(c.firstOrder.prefix(10)), ProgressText.show("revenue", c.revenue),
                              ProgressText.show("revenue", c.payments), ProgressText.show("revenue", c.receivable)])
            }
            for line in TextTable.render(table, rightAligned: [3, 4, 5]) { print(line) }
        }
    }
}
