/// The version of paced and pace, shown by `pace status` and `pace --version`.
public enum PaceVersion {
    public static let current = "0.1.0"
}
