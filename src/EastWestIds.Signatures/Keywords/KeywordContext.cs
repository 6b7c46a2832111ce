using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>What a keyword factory gets: the option as written and a way to report what is wrong with it.</summary>
public sealed class KeywordContext
{
    private readonly ICollection<SignatureLoadError> _errors;

    internal KeywordContext(SignatureOptionSyntax option, long? sid, ICollection<SignatureLoadError> errors)
    {
        Option = option;
        Sid = sid;
        _errors = errors;
    }

    /// <summary>The option as written.</summary>
    public SignatureOptionSyntax Option { get; }

    /// <summary>The rule's sid, when known, for messages.</summary>
    public long? Sid { get; }

    /// <summary>The option's value; factories of <see cref="KeywordValue.Required"/> keywords may rely on it being set.</summary>
    public string Value => Option.Value ?? "";

    /// <summary>Reports a problem at the option's value and returns <see langword="null"/> so factories can <c>return ctx.Error(…)</c>.</summary>
    public SignatureOption? Error(string message)
    {
        SourceLocation at = Option.ValueLocation;
        _errors.Add(new SignatureLoadError(at.File, at.Line, at.Column, Sid, $"{Option.Name}: {message}"));
        return null;
    }
}
