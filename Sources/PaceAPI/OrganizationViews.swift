import PaceCore

/// A team in `GET /v1/teams` and `GET /v1/teams/{team}`.
public struct TeamView: Sendable, Codable, Equatable {
    public struct Member: Sendable, Codable, Equatable {
        public var user: String
        public var from: String
        /// First day no longer a member; absent while a member.
        public var until: String?
        public init(user: String, from: String, until: String?) {
            self.user = user
            self.from = from
            self.until = until
        }
    }

    public var name: String
    public var managers: [String]
    /// Current members (list) or every membership span (show).
    public var members: [Member]
    public var timeZone: String
    public var workdays: String
    public var hours: String

    public init(name: String, managers: [String], members: [Member], timeZone: String, workdays: String, hours: String) {
        self.name = name
        self.managers = managers
        self.members = members
        self.timeZone = timeZone
        self.workdays = workdays
        self.hours = hours
    }

    enum CodingKeys: String, CodingKey {
        case name, managers, members, workdays, hours
        case timeZone = "time_zone"
    }
}

public struct TeamList: Sendable, Codable {
    public var teams: [TeamView]
    public init(teams: [TeamView]) { self.teams = teams }
}

/// `GET /v1/teams/{team}/calendar?year=`: working days per month, holidays, make-up days.
public struct CalendarView: Sendable, Codable, Equatable {
    public struct Month: Sendable, Codable, Equatable {
        public var month: String
        public var workingDays: Int
        public init(month: String, workingDays: Int) {
            self.month = month
            self.workingDays = workingDays
        }
        enum CodingKeys: String, CodingKey {
            case month
            case workingDays = "working_days"
        }
    }

    public struct Day: Sendable, Codable, Equatable {
        public var date: String
        public var name: String
        public init(date: String, name: String) {
            self.date = date
            self.name = name
        }
    }

    public var team: String
    public var year: Int
    public var timeZone: String
    public var workdays: String
    public var hours: String
    public var months: [Month]
    public var workingDays: Int
    public var holidays: [Day]
    public var makeUpDays: [Day]

    public init(team: String, year: Int, timeZone: String, workdays: String, hours: String, months: [Month],
                workingDays: Int, holidays: [Day], makeUpDays: [Day]) {
        self.team = team
        self.year = year
        self.timeZone = timeZone
        self.workdays = workdays
        self.hours = hours
        self.months = months
        self.workingDays = workingDays
        self.holidays = holidays
        self.makeUpDays = makeUpDays
    }

    enum CodingKeys: String, CodingKey {
        case team, year, workdays, hours, months, holidays
        case timeZone = "time_zone"
        case workingDays = "working_days"
        case makeUpDays = "make_up_days"
    }
}

/// `GET /v1/targets?scope=&name=&metric=&year=&by=`: a target's breakdown.
/// Amounts are strings: decimals with 2 places for money metrics, whole numbers for counts.
public struct TargetView: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        public var period: String
        public var start: String
        public var end: String
        public var target: String
        public var workingDays: Int
        public init(period: String, start: String, end: String, target: String, workingDays: Int) {
            self.period = period
            self.start = start
            self.end = end
            self.target = target
            self.workingDays = workingDays
        }
        enum CodingKeys: String, CodingKey {
            case period, start, end, target
            case workingDays = "working_days"
        }
    }

    public struct MemberTotal: Sendable, Codable, Equatable {
        public var user: String
        public var target: String
        public var source: String
        public init(user: String, target: String, source: String) {
            self.user = user
            self.target = target
            self.source = source
        }
    }

    public var scope: String
    public var name: String?
    public var metric: String
    public var year: Int
    public var by: String
    /// `own`, `split of TEAM`, or `sum of teams`.
    public var source: String
    public var total: String
    public var rows: [Row]
    public var warnings: [String]
    /// Team targets: each member's yearly target, their sum, and the team target minus that sum.
    public var members: [MemberTotal]?
    public var membersTotal: String?
    public var unallocated: String?

    public init(scope: String, name: String?, metric: String, year: Int, by: String, source: String, total: String, rows: [Row],
                warnings: [String], members: [MemberTotal]? = nil, membersTotal: String? = nil, unallocated: String? = nil) {
        self.scope = scope
        self.name = name
        self.metric = metric
        self.year = year
        self.by = by
        self.source = source
        self.total = total
        self.rows = rows
        self.warnings = warnings
        self.members = members
        self.membersTotal = membersTotal
        self.unallocated = unallocated
    }

    enum CodingKeys: String, CodingKey {
        case scope, name, metric, year, by, source, total, rows, warnings, members, unallocated
        case membersTotal = "members_total"
    }
}

/// `GET /v1/progress`: where a subject stands, per metric, over one period.
/// Amounts are strings like the targets' (decimals for money, whole numbers for counts).
public struct ProgressView: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        public var metric: String
        public var start: String
        public var end: String
        public var target: String
        public var actual: String
        public var expected: String
        /// actual / expected; absent while nothing is expected yet.
        public var pace: Double?
        public var gap: String
        public var remaining: String
        public var remainingDays: Int
        public var requiredPerDay: String?
        public var forecast: String?
        /// met, on_track, at_risk, behind or missed.
        public var status: Progress.Status

        public init(metric: String, start: String, end: String, target: String, actual: String, expected: String, pace: Double?,
                    gap: String, remaining: String, remainingDays: Int, requiredPerDay: String?, forecast: String?, status: Progress.Status) {
            self.metric = metric
            self.start = start
            self.end = end
            self.target = target
            self.actual = actual
            self.expected = expected
            self.pace = pace
            self.gap = gap
            self.remaining = remaining
            self.remainingDays = remainingDays
            self.requiredPerDay = requiredPerDay
            self.forecast = forecast
            self.status = status
        }

        enum CodingKeys: String, CodingKey {
            case metric, start, end, target, actual, expected, pace, gap, remaining, forecast, status
            case remainingDays = "remaining_days"
            case requiredPerDay = "required_per_day"
        }
    }

    public var scope: String
    public var name: String?
    public var period: String
    public var label: String
    /// The moment answered for: RFC 3339 in the subject's zone.
    public var asOf: String
    public var rows: [Row]

    public init(scope: String, name: String?, period: String, label: String, asOf: String, rows: [Row]) {
        self.scope = scope
        self.name = name
        self.period = period
        self.label = label
        self.asOf = asOf
        self.rows = rows
    }

    enum CodingKeys: String, CodingKey {
        case scope, name, period, label, rows
        case asOf = "as_of"
    }
}

/// `GET /v1/report?team=&by=&from=&to=&metric=`: members x periods, actual against target.
public struct ReportView: Sendable, Codable, Equatable {
    public struct Cell: Sendable, Codable, Equatable {
        public var period: String
        public var actual: String
        public var target: String
        /// actual / target in percent, rounded; absent when the target is 0.
        public var percent: Int?
        public init(period: String, actual: String, target: String, percent: Int?) {
            self.period = period
            self.actual = actual
            self.target = target
            self.percent = percent
        }
    }

    public struct Line: Sendable, Codable, Equatable {
        public var user: String
        public var cells: [Cell]
        public init(user: String, cells: [Cell]) {
            self.user = user
            self.cells = cells
        }
    }

    public var team: String
    public var metric: String
    public var by: String
    public var from: String
    public var to: String
    public var members: [Line]
    /// The team's own target against all of its actuals, per period.
    public var totals: [Cell]

    public init(team: String, metric: String, by: String, from: String, to: String, members: [Line], totals: [Cell]) {
        self.team = team
        self.metric = metric
        self.by = by
        self.from = from
        self.to = to
        self.members = members
        self.totals = totals
    }
}

/// `GET /v1/customers?scope=&name=&receivables=`: customers by the owner of their first order.
public struct CustomerList: Sendable, Codable, Equatable {
    public struct Customer: Sendable, Codable, Equatable {
        /// The team whose account this is (accounts are per team).
        public var team: String
        public var name: String
        /// Whose customer: the subject of the first order recorded (else of the first payment).
        public var owner: String
        /// RFC 3339, "" while there is no order.
        public var firstOrder: String
        public var revenue: String
        public var payments: String
        /// revenue - payments: what the customer owes; negative when they are owed
        /// money (paid in advance, overpaid, or an order voided after payment).
        public var receivable: String
        public init(team: String, name: String, owner: String, firstOrder: String, revenue: String, payments: String, receivable: String) {
            self.team = team
            self.name = name
            self.owner = owner
            self.firstOrder = firstOrder
            self.revenue = revenue
            self.payments = payments
            self.receivable = receivable
        }
        enum CodingKeys: String, CodingKey {
            case team, name, owner, revenue, payments, receivable
            case firstOrder = "first_order"
        }
    }

    public var customers: [Customer]
    public init(customers: [Customer]) { self.customers = customers }
}
