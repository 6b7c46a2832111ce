namespace EastWestIds.Storage.Redaction;

/// <summary>One redaction inside a text: <see cref="Length"/> chars at <see cref="Start"/> become <see cref="Text"/>.</summary>
internal readonly record struct Replacement(int Start, int Length, string Text, bool InsideEvidence = false)
{
    public int End => Start + Length;
}
