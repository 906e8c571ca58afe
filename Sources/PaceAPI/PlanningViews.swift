import PaceCore

/// Body of `GET /v1/plan?date=&user=`: one person's plan for one day.
public struct PlanView: Sendable, Codable, Equatable {
    public struct Item: Sendable, Codable, Equatable {
        /// 1, 2, 3... in the order the items were added.
        public var number: Int
        public var id: EventID
        public var text: String
        public var customer: String?
        public var kind: String?
        /// Where a plan item stands.
        public enum State: String, Sendable, Codable, CaseIterable {
            case open, done, dropped
        }

        public var state: State
        /// How it was done: `by hand`, or the event that ticked it off (`visit #12`).
        public var doneBy: String?
        public var reason: String?

        public init(number: Int, id: EventID, text: String, customer: String?, kind: String?, state: State, doneBy: String?, reason: String?) {
            self.number = number
            self.id = id
            self.text = text
            self.customer = customer
            self.kind = kind
            self.state = state
            self.doneBy = doneBy
            self.reason = reason
        }

        enum CodingKeys: String, CodingKey {
            case number, id, text, customer, kind, state, reason
            case doneBy = "done_by"
        }
    }

    public var user: String
    public var date: String
    public var items: [Item]

    public init(user: String, date: String, items: [Item]) {
        self.user = user
        self.date = date
        self.items = items
    }
}

/// One figure of a review: its target and actual over a span, and the days behind it.
public struct ReviewFigure: Sendable, Codable, Equatable {
    public var figure: String
    public var metric: String
    public var target: String
    public var actual: String
    /// met, on_track, at_risk, behind or missed (as `pace progress`).
    public var status: Progress.Status
    /// The working days whose actual fell short of their target, as `Mon -2`.
    public var behind: [String]

    public init(figure: String, metric: String, target: String, actual: String, status: Progress.Status, behind: [String]) {
        self.figure = figure
        self.metric = metric
        self.target = target
        self.actual = actual
        self.status = status
        self.behind = behind
    }
}

/// Body of `GET /v1/review/week`.
public struct WeekReviewView: Sendable, Codable, Equatable {
    public struct Review: Sendable, Codable, Equatable {
        public var user: String
        public var at: Timestamp
        public var review: ReviewEvent
        public init(user: String, at: Timestamp, review: ReviewEvent) {
            self.user = user
            self.at = at
            self.review = review
        }
    }

    /// `user alice` or `team east`.
    public var subject: String
    public var week: String
    public var start: String
    public var end: String
    public var figures: [ReviewFigure]
    public var planned: Int
    public var done: Int
    /// The latest review of the week by each person (one for a user, the members' for a team).
    public var reviews: [Review]

    public init(subject: String, week: String, start: String, end: String, figures: [ReviewFigure], planned: Int, done: Int, reviews: [Review]) {
        self.subject = subject
        self.week = week
        self.start = start
        self.end = end
        self.figures = figures
        self.planned = planned
        self.done = done
        self.reviews = reviews
    }
}

/// Body of `GET /v1/review/month`: the month by its early, middle and late thirds.
public struct MonthReviewView: Sendable, Codable, Equatable {
    public struct Third: Sendable, Codable, Equatable {
        /// early, mid or late.
        public var name: String
        public var start: String
        public var end: String
        public var figures: [ReviewFigure]
        /// What the subject's customers owed at the end of the third: the sum of the
        /// balances of the accounts that owe (never netted with other customers' credits).
        public var receivables: String
        /// What was owed to customers then (advances, overpayments, refunds due).
        public var credits: String

        public init(name: String, start: String, end: String, figures: [ReviewFigure], receivables: String, credits: String) {
            self.name = name
            self.start = start
            self.end = end
            self.figures = figures
            self.receivables = receivables
            self.credits = credits
        }
    }

    public var subject: String
    public var month: String
    public var thirds: [Third]

    public init(subject: String, month: String, thirds: [Third]) {
        self.subject = subject
        self.month = month
        self.thirds = thirds
    }
}

/// Body of `GET /v1/goals`: a goal's latest action plan beside its progress.
public struct GoalView: Sendable, Codable, Equatable {
    public struct Milestone: Sendable, Codable, Equatable {
        public var date: String
        public var amount: String
        /// The cumulative actual by the milestone's date (by today while it is ahead).
        public var actual: String
        /// Where a milestone stands: met, missed, or open (its due day has not closed).
        public enum State: String, Sendable, Codable, CaseIterable {
            case met, missed, open
        }

        public var state: State
        /// The day it is judged at the close of: its date, or the first working day after
        /// it when the date is a day off.
        public var due: String
        public init(date: String, amount: String, actual: String, state: State, due: String) {
            self.date = date
            self.amount = amount
            self.actual = actual
            self.state = state
            self.due = due
        }
    }

    public var plan: GoalPlan?
    /// How many times the plan was written (the latest counts).
    public var versions: Int
    public var progress: ProgressView.Row?
    public var milestones: [Milestone]

    public init(plan: GoalPlan?, versions: Int, progress: ProgressView.Row?, milestones: [Milestone]) {
        self.plan = plan
        self.versions = versions
        self.progress = progress
        self.milestones = milestones
    }
}
