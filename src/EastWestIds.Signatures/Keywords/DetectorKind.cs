namespace EastWestIds.Signatures.Keywords;

/// <summary>The built-in injection detectors (EastWestIds keywords, not Suricata's).</summary>
public enum DetectorKind
{
    /// <summary><c>detect_sqli</c>: tokenizer-based SQL injection fingerprints.</summary>
    SqlInjection,

    /// <summary><c>detect_xss</c>: HTML/JavaScript injection.</summary>
    CrossSiteScripting,
}
