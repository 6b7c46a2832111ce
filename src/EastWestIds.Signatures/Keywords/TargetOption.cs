using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// <c>target:src_ip;</c> / <c>target:dest_ip;</c> — which side of the alert is the attacked one (Suricata uses it to
/// add <c>source</c>/<c>target</c> to its EVE alert). Accepted so that rules carrying it load; it changes nothing
/// here, where the caller is always the source and the callee the target.
/// </summary>
/// <param name="Target">The value as written, lower-case.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record TargetOption(string Target, SourceLocation Location) : SignatureOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "target";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.RuleMetadata, KeywordValue.Required, Create);

    private static SignatureOption? Create(KeywordContext ctx)
    {
        string target = ctx.Value.Trim().ToLowerInvariant();
        return target is "src_ip" or "dest_ip"
            ? new TargetOption(target, ctx.Option.Location)
            : ctx.Error($"'{ctx.Value}' is not a target (src_ip or dest_ip)");
    }
}
