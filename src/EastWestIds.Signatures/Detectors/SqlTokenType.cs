namespace EastWestIds.Signatures.Detectors;

/// <summary>
/// SQL token classes. Each value is the ASCII character the class prints as in a fingerprint, so a fingerprint
/// reads like the token stream it came from (libinjection's convention).
/// </summary>
internal enum SqlTokenType : byte
{
    None = 0,

    /// <summary>A string literal, closed or running to the end of the input.</summary>
    String = (byte)'s',

    /// <summary>A number, or a literal that behaves like one (<c>NULL</c>, <c>TRUE</c>, <c>FALSE</c>).</summary>
    Number = (byte)'1',

    /// <summary>An identifier or any word that is not a keyword.</summary>
    Bareword = (byte)'n',

    /// <summary>A clause keyword (<c>FROM</c>, <c>WHERE</c>, <c>INTO</c>, <c>CASE</c>…).</summary>
    Keyword = (byte)'k',

    /// <summary><c>UNION</c> (with <c>ALL</c>/<c>DISTINCT</c> folded in).</summary>
    Union = (byte)'U',

    /// <summary><c>ORDER BY</c>, <c>GROUP BY</c>, <c>HAVING</c>, <c>LIMIT</c>.</summary>
    Group = (byte)'B',

    /// <summary>A statement verb (<c>SELECT</c>, <c>INSERT</c>, <c>DROP</c>…).</summary>
    Expression = (byte)'E',

    /// <summary>A known SQL function name directly followed by <c>(</c>.</summary>
    Function = (byte)'f',

    /// <summary><c>@var</c>, <c>@@version</c>.</summary>
    Variable = (byte)'v',

    /// <summary>An arithmetic or comparison operator (also <c>LIKE</c>, <c>IN</c>, <c>IS</c>, <c>NOT</c>…).</summary>
    Operator = (byte)'o',

    /// <summary><c>AND</c>, <c>OR</c>, <c>XOR</c>, <c>&amp;&amp;</c>, <c>||</c>.</summary>
    Logic = (byte)'&',

    /// <summary>A comment (<c>--</c>, <c>#</c>, <c>/* */</c>).</summary>
    Comment = (byte)'c',

    /// <summary>A data type name (<c>INT</c>, <c>CHAR</c>, <c>VARCHAR</c>…), as used in casts.</summary>
    SqlType = (byte)'t',

    /// <summary>A Transact-SQL or procedural command (<c>WAITFOR</c>, <c>EXEC</c>, <c>DECLARE</c>…).</summary>
    Procedural = (byte)'T',

    /// <summary><c>COLLATE</c>.</summary>
    Collate = (byte)'A',

    LeftParenthesis = (byte)'(',
    RightParenthesis = (byte)')',
    Comma = (byte)',',
    Semicolon = (byte)';',
    Dot = (byte)'.',
    Colon = (byte)':',
    LeftBrace = (byte)'{',
    RightBrace = (byte)'}',
    Backslash = (byte)'\\',

    /// <summary>A byte that has no meaning in SQL.</summary>
    Unknown = (byte)'?',
}
