using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Loading;

/// <summary>
/// Turns one <see cref="SignatureSyntax"/> into a <see cref="SignatureConfig"/>: every option goes through its
/// keyword factory, then the rules about order are checked. All problems of the rule are reported, each with the
/// rule's sid when it can be read; a rule with any problem yields <see langword="null"/>.
/// </summary>
/// <remarks>
/// Order rules (Suricata's, made strict so that a mistake is an error rather than a rule that means something else):
/// <list type="bullet">
/// <item>A content modifier directly follows its content or another modifier of the same content.</item>
/// <item><c>depth</c>/<c>offset</c>/<c>startswith</c> and <c>distance</c>/<c>within</c> do not mix on one content;
/// no modifier is repeated; <c>depth</c> and <c>within</c> are at least the content's length.</item>
/// <item>A transform directly follows a sticky buffer or another transform.</item>
/// <item>An inspection keyword before any sticky buffer inspects <see cref="InspectionBuffer.Payload"/> (the default
/// buffer); <c>bsize</c> needs an explicit sticky buffer; <c>isdataat:…,relative</c> needs a content or pcre before
/// it in the same buffer.</item>
/// <item><c>msg</c> and <c>sid</c> are required; metadata keywords other than <c>metadata</c> and <c>reference</c>
/// appear at most once.</item>
/// </list>
/// Action must be <c>alert</c> or <c>pass</c> (the sink cannot drop a mirrored copy) and protocol <c>http</c>,
/// <c>http1</c> or <c>http2</c>.
/// </remarks>
public static partial class SignatureValidator
{
    /// <summary>Validates <paramref name="rule"/> with <paramref name="registry"/>; problems go to <paramref name="errors"/>.</summary>
    public static SignatureConfig? Validate(SignatureSyntax rule, KeywordRegistry registry, ICollection<SignatureLoadError> errors)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(errors);

        int before = errors.Count;
        long? sid = FindSid(rule);
        var state = new State(rule, sid, errors);

        if (rule.Action is not "alert" and not "pass")
        {
            state.Error(rule.Location, rule.Action is "drop" or "reject" or "rejectsrc" or "rejectdst" or "rejectboth"
                ? $"action '{rule.Action}' is not available: the sink inspects mirrored copies and cannot block (use 'alert')"
                : $"unknown action '{rule.Action}' (expected alert or pass)");
        }

        if (rule.Protocol is not "http" and not "http1" and not "http2")
        {
            state.Error(rule.Location, $"protocol '{rule.Protocol}' is not supported (EastWestIds inspects http, http1, http2)");
        }

        var options = new List<SignatureOption>(rule.Options.Count);
        foreach (SignatureOptionSyntax syntax in rule.Options)
        {
            if (!registry.TryGet(syntax.Name, out KeywordDefinition? keyword))
            {
                state.Error(syntax.Location, LegacyKeywordHints.UnknownKeywordMessage(syntax.Name));
                state.AfterUnknown();
                continue;
            }

            if (keyword.Value == KeywordValue.None && syntax.Value is not null)
            {
                state.Error(syntax.ValueLocation, $"{keyword.Name}: takes no value");
                state.AfterFailed(keyword);
                continue;
            }

            if (keyword.Value == KeywordValue.Required && string.IsNullOrEmpty(syntax.Value))
            {
                state.Error(syntax.Location, $"{keyword.Name}: needs a value");
                state.AfterFailed(keyword);
                continue;
            }

            SignatureOption? option = keyword.Factory(new KeywordContext(syntax, sid, errors));
            if (option is null)
            {
                state.AfterFailed(keyword);
                continue;
            }

            state.Accept(keyword, option);
            options.Add(option);
        }

        state.Finish();
        if (errors.Count != before)
        {
            return null;
        }

        return new SignatureConfig
        {
            Sid = state.Sid!.Sid,
            Rev = state.Rev?.Revision ?? 0,
            Message = state.Msg!.Message,
            ClassType = state.ClassType?.ClassType,
            Priority = state.Priority?.Priority,
            Flow = state.Flow,
            Threshold = state.Threshold,
            References = state.References,
            Metadata = state.Metadata,
            Options = options,
            Syntax = rule,
        };
    }

    internal static long? FindSid(SignatureSyntax rule)
    {
        foreach (SignatureOptionSyntax option in rule.Options)
        {
            if (string.Equals(option.Name, SidOption.Name, StringComparison.OrdinalIgnoreCase)
                && long.TryParse(option.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long sid))
            {
                return sid;
            }
        }

        return null;
    }
}
