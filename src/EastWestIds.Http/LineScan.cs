namespace EastWestIds.Http;

/// <summary>The outcome of looking for the end of a line (or of a field section) without consuming anything.</summary>
internal enum LineScan : byte
{
    /// <summary>A CRLF-terminated line (or the empty line ending a section) was found within the budget.</summary>
    Found,

    /// <summary>The input ended first and the budget is not exhausted: wait for more bytes.</summary>
    NeedMore,

    /// <summary>The budget was used up without a line ending: a limit is exceeded, whatever comes next.</summary>
    TooLong,

    /// <summary>A line ended with LF not preceded by CR.</summary>
    BareLineFeed,

    /// <summary>A field section has more lines than allowed.</summary>
    TooManyLines,
}
