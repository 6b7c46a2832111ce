using System.Buffers;
using System.Text;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Transforms;

namespace EastWestIds.Signatures.Matching.Steps;

/// <summary>
/// <c>base64_decode; base64_data;</c> and the keywords after them: decodes from the cursor (<see cref="Base64DecodeOption"/>)
/// and runs <see cref="Nested"/> over the decoded bytes as a program of their own. Nested steps are invisible to the
/// prefilter and the char-class gate, which judge the value as it is, not what decoding makes of it.
/// </summary>
/// <remarks>
/// The decoded bytes (and their chars, when a nested pcre needs them) live in pooled arrays for the call: steps are
/// shared by every worker, so they keep no scratch of their own; a warmed-up pool rents without allocating.
/// </remarks>
internal sealed class Base64DataStep(Base64DecodeOption decode, List<MatchStep> steps) : MatchStep
{
    private MatchStep[] _nested = [];
    private bool _nestedNeedsChars;

    public override bool IsRelative => decode.Relative;

    /// <summary>The steps that inspect the decoded bytes, linked as a program.</summary>
    public override IReadOnlyList<MatchStep> Nested => _nested;

    /// <summary>Takes the nested steps as the compiler left them (they are written after this step) and links them.</summary>
    public override void Link(MatchStep? next)
    {
        _nested = [.. steps];
        _nestedNeedsChars = _nested.Any(s => s.NeedsChars);
        for (int s = 0; s < _nested.Length; s++)
        {
            _nested[s].Link(s + 1 < _nested.Length ? _nested[s + 1] : null);
        }
    }

    public override int Inspect(ref ProgramRun run, int index)
    {
        if (!run.Spend())
        {
            return -1;
        }

        // A relative decode may find base64 after a later occurrence of the match before it; an absolute one never will.
        int noMatch = decode.Relative ? 0 : -1;
        long start = (decode.Relative ? run.BufferOffset : 0) + (long)decode.Offset;
        if (start >= run.Data.Length)
        {
            return noMatch;
        }

        ReadOnlySpan<byte> encoded = run.Data[(int)start..];
        encoded = encoded[..Math.Min(encoded.Length, decode.Bytes)];
        byte[] bytes = ArrayPool<byte>.Shared.Rent(encoded.Length * 3 / 4 + 3);
        char[]? chars = null;
        try
        {
            int length = Base64Decoder.Decode(encoded, bytes);
            if (length == 0)
            {
                return noMatch;
            }

            ReadOnlySpan<byte> decoded = bytes.AsSpan(0, length);
            if (_nestedNeedsChars)
            {
                chars = ArrayPool<char>.Shared.Rent(length);
                Encoding.Latin1.GetChars(decoded, chars);
            }

            Span<int> matchStart = stackalloc int[_nested.Length];
            Span<int> matchEnd = stackalloc int[_nested.Length];
            var inner = new ProgramRun(decoded, chars is null ? default : chars.AsSpan(0, length), _nested, matchStart, matchEnd) { Budget = run.Budget };
            int result = inner.Start();
            run.Budget = inner.Budget;
            run.PcreTimeouts += inner.PcreTimeouts;
            run.BudgetExhausted |= inner.BudgetExhausted;
            return result == 1 ? run.Continue(index) : result == -1 ? -1 : noMatch;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            if (chars is not null)
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }
    }
}
