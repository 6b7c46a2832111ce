namespace EastWestIds.Signatures.Detectors;

/// <summary>What a <see cref="DetectorFingerprint"/> describes: the SQL context the input was read in, or the HTML construct found.</summary>
public enum FingerprintKind : byte
{
    /// <summary>No fingerprint (the default value).</summary>
    None,

    /// <summary>SQL tokens of the input read as-is (a number or identifier position).</summary>
    SqlAsIs,

    /// <summary>SQL tokens of the input read as if it continued a single-quoted string literal.</summary>
    SqlSingleQuoted,

    /// <summary>SQL tokens of the input read as if it continued a double-quoted string literal.</summary>
    SqlDoubleQuoted,

    /// <summary>An HTML tag that runs script or loads active content (<c>script</c>, <c>iframe</c>, <c>object</c>…); the text is the tag name.</summary>
    HtmlTag,

    /// <summary>An event-handler attribute (<c>onerror</c>, <c>onload</c>…); the text is the attribute name.</summary>
    HtmlEventHandler,

    /// <summary>A script-running URL scheme (<c>javascript:</c>, <c>vbscript:</c>, <c>data:text/html</c>…); the text is the scheme.</summary>
    HtmlUrl,

    /// <summary>A style that runs script (<c>expression(</c>, <c>behavior:</c>, <c>-moz-binding</c>…); the text is the construct.</summary>
    HtmlStyle,

    /// <summary>JavaScript that reaches a sink outside any tag (<c>alert(1)</c>, <c>document.cookie</c>, <c>window["eval"]</c>…); the text is the name.</summary>
    JavaScript,

    /// <summary>An attribute that is dangerous whatever its value (<c>srcdoc</c>, SVG <c>attributeName</c>…); the text is the attribute name.</summary>
    HtmlAttribute,
}
