using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace EastWestIds.Engine.Alerts;

/// <summary>Writes attacker bytes into JSON without trusting them to be UTF-8.</summary>
internal static class JsonText
{
    /// <summary>
    /// Writes <paramref name="value"/> as a JSON string. Valid UTF-8 goes straight from the span; anything else
    /// (a rare, hostile case) is decoded with U+FFFD replacement first, because <see cref="Utf8JsonWriter"/>
    /// throws on invalid UTF-8 and an alert must never be lost to the bytes it reports.
    /// </summary>
    public static void WriteString(Utf8JsonWriter writer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (Utf8.IsValid(value))
        {
            writer.WriteString(name, value);
        }
        else
        {
            writer.WriteString(name, Encoding.UTF8.GetString(value));
        }
    }

    /// <summary>Writes the property only when the value is not empty.</summary>
    public static void WriteIfPresent(Utf8JsonWriter writer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (!value.IsEmpty)
        {
            WriteString(writer, name, value);
        }
    }
}
