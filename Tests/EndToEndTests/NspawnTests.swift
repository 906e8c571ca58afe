import Foundation
import Testing

/// paced under a real systemd 252 as PID 1: the host's /usr booted read-only in
/// systemd-nspawn (volatile root), the units installed in its /etc/systemd/system,
/// the built binaries at /opt/pace. `nspawn-scenario.sh` runs inside as root and
/// prints what it saw; nspawn itself runs in a private mount namespace so nothing
/// of it is left on the host.
@Suite(.serialized)
struct NspawnTests {
    @Test func socketActivationReadinessJournalAndARestartUnderLoad() throws {
        let dir = "/tmp/pace-nspawn-\(UUID().uuidString.prefix(8))"
        let fm = FileManager.default
        defer { try? fm.removeItem(atPath: dir) }
        for sub in ["units/paced.service.d", "sysusers", "results"] {
            try fm.createDirectory(atPath: "\(dir)/\(sub)", withIntermediateDirectories: true)
        }
        for unit in ["paced.service", "paced.socket"] {
            let text = try String(contentsOf: Binaries.root.appendingPathComponent("systemd/\(unit)"), encoding: .utf8)
                .replacingOccurrences(of: "/usr/local/bin/paced", with: "/opt/pace/paced")
            try text.write(toFile: "\(dir)/units/\(unit)", atomically: true, encoding: .utf8)
        }
        // The test clock starts on Monday 2026-11-30 at 17:00 in Shanghai.
        try """
            [Service]
            Environment=PACED_ALLOW_TEST_CLOCK=1
            ExecStart=
            ExecStart=/opt/pace/paced --db /var/lib/pace/pace.db --socket /run/pace/pace.sock --test-clock 2026-11-30T17:00:00+08:00

            """.write(toFile: "\(dir)/units/paced.service.d/test-clock.conf", atomically: true, encoding: .utf8)
        try fm.copyItem(atPath: Binaries.root.appendingPathComponent("systemd/pace.sysusers").path, toPath: "\(dir)/sysusers/pace.conf")
        try "u alice - \"Test salesperson\" /\n".write(toFile: "\(dir)/sysusers/alice.conf", atomically: true, encoding: .utf8)
        try fm.copyItem(atPath: Binaries.root.appendingPathComponent("Tests/EndToEndTests/nspawn-scenario.sh").path, toPath: "\(dir)/results/run.sh")
        chmod("\(dir)/results/run.sh", 0o755)

        let binaries = Binaries.directory.resolvingSymlinksInPath().path
        let swiftRuntime = "/opt/swift"
        let nspawn = ["systemd-nspawn", "--quiet", "--register=no", "--keep-unit", "--private-network", "-D", "/", "--volatile=yes",
                      "--bind-ro=\(swiftRuntime)", "--bind-ro=\(binaries):/opt/pace",
                      "--bind-ro=\(dir)/units/paced.service:/etc/systemd/system/paced.service",
                      "--bind-ro=\(dir)/units/paced.socket:/etc/systemd/system/paced.socket",
                      "--bind-ro=\(dir)/units/paced.service.d:/etc/systemd/system/paced.service.d",
                      "--bind-ro=\(dir)/sysusers:/etc/sysusers.d", "--bind=\(dir)/results:/results",
                      "-b", "systemd.firstboot=off", "systemd.run=/results/run.sh", "systemd.run_success_action=poweroff"]
        let boot = try run("/usr/bin/timeout", ["300", "/usr/bin/unshare", "-m", "--propagation", "private", "/bin/sh", "-c",
                                                "mount -t tmpfs tmpfs /run/systemd && exec " + nspawn.joined(separator: " ")])
        #expect(boot.status == 0, "\(boot)")
        let out = (try? String(contentsOfFile: "\(dir)/results/out", encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: "\(dir)/results/err", encoding: .utf8)) ?? ""
        let clientErrors = (try? String(contentsOfFile: "\(dir)/results/client-errors", encoding: .utf8)) ?? ""
        #expect(out == """
            before=inactive
            setup=0
            stopped=inactive socket=active
            alice_log=0
            activated=active SubState=running
            status=N events, 0 slips today; listening on /run/pace/pace.sock
            slip_entries=1
            slip_message=alice is behind on calls for Mon 2026-11-30: 1 of 10 (-9)
            restart=0
            new_pid=yes
            acked=320
            failed=0
            after_restart=yes
            stored=320
            done

            """, "out:\n\(out)\nerr:\n\(err)\nclient errors:\n\(clientErrors)\nconsole:\n\(boot.stdout.suffix(3000))")
    }
}
