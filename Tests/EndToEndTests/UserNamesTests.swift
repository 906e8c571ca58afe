import PacePosix
import Testing

/// The passwd lookups behind identity, against this machine's real NSS.
struct UserNamesTests {
    @Test func namesAreFoundOrAbsent() throws {
        #expect(UserNames.lookup("root") == .found(uid: 0, gid: 0))
        let user = try TempUser()
        guard case .found(let uid, _) = UserNames.lookup(user.name) else {
            Issue.record("\(user.name) was not found")
            return
        }
        #expect(UserNames.uid(of: user.name) == uid && UserNames.name(of: uid) == user.name)
        #expect(try run("/usr/sbin/userdel", [user.name]).status == 0)
        #expect(UserNames.lookup(user.name) == .absent)
        #expect(UserNames.uid(of: user.name) == nil)
    }
}
