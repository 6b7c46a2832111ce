using System.Text;

namespace EastWestIds.Storage.Export;

/// <summary>
/// RFC 4180 fields, plus a guard against spreadsheet formula injection: every field here can be attacker text (a path,
/// a header), and a spreadsheet runs a cell that starts with <c>= + - @</c>, tab or CR as a formula. Such a field gets a
/// leading apostrophe (OWASP "CSV Injection"), which spreadsheets show as text and a CSV reader keeps visible.
/// </summary>
internal static class Csv
{
    public static void AppendRow(StringBuilder line, ReadOnlySpan<string> fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            AppendField(line, fields[i]);
        }
    }

    public static void AppendField(StringBuilder line, string value)
    {
        var formula = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        var quote = formula || value.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (!quote)
        {
            line.Append(value);
            return;
        }

        line.Append('"');
        if (formula)
        {
            line.Append('\'');
        }

        line.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
