/// Size limits on free text, in characters.
public enum Limits {
    public static let customer = 200
    public static let note = 2000
    public static let reference = 200
    public static let product = 200
    public static let reason = 500
    public static let callMinutes = 0...1440
    public static let orderLines = 1000
}
