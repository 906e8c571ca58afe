import Glibc

/// argument-parser reads `-5` as an unknown short option. A number starting with a
/// minus is always a mistake in pace (amounts, minutes and quantities are positive),
/// so say that plainly instead of "unknown option".
enum NegativeNumbers {
    static func rejectIfPresent(_ args: [String]) {
        for arg in args.dropFirst() {
            if arg == "--" { return }
            guard arg.count > 1, arg.hasPrefix("-"),
                  arg.dropFirst().allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }),
                  arg.dropFirst().first!.isNumber
            else { continue }
            printError("Error: \(arg) is negative. Amounts, minutes and quantities must be positive; to take an event back, use `pace void ID --reason TEXT`.")
            exit(64)
        }
    }
}
