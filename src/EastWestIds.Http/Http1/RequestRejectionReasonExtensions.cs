namespace EastWestIds.Http.Http1;

/// <summary>The one place that says what each rejection means on the wire and in metrics.</summary>
public static class RequestRejectionReasonExtensions
{
    /// <summary>The status code answered before the connection is closed.</summary>
    public static int StatusCode(this RequestRejectionReason reason) => reason switch
    {
        RequestRejectionReason.RequestLineTooLong or
        RequestRejectionReason.HeadersTooLarge or
        RequestRejectionReason.TooManyHeaders or
        RequestRejectionReason.TrailersTooLarge => 431,
        RequestRejectionReason.UnsupportedHttpVersion => 505,
        _ => 400,
    };

    /// <summary>True for the shapes that make two HTTP parsers disagree on where a request ends.</summary>
    public static bool IsSmuggling(this RequestRejectionReason reason) => reason is
        RequestRejectionReason.ContentLengthWithTransferEncoding or
        RequestRejectionReason.ConflictingContentLength or
        RequestRejectionReason.ObfuscatedTransferEncoding or
        RequestRejectionReason.BareLineFeed or
        RequestRejectionReason.HeaderLineFolding;

    /// <summary>The metric label value: snake_case, from a closed set.</summary>
    public static string Label(this RequestRejectionReason reason) => reason switch
    {
        RequestRejectionReason.None => "none",
        RequestRejectionReason.InvalidRequestLine => "invalid_request_line",
        RequestRejectionReason.InvalidMethod => "invalid_method",
        RequestRejectionReason.InvalidRequestTarget => "invalid_request_target",
        RequestRejectionReason.UnsupportedHttpVersion => "unsupported_http_version",
        RequestRejectionReason.InvalidHeaderName => "invalid_header_name",
        RequestRejectionReason.InvalidHeaderValue => "invalid_header_value",
        RequestRejectionReason.HeaderLineFolding => "header_line_folding",
        RequestRejectionReason.BareLineFeed => "bare_line_feed",
        RequestRejectionReason.ControlCharacterInHeader => "control_character_in_header",
        RequestRejectionReason.MissingHost => "missing_host",
        RequestRejectionReason.MultipleHost => "multiple_host",
        RequestRejectionReason.InvalidContentLength => "invalid_content_length",
        RequestRejectionReason.ContentLengthWithTransferEncoding => "content_length_with_transfer_encoding",
        RequestRejectionReason.ConflictingContentLength => "conflicting_content_length",
        RequestRejectionReason.ObfuscatedTransferEncoding => "obfuscated_transfer_encoding",
        RequestRejectionReason.InvalidChunkSize => "invalid_chunk_size",
        RequestRejectionReason.InvalidChunkExtension => "invalid_chunk_extension",
        RequestRejectionReason.MissingChunkDataTerminator => "missing_chunk_data_terminator",
        RequestRejectionReason.InvalidTrailer => "invalid_trailer",
        RequestRejectionReason.RequestLineTooLong => "request_line_too_long",
        RequestRejectionReason.HeadersTooLarge => "headers_too_large",
        RequestRejectionReason.TooManyHeaders => "too_many_headers",
        RequestRejectionReason.TrailersTooLarge => "trailers_too_large",
        _ => "unknown",
    };
}
