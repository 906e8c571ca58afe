import Foundation
import PaceCore
import PaceStore

/// Teams, calendars and targets, kept in memory as a projection of their events
/// (replayed from the log at start-up) and changed only through the log: each
/// management event is checked against the current state, appended, then applied.
/// Management appends are serialised so that no two are checked against the same state.
public actor OrganizationService {
    public private(set) var organization = Organization() {
        didSet { snapshot.organization = organization }
    }
    private let store: EventStore
    public let snapshot: OrganizationSnapshot
    private let recorder: EventRecorder
    private var tail: Task<Void, Never>?

    static let types: [EventType] = [.team, .member, .calendar, .target, .goal, .user, .token]

    public init(store: EventStore, recorder: EventRecorder, snapshot: OrganizationSnapshot) throws {
        self.store = store
        self.recorder = recorder
        self.snapshot = snapshot
        var org = Organization()
        for e in try store.replay(types: Self.types) {
            // A management event that cannot be read stops paced rather than give a wrong organisation.
            guard let payload = try e.payload() else { continue }
            org.apply(payload, event: (e.id, e.recordedAt))
        }
        organization = org
        snapshot.organization = org
    }

    /// Runs `check` against the current organisation, appends `event` if it passes,
    /// and applies `payload` once stored. One at a time.
    public func append(_ event: NewEvent, payload: EventPayload, check: @escaping @Sendable (Organization) throws -> Void) async throws -> AppendOutcome {
        let previous = tail
        let task = Task { () async throws -> AppendOutcome in
            _ = await previous?.value
            return try await self.checkAndAppend(event, payload: payload, check: check)
        }
        tail = Task { _ = try? await task.value }
        return try await task.value
    }

    private func checkAndAppend(_ event: NewEvent, payload: EventPayload, check: @Sendable (Organization) throws -> Void) async throws -> AppendOutcome {
        // A retry of an event already stored is answered without checking again.
        if try store.event(id: event.id) != nil { return try await recorder.append(event) }
        try check(organization)
        let outcome = try await recorder.append(event)
        if case .created(let stored) = outcome { organization.apply(payload, event: (stored.id, stored.recordedAt)) }
        return outcome
    }
}
