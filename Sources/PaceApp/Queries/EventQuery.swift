import PaceCore
import PaceStore

/// `GET /v1/events?subject=&since=&type=&limit=&after=`: a page of the event log,
/// newest first.
public struct EventQuery: Decodable, Sendable {
    /// Whose events: a user, `team:NAME`, `company`; nil with `subject=*` (everyone's,
    /// admins only); absent: the caller's own.
    public var subject: String??
    /// Only events that happened at or after this instant.
    public var since: Timestamp?
    public var type: EventType?
    /// At most this many, 1 to ``EventService/maxPage``.
    public var limit: Int
    /// Continue after this cursor (the previous page's `next`).
    public var after: EventStore.HistoryCursor?

    public init(subject: String?? = .none, since: Timestamp? = nil, type: EventType? = nil, limit: Int = 50, after: EventStore.HistoryCursor? = nil) {
        self.subject = subject
        self.since = since
        self.type = type
        self.limit = limit
        self.after = after
    }

    public init(from decoder: any Decoder) throws {
        let q = try QueryFields(decoder)
        subject = try q.value("subject", { $0.trimmingWhitespace().isEmpty ? nil : $0 == "*" ? .some(nil) : .some($0) },
                              error: { _ in InputError("bad_subject", "subject= is empty: name a user, team:NAME, company, or * for everyone's (admins).") })
        since = try q.value("since", Timestamp.init(rfc3339:),
                            error: { InputError("bad_time", "since=\($0) is not an RFC 3339 time like 2026-11-27T00:00:00+01:00.") })
        type = try q.text("type").map { try EventType(recorded: $0) }
        limit = try q.value("limit", { Int($0).flatMap { (1...EventService.maxPage).contains($0) ? $0 : nil } },
                            error: { InputError("bad_limit", "limit=\($0) is not a number from 1 to \(EventService.maxPage); read longer histories page by page with after= (the answer's next).") }) ?? 50
        after = try q.value("after", EventStore.HistoryCursor.init(text:),
                            error: { InputError("bad_cursor", "after=\($0) is not a cursor; pass the next value of the previous page.") })
    }
}
