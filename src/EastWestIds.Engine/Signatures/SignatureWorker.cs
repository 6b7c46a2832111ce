using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Engine.Signatures;

/// <summary>
/// What one analysis worker keeps for the signature stage: the request view, the lazily decoded buffers and a
/// matcher (with its scratch memory) for the set in force. Not thread-safe; one per worker.
/// </summary>
public sealed class SignatureWorker
{
    private SignatureMatcher? _matcher;
    private SignatureCategories? _categories;
    private CompiledSignatureSet? _categoriesSet;
    private SignatureMatch[] _matchScratch = [];

    /// <summary>The adapter from the engine's request to the signature engine's view.</summary>
    public MirroredRequestView View { get; } = new();

    /// <summary>The decoded buffers of the current request.</summary>
    public RequestBuffers Buffers { get; } = new();

    /// <summary>The matcher for <paramref name="set"/>, made anew only when the set changed (after a reload).</summary>
    public SignatureMatcher MatcherFor(CompiledSignatureSet set)
    {
        if (_matcher is null || !ReferenceEquals(_matcher.Set, set))
        {
            _matcher = new SignatureMatcher(set);
        }

        return _matcher;
    }

    /// <summary>Room for <paramref name="count"/> matches, reused from request to request (the thresholded matches).</summary>
    public Span<SignatureMatch> MatchScratch(int count)
    {
        if (_matchScratch.Length < count)
        {
            _matchScratch = new SignatureMatch[Math.Max(count, 2 * _matchScratch.Length)];
        }

        return _matchScratch.AsSpan(0, count);
    }

    /// <summary>The rule categories of <paramref name="set"/>, looked up again only when the set changed.</summary>
    public SignatureCategories CategoriesFor(CompiledSignatureSet set)
    {
        if (_categories is null || !ReferenceEquals(_categoriesSet, set))
        {
            _categories = SignatureCategories.For(set);
            _categoriesSet = set;
        }

        return _categories;
    }
}
