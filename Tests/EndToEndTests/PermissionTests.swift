import Foundation
import Glibc
import Testing

/// Identity comes from the kernel: a real non-root user, made for the test.
@Suite(.serialized)
struct PermissionTests {
    func pace(as user: String, _ d: Daemon, _ args: [String]) throws -> Outcome { try d.pace(as: user, args) }

    @Test func aUserOnNoTeamIsToldHowToGetAdded() throws {
        let d = try Daemon()
        let user = try TempUser()
        let r = try pace(as: user.name, d, ["log", "call", "ACME"])
        #expect(r.status == 77)
        #expect(r.stderr == "Error: You (\(user.name)) are on no team yet. Ask an admin or your manager to add you: pace team add TEAM \(user.name)\n")
        #expect(try d.eventCount() == 0)
    }

    @Test func aSalespersonLogsAndReadsOnlyTheirOwnEvents() throws {
        let d = try Daemon()
        let user = try TempUser()
        #expect(try d.pace("team", "create", "east").status == 0)
        #expect(try d.pace("team", "add", "east", user.name, "--from", "2026-01-01").status == 0)
        _ = try d.pace("log", "call", "ROOTS-CUSTOMER")

        let mine = try pace(as: user.name, d, ["log", "visit", "ACME", "--existing"])
        #expect(mine.status == 0, "\(mine)")
        #expect(mine.stdout.hasPrefix("Recorded visit #4: ACME, existing customer at "))

        let forOther = try pace(as: user.name, d, ["log", "call", "ACME", "--for", "root"])
        #expect(forOther.status == 77)
        #expect(forOther.stderr.contains("You (\(user.name)) may log only your own events"))

        let history = try pace(as: user.name, d, ["history", "--type", "visit", "--json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 1)
        #expect(list.first?["subject"] as? String == user.name)
        #expect(list.first?["recorded_by"] as? String == user.name)

        let othersHistory = try pace(as: user.name, d, ["history", "--user", "root"])
        #expect(othersHistory.status == 77)
        let all = try pace(as: user.name, d, ["history", "--all"])
        #expect(all.status == 77)

        let verify = try pace(as: user.name, d, ["verify"])
        #expect(verify.status == 77)
        #expect(verify.stderr.contains("Only an admin"))

        let status = try pace(as: user.name, d, ["status"])
        #expect(status.stdout.contains("you       \(user.name) (salesperson)"))
        #expect(try d.eventCount() == 4)
    }

    @Test func aSalespersonCannotVoidSomeoneElsesEvent() throws {
        let d = try Daemon()
        let user = try TempUser()
        let id = "0193c8e2-4b5a-7c3d-8e9f-0a1b2c3d4e5f"
        _ = try d.pace("team", "create", "east")
        _ = try d.pace("team", "add", "east", user.name)
        _ = try d.pace("log", "call", "ACME", "--id", id)
        let r = try pace(as: user.name, d, ["void", id, "--reason", "not mine"])
        // Answered as if the event did not exist: whose it is stays unknown.
        #expect(r.status == 65)
        #expect(r.stderr == "Error: No event of yours has the id \(id). See `pace history` for the ids of your events.\n")
        #expect(try d.eventCount() == 3)
    }

    @Test func anAdminLogsForAnotherUserAndRecordedByKeepsWhoDidIt() throws {
        let d = try Daemon()
        let user = try TempUser()
        let r = try d.pace("log", "call", "ACME", "--for", user.name, "--json")
        #expect(r.status == 0, "\(r)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(obj["subject"] as? String == user.name)
        #expect(obj["recorded_by"] as? String == "root")
        _ = try d.pace("team", "create", "east")
        _ = try d.pace("team", "add", "east", user.name)
        let theirs = try pace(as: user.name, d, ["history", "--type", "call", "--json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(theirs.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 1)
    }

    @Test func membersOfPaceAdminAreAdmins() throws {
        let d = try Daemon()
        let user = try TempUser()
        let groupExisted = try run("/usr/bin/getent", ["group", "pace-admin"]).status == 0
        if !groupExisted { #expect(try run("/usr/sbin/groupadd", ["pace-admin"]).status == 0) }
        defer { if !groupExisted { _ = try? run("/usr/sbin/groupdel", ["pace-admin"]) } }
        #expect(try run("/usr/sbin/usermod", ["-aG", "pace-admin", user.name]).status == 0)
        defer { _ = try? run("/usr/bin/gpasswd", ["-d", user.name, "pace-admin"]) }
        let v = try pace(as: user.name, d, ["verify"])
        #expect(v.status == 0, "\(v)")
        let s = try pace(as: user.name, d, ["status"])
        #expect(s.stdout.contains("you       \(user.name) (admin)"))
    }
}
