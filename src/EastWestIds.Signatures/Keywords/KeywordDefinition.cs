namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// A keyword's entry in the <see cref="KeywordRegistry"/>: its name, role, whether it takes a value, and the
/// factory that validates the value and builds the typed <see cref="SignatureOption"/>. The factory returns
/// <see langword="null"/> after reporting through <see cref="KeywordContext.Error"/>.
/// </summary>
/// <param name="Name">Canonical lower-case name.</param>
/// <param name="Kind">The keyword's role.</param>
/// <param name="Value">Whether it takes a value.</param>
/// <param name="Factory">Validates the arguments and builds the option.</param>
public sealed record KeywordDefinition(string Name, KeywordKind Kind, KeywordValue Value, Func<KeywordContext, SignatureOption?> Factory);
