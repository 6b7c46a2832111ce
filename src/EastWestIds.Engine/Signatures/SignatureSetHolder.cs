using EastWestIds.Signatures.Matching;

namespace EastWestIds.Engine.Signatures;

/// <summary>
/// The compiled rule set in force. A reload compiles a whole new set off the request path and publishes it here in
/// one reference write; workers read the reference once per request and rebuild their matcher when it changed, so a
/// request is always matched against one complete set, never a mix. A failed reload never reaches this class.
/// </summary>
public sealed class SignatureSetHolder
{
    private CompiledSignatureSet _current;

    public SignatureSetHolder(CompiledSignatureSet initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _ = SignatureCategories.For(initial); // worked out here, off the request path (see Swap)
        _current = initial;
    }

    /// <summary>The set in force.</summary>
    public CompiledSignatureSet Current => Volatile.Read(ref _current);

    /// <summary>Publishes <paramref name="set"/>; requests that start after this see it.</summary>
    public void Swap(CompiledSignatureSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        // The categories the collapse of matches needs are computed now, by the reloading thread, so the first request
        // with a match after a reload does not pay for them.
        _ = SignatureCategories.For(set);
        Volatile.Write(ref _current, set);
    }
}
