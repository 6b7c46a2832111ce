using System.Text;

namespace EastWestIds.Storage.Sql;

/// <summary>
/// Makes attacker-controlled text storable in both databases alike: PostgreSQL's <c>text</c> refuses NUL and
/// Npgsql's strict UTF-8 encoder refuses lone surrogates, while SQLite takes both. Without this a request with a
/// NUL in a header would be stored by one backend and rejected by the other. Each such character becomes U+FFFD.
/// </summary>
internal static class StoredText
{
    public static string Clean(string text)
    {
        var i = IndexOfUnstorable(text);
        if (i < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                builder.Append('\uFFFD');
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    private static int IndexOfUnstorable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return i;
            }

            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }
        }

        return -1;
    }
}
