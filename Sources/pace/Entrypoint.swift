import PaceCLI

/// `pace`: everything is in the PaceCLI library.
@main
enum Entrypoint {
    static func main() { PaceCommand.main() }
}
