using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// <c>flow:to_server,established;</c> — accepted for compatibility with existing HTTP rules. The sink only ever sees
/// requests on established connections, so <c>to_server</c>/<c>from_client</c>, <c>established</c> and
/// <c>stateless</c> always hold; <c>not_established</c> can never hold and is an error rather than a rule that
/// silently never fires. A rule with <c>to_client</c>/<c>from_server</c> (responses) is skipped by the loader before
/// it gets here (<c>RuleSkipping</c>); this option refuses them too. Stream options are ignored.
/// </summary>
/// <param name="Flags">The flags as written, lower-case.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record FlowOption(IReadOnlyList<string> Flags, SourceLocation Location) : SignatureOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "flow";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.RuleMetadata, KeywordValue.Required, Create);

    /// <summary>True when <c>established</c> was written.</summary>
    public bool Established => Flags.Contains("established");

    /// <summary>True when <c>to_server</c> or <c>from_client</c> was written.</summary>
    public bool ToServer => Flags.Contains("to_server") || Flags.Contains("from_client");

    private static SignatureOption? Create(KeywordContext ctx)
    {
        var flags = new List<string>();
        foreach (string part in KeywordArguments.SplitList(ctx.Value))
        {
            string flag = part.ToLowerInvariant();
            switch (flag)
            {
                case "to_server" or "from_client" or "established" or "stateless" or "only_stream" or "no_stream":
                    break;
                case "to_client" or "from_server":
                    return ctx.Error($"'{part}' inspects responses; EastWestIds sees requests only");
                case "not_established":
                    return ctx.Error("'not_established' never holds: mirrored requests arrive on established connections");
                default:
                    return ctx.Error($"unknown flow option '{part}' (supported: to_server, from_client, established, stateless)");
            }

            if (flags.Contains(flag))
            {
                return ctx.Error($"'{part}' given twice");
            }

            flags.Add(flag);
        }

        return new FlowOption(flags, ctx.Option.Location);
    }
}
