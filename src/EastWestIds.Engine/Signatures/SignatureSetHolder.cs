using EastWestIds.Signatures.Matching;

namespace EastWestIds.Engine.Signatures;

/// <summary>
/// The compiled rule set in force. A reload compiles a whole new set off the request path and publishes it here in
/// one reference write; workers read the reference once per request and rebuild their matcher when it changed, so a
/// request is always matched against one complete set, never a mix. A failed reload never reaches this class.
/// </summary>
public sealed class SignatureSetHolder(CompiledSignatureSet initial)
{
    private CompiledSignatureSet _current = initial ?? throw new ArgumentNullException(nameof(initial));

    /// <summary>The set in force.</summary>
    public CompiledSignatureSet Current => Volatile.Read(ref _current);

    /// <summary>Publishes <paramref name="set"/>; requests that start after this see it.</summary>
    public void Swap(CompiledSignatureSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        Volatile.Write(ref _current, set);
    }
}
