import PaceCore
import PaceStore

/// What every application service shares: the store and its single writer, the
/// organisation (kept by its actor, read from its snapshot), the users, one clock,
/// and the settings. paced builds one; in-process tests build one over a temporary
/// database with a test clock and a list of users.
public struct AppEnvironment: Sendable {
    public let settings: AppSettings
    public let store: EventStore
    public let recorder: EventRecorder
    /// The system's users (NSS in paced, cached; a list in tests).
    public let users: any UserLookup
    public let organization: OrganizationService
    public let snapshot: OrganizationSnapshot
    /// The one clock: the system's, or paced's test clock. UTC instants.
    public let clock: @Sendable () -> Timestamp
    public let startedAt: Timestamp
    /// Per-user append rate limit.
    public let appendLimiter: AppendRateLimiter
    /// When each token was last used.
    public let tokenUse: TokenUse
    /// Called after each new event is stored (paced wakes the slip scheduler).
    public let appended: @Sendable () -> Void
    /// Each user's batch appends under way (for ``BatchRequest/after``).
    public let batchesUnderWay = BatchesUnderWay()

    public init(settings: AppSettings, store: EventStore, recorder: EventRecorder, users: any UserLookup, organization: OrganizationService,
                snapshot: OrganizationSnapshot, clock: @escaping @Sendable () -> Timestamp, appendLimiter: AppendRateLimiter,
                tokenUse: TokenUse, appended: @escaping @Sendable () -> Void = {}) {
        self.settings = settings
        self.store = store
        self.recorder = recorder
        self.users = users
        self.organization = organization
        self.snapshot = snapshot
        self.clock = clock
        startedAt = clock()
        self.appendLimiter = appendLimiter
        self.tokenUse = tokenUse
        self.appended = appended
    }

    /// The caller and what they may do in the organisation as it is now.
    public func access(_ caller: Caller) -> Access { Access(caller: caller, org: snapshot.organization) }

    /// Monthly actuals of the year before a target's (for `last-year` profiles).
    func lastYearActuals(org: Organization) -> Organization.LastYear { store.lastYearActuals(org: org) }

    /// The local day and minute to measure at in `calendar`'s zone: the end of `atDay`,
    /// or now; and that instant.
    func when(_ atDay: CivilDate?, calendar: WorkCalendar) -> (day: CivilDate, minute: Int, asOf: Timestamp, zone: any LocalZone) {
        let zone = snapshot.zones.zone(calendar.timeZone)
        if let d = atDay {
            return (d, 24 * 60, zone.instant(of: LocalDateTime(date: d.adding(days: 1), hour: 0, minute: 0)).adding(seconds: -1), zone)
        }
        let now = clock()
        let local = zone.local(now)
        return (local.date, local.hour * 60 + local.minute, now, zone)
    }

    /// Today's date in UTC: only a starting point to find whose calendar applies; the
    /// days that rules and figures compare against are local to a team's zone.
    func utcToday() -> CivilDate { FixedOffsetZone.utc.local(clock()).date }

    /// Today in `team`'s zone.
    func today(ofTeam team: String, in org: Organization) -> CivilDate {
        snapshot.zones.zone(org.timeZone(ofTeam: team)).local(clock()).date
    }

    /// A user's local today (in the zone of the team they are in that day), that
    /// zone, and their calendar around it: each day's working time from the team they
    /// are in on that day, for the year before and after today.
    func localToday(of user: String, org: Organization) -> (calendar: WorkCalendar, zone: any LocalZone, today: CivilDate) {
        let now = clock()
        var zone = snapshot.zones.zone(org.calendar(ofUser: user, on: utcToday()).timeZone)
        var day = zone.local(now).date
        let local = snapshot.zones.zone(org.calendar(ofUser: user, on: day).timeZone)
        if local.utcOffset(at: now) != zone.utcOffset(at: now) {
            zone = local
            day = zone.local(now).date
        }
        let cal = org.calendar(ofUser: user, from: day.adding(days: -366), to: day.adding(days: 366))
        return (cal, zone, day)
    }
}
