using EastWestIds.Core.Findings;
using EastWestIds.Http.Http1;

namespace EastWestIds.Engine.Findings;

/// <summary>The one switch from a rejection reason to the finding it raises.</summary>
public static class ProtocolFindings
{
    public static SignatureInfo For(RequestRejectionReason reason) => reason switch
    {
        RequestRejectionReason.InvalidRequestLine or
        RequestRejectionReason.InvalidMethod or
        RequestRejectionReason.InvalidRequestTarget => BuiltInSignatures.MalformedRequestLine,
        RequestRejectionReason.UnsupportedHttpVersion => BuiltInSignatures.UnsupportedVersion,
        RequestRejectionReason.MissingHost or
        RequestRejectionReason.MultipleHost => BuiltInSignatures.HostHeaderInvalid,
        RequestRejectionReason.InvalidContentLength => BuiltInSignatures.InvalidContentLength,
        RequestRejectionReason.ContentLengthWithTransferEncoding => BuiltInSignatures.SmugglingClAndTe,
        RequestRejectionReason.ConflictingContentLength => BuiltInSignatures.SmugglingConflictingCl,
        RequestRejectionReason.ObfuscatedTransferEncoding => BuiltInSignatures.SmugglingObfuscatedTe,
        RequestRejectionReason.BareLineFeed or
        RequestRejectionReason.HeaderLineFolding => BuiltInSignatures.SmugglingLineEndings,
        RequestRejectionReason.InvalidChunkSize or
        RequestRejectionReason.InvalidChunkExtension or
        RequestRejectionReason.MissingChunkDataTerminator or
        RequestRejectionReason.InvalidTrailer => BuiltInSignatures.MalformedChunkedBody,
        RequestRejectionReason.RequestLineTooLong => BuiltInSignatures.RequestLineTooLong,
        RequestRejectionReason.HeadersTooLarge => BuiltInSignatures.HeadersTooLarge,
        RequestRejectionReason.TooManyHeaders => BuiltInSignatures.TooManyHeaders,
        RequestRejectionReason.TrailersTooLarge => BuiltInSignatures.TrailersTooLarge,
        _ => BuiltInSignatures.MalformedHeader,
    };
}
