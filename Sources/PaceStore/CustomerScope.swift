/// Which customer accounts a view shows.
public enum CustomerScope: Sendable, Equatable {
    /// The accounts `user` owns, in any team (nil) or only in `teams`.
    case owner(String, teams: Set<String>?)
    /// Every account of a team.
    case team(String)
    case all
}
