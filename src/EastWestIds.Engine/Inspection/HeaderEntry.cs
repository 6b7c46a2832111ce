namespace EastWestIds.Engine.Inspection;

/// <summary>Where one header field's name and value sit in a <see cref="MirroredRequest"/>'s buffer.</summary>
internal readonly record struct HeaderEntry(int NameStart, int NameLength, int ValueStart, int ValueLength, bool IsTrailer);
