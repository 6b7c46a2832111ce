using EastWestIds.Core;
using EastWestIds.Core.Findings;
using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Engine.Findings;

/// <summary>
/// Decoding anomalies as built-in protocol findings (sids 9100040–9100059). A benign client does not double-encode
/// its URLs or send overlong UTF-8, so each is a signal on its own, raised whether or not a rule then matched the
/// decoded value. Only the buffers the rule set needed are decoded, so only their anomalies are seen.
/// </summary>
public static class DecodingFindings
{
    private const string Decode = "protocol-command-decode";
    private const string DecodeText = "Generic Protocol Command Decode";
    private const string WebAttack = "web-application-attack";
    private const string WebAttackText = "Web Application Attack";
    private const string DoS = "attempted-dos";
    private const string DoSText = "Attempted Denial of Service";

    public static readonly SignatureInfo InvalidPercentEncoding = Anomaly(9100040, "EWIDS decoding: invalid percent-encoding", Severity.Info);
    public static readonly SignatureInfo PercentUEncoding = Evasion(9100041, "EWIDS decoding: %u (IIS) encoding", Severity.Medium);
    public static readonly SignatureInfo DoubleEncoding = Evasion(9100042, "EWIDS decoding: double percent-encoding", Severity.Medium);
    public static readonly SignatureInfo OverlongUtf8 = Evasion(9100043, "EWIDS decoding: overlong UTF-8 encoding", Severity.High);
    public static readonly SignatureInfo NullByte = Evasion(9100044, "EWIDS decoding: NUL byte in a decoded value", Severity.Medium);
    public static readonly SignatureInfo DecompressionBomb = new(9100045, 1, "EWIDS decoding: decompression bomb (body over its decompressed budget or ratio)", DoS, DoSText, Severity.High, FindingFamily.Protocol);
    public static readonly SignatureInfo DecompressionFailed = Anomaly(9100046, "EWIDS decoding: corrupt content coding", Severity.Low);
    public static readonly SignatureInfo UnsupportedContentEncoding = Anomaly(9100047, "EWIDS decoding: unsupported or stacked content coding", Severity.Low);
    public static readonly SignatureInfo MalformedMultipart = Anomaly(9100048, "EWIDS decoding: malformed multipart body", Severity.Low);
    public static readonly SignatureInfo MalformedJson = Anomaly(9100049, "EWIDS decoding: malformed JSON body", Severity.Info);
    public static readonly SignatureInfo TooManyArgs = new(9100050, 1, "EWIDS decoding: more arguments than the argument budget", DoS, DoSText, Severity.Medium, FindingFamily.Protocol);
    public static readonly SignatureInfo DecodeBudgetExceeded = new(9100051, 1, "EWIDS decoding: per-request decoding budget exhausted", DoS, DoSText, Severity.Medium, FindingFamily.Protocol);
    public static readonly SignatureInfo InvalidCodePoint = Anomaly(9100052, "EWIDS decoding: escape naming an invalid code point", Severity.Low);
    public static readonly SignatureInfo TranscodedCharset = Anomaly(9100053, "EWIDS decoding: body or multipart field in UTF-16, UTF-32 or EBCDIC (inspected transcoded)", Severity.Low);
    public static readonly SignatureInfo BodyMiddleUninspected = Evasion(9100054, "EWIDS decoding: form, multipart, JSON, XML or text body not inspected whole (its middle past the inspected head and tail, or, judged before its end, its rest)", Severity.Low);

    /// <summary>Every decoding finding, for documentation and tests.</summary>
    public static IReadOnlyList<SignatureInfo> All { get; } =
    [
        InvalidPercentEncoding, PercentUEncoding, DoubleEncoding, OverlongUtf8, NullByte, DecompressionBomb, DecompressionFailed,
        UnsupportedContentEncoding, MalformedMultipart, MalformedJson, TooManyArgs, DecodeBudgetExceeded, InvalidCodePoint,
        TranscodedCharset, BodyMiddleUninspected,
    ];

    /// <summary>The finding for one anomaly flag; null for flags that are not findings (a truncated body is a metric).</summary>
    public static SignatureInfo? For(DecodingAnomalies anomaly) => anomaly switch
    {
        DecodingAnomalies.InvalidPercentEncoding => InvalidPercentEncoding,
        DecodingAnomalies.PercentUEncoding => PercentUEncoding,
        DecodingAnomalies.DoubleEncoding => DoubleEncoding,
        DecodingAnomalies.OverlongUtf8 => OverlongUtf8,
        DecodingAnomalies.NullByte => NullByte,
        DecodingAnomalies.DecompressionBomb => DecompressionBomb,
        DecodingAnomalies.DecompressionFailed => DecompressionFailed,
        DecodingAnomalies.UnsupportedContentEncoding => UnsupportedContentEncoding,
        DecodingAnomalies.MalformedMultipart => MalformedMultipart,
        DecodingAnomalies.MalformedJson => MalformedJson,
        DecodingAnomalies.TooManyArgs => TooManyArgs,
        DecodingAnomalies.DecodeBudgetExceeded => DecodeBudgetExceeded,
        DecodingAnomalies.InvalidCodePoint => InvalidCodePoint,
        DecodingAnomalies.TranscodedCharset => TranscodedCharset,
        DecodingAnomalies.BodyMiddleUninspected => BodyMiddleUninspected,
        _ => null,
    };

    private static SignatureInfo Anomaly(int sid, string message, Severity severity)
        => new(sid, 1, message, Decode, DecodeText, severity, FindingFamily.Protocol);

    private static SignatureInfo Evasion(int sid, string message, Severity severity)
        => new(sid, 1, message, WebAttack, WebAttackText, severity, FindingFamily.Protocol);
}
