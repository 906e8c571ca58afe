extension Character {
    /// 0 to 9. `isNumber` is also true of other scripts' digits, fullwidth digits,
    /// fractions and Roman numerals, none of which a date, id or hash may contain.
    var isASCIIDigit: Bool { isASCII && isNumber }

    /// 0 to 9, a to f, A to F. `isHexDigit` is also true of the fullwidth forms (U+FF10…).
    var isASCIIHexDigit: Bool { isASCII && isHexDigit }
}
