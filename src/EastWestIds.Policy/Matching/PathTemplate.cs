using System.Buffers;
using System.Text;

namespace EastWestIds.Policy.Matching;

/// <summary>
/// A <c>paths</c> value with URI-template operators (Istio ≥ 1.22, MESH-SEMANTICS §3.4): <c>{*}</c> is exactly one
/// non-empty segment of <c>[a-zA-Z0-9-._~%!$&amp;'()+,;:@]</c>, <c>{**}</c> zero or more of those characters or
/// <c>/</c> and may only be the last operator; operators fill whole segments. Istio rewrites them to Envoy's
/// <c>*</c>/<c>**</c>, so bare <c>*</c>/<c>**</c> segments in a template path act the same. The query and fragment
/// are removed before matching.
/// </summary>
public sealed class PathTemplate
{
    private static readonly SearchValues<byte> s_segmentChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%!$&'()+,;:@"u8);

    private static readonly SearchValues<byte> s_segmentCharsOrSlash =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%!$&'()+,;:@/"u8);

    // Each element: a literal (the bytes between operators, slashes included), or an operator.
    private readonly Part[] _parts;

    private PathTemplate(string text, Part[] parts)
    {
        Text = text;
        _parts = parts;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>True when <paramref name="value"/> holds <c>{*}</c> or <c>{**}</c> (Istio's <c>ContainsPathTemplate</c>).</summary>
    public static bool IsTemplate(string value) => value.Contains("{*}", StringComparison.Ordinal) || value.Contains("{**}", StringComparison.Ordinal);

    /// <summary>Compiles a template, or says why it is invalid.</summary>
    public static bool TryParse(string value, out PathTemplate? template, out string? error)
    {
        template = null;
        error = null;
        if (!value.StartsWith('/'))
        {
            error = $"path template '{value}' must start with '/'";
            return false;
        }

        var parts = new List<Part>();
        var literal = new StringBuilder();
        bool sawMulti = false;
        var segments = value[1..].Split('/');
        for (int i = 0; i < segments.Length; i++)
        {
            literal.Append('/');
            string segment = segments[i];
            bool one = segment is "{*}" or "*";
            bool many = segment is "{**}" or "**";
            if (one || many)
            {
                if (sawMulti)
                {
                    error = $"path template '{value}': '{{**}}' must be the last operator";
                    return false;
                }

                parts.Add(new Part(Encoding.UTF8.GetBytes(literal.ToString()), Operator.None));
                literal.Clear();
                parts.Add(new Part([], many ? Operator.Many : Operator.One));
                sawMulti |= many;
                continue;
            }

            if (segment.Contains('{') || segment.Contains('}') || segment.Contains('*'))
            {
                error = $"path template '{value}': operators must fill a whole segment ('{segment}')";
                return false;
            }

            literal.Append(segment);
        }

        parts.Add(new Part(Encoding.UTF8.GetBytes(literal.ToString()), Operator.None));
        template = new PathTemplate(value, [.. parts.Where(p => p.Op != Operator.None || p.Literal.Length > 0)]);
        return true;
    }

    /// <summary>True when the path (query and fragment removed) matches the whole template.</summary>
    public bool Matches(ReadOnlySpan<byte> path) => MatchFrom(0, PathValue.WithoutQuery(path), ignoreCase: false);

    /// <summary>As <see cref="Matches(ReadOnlySpan{byte})"/>, the literal parts compared ignoring ASCII case when <paramref name="ignoreCase"/>.</summary>
    public bool Matches(ReadOnlySpan<byte> path, bool ignoreCase) => MatchFrom(0, PathValue.WithoutQuery(path), ignoreCase);

    private bool MatchFrom(int partIndex, ReadOnlySpan<byte> rest, bool ignoreCase)
    {
        for (int i = partIndex; i < _parts.Length; i++)
        {
            var part = _parts[i];
            switch (part.Op)
            {
                case Operator.None:
                    if (rest.Length < part.Literal.Length
                        || !(ignoreCase ? Ascii.EqualsIgnoreCase(rest[..part.Literal.Length], part.Literal) : rest.StartsWith(part.Literal)))
                    {
                        return false;
                    }

                    rest = rest[part.Literal.Length..];
                    break;
                case Operator.One:
                    int end = rest.IndexOfAnyExcept(s_segmentChars);
                    int length = end < 0 ? rest.Length : end;
                    if (length == 0)
                    {
                        return false;
                    }

                    // one segment is always taken whole: the next byte is '/' or the end
                    rest = rest[length..];
                    break;
                case Operator.Many:
                    // the last operator: try every split point, longest run of allowed bytes first
                    int stop = rest.IndexOfAnyExcept(s_segmentCharsOrSlash);
                    int max = stop < 0 ? rest.Length : stop;
                    for (int take = max; take >= 0; take--)
                    {
                        if (MatchFrom(i + 1, rest[take..], ignoreCase))
                        {
                            return true;
                        }
                    }

                    return false;
            }
        }

        return rest.IsEmpty;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private enum Operator
    {
        None,
        One,
        Many,
    }

    private readonly record struct Part(byte[] Literal, Operator Op);
}
