using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// <c>metadata:key value, key value;</c> — free-form pairs (ET's <c>created_at</c>, <c>signature_severity</c>, …).
/// Each comma-separated entry is a key, a space, and a value; a key alone gets an empty value.
/// </summary>
/// <param name="Entries">The pairs in the order written.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record MetadataOption(IReadOnlyList<KeyValuePair<string, string>> Entries, SourceLocation Location) : SignatureOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "metadata";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.RuleMetadata, KeywordValue.Required, Create);

    private static SignatureOption? Create(KeywordContext ctx)
    {
        var entries = new List<KeyValuePair<string, string>>();
        foreach (string entry in KeywordArguments.SplitList(ctx.Value))
        {
            if (entry.Length == 0)
            {
                return ctx.Error("empty metadata entry (two commas in a row or a trailing comma)");
            }

            int space = entry.IndexOf(' ');
            entries.Add(space < 0
                ? new(entry, "")
                : new(entry[..space], entry[(space + 1)..].Trim()));
        }

        return new MetadataOption(entries, ctx.Option.Location);
    }
}
