/// The application services, one per part of the API, over one environment. Each
/// method takes the caller's ``Access`` and a typed query or body and returns a wire
/// view, or throws ``AppError`` (or the store's and domain's typed errors).
public struct PaceServices: Sendable {
    public let env: AppEnvironment

    public init(env: AppEnvironment) { self.env = env }

    public var events: EventService { .init(env: env) }
    public var status: StatusService { .init(env: env) }
    public var organization: OrganizationQueries { .init(env: env) }
    public var targets: TargetService { .init(env: env) }
    public var progress: ProgressService { .init(env: env) }
    public var reports: ReportService { .init(env: env) }
    public var customers: CustomerService { .init(env: env) }
    public var planning: PlanningService { .init(env: env) }
    public var slips: SlipService { .init(env: env) }
    public var dashboard: DashboardService { .init(env: env) }
    public var users: UserService { .init(env: env) }
}
