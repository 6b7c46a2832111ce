using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Matching.Steps;
using EastWestIds.Signatures.Prefilter;

namespace EastWestIds.Signatures.Matching;

/// <summary>
/// Matches requests against one <see cref="CompiledSignatureSet"/>. One per worker (not thread-safe): it owns the
/// scratch memory, so a benign request whose buffers hit no prefilter literal allocates nothing.
/// </summary>
/// <remarks>
/// Per request: every slot with a prefilter is scanned once per value and marks the rules of the literals found,
/// with the values they were found in; those plus the always-evaluated rules (no positive content) run, in set
/// order; each of a rule's buffer programs must hold on some value of its slot. A program runs only on values its
/// <see cref="ProgramGate"/> admits and, for the program holding the rule's literal, only on the values the literal
/// was found in; a rule whose gates refuse a whole slot is not evaluated at all. A matching <c>pass</c> rule removes
/// every signature match of the request.
/// </remarks>
public sealed class SignatureMatcher
{
    private readonly CompiledSignatureSet _set;
    private readonly MatchScratch _scratch;
    private readonly RuleMarks _marks;
    private readonly int[] _literalSeen;
    private readonly int[] _prefilterHits = new int[LiteralPrefilter.HitBlock];
    private int _valueScan;
    private readonly int[] _matchStart;
    private readonly int[] _matchEnd;
    private readonly List<SignatureMatch> _matches = [];

    /// <summary>Creates a matcher (with its scratch memory) for <paramref name="set"/>.</summary>
    public SignatureMatcher(CompiledSignatureSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        _set = set;
        _scratch = new MatchScratch(set.Slots, set.Transform);
        _marks = new RuleMarks(set.Count);
        _literalSeen = new int[set.LiteralCount];
        _matchStart = new int[Math.Max(1, set.MaxSteps)];
        _matchEnd = new int[Math.Max(1, set.MaxSteps)];
    }

    /// <summary>The set this matcher evaluates.</summary>
    public CompiledSignatureSet Set => _set;

    /// <summary>Matches of the last <see cref="Inspect"/>, valid until the next call.</summary>
    public ReadOnlySpan<SignatureMatch> Matches => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_matches);

    /// <summary>Rules evaluated in the last request (prefilter candidates plus always-evaluated rules).</summary>
    public int LastCandidateCount { get; private set; }

    /// <summary>Backtracking pcre that hit the match timeout in the last request (each counted as "no match").</summary>
    public int LastPcreTimeouts { get; private set; }

    /// <summary>Rule programs that gave up in the last request because their retry budget was spent.</summary>
    public int LastBudgetExhaustions { get; private set; }

    /// <summary>Matches one request's buffers; returns the number of matches (see <see cref="Matches"/>).</summary>
    public int Inspect(IInspectionBuffers buffers)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        _matches.Clear();
        LastPcreTimeouts = 0;
        LastBudgetExhaustions = 0;
        _scratch.Reset(buffers);
        _marks.Reset();

        foreach (InspectionSlot slot in _set.Slots)
        {
            if (slot.Prefilter is not { } prefilter)
            {
                continue;
            }

            bool chars = prefilter.NeedsChars;
            int values = _scratch.Prepare(slot, chars);
            for (int v = 0; v < values; v++)
            {
                prefilter.Scan(_scratch.Bytes(slot, v), chars ? _scratch.Chars(slot, v) : default, v, _marks, _literalSeen,
                    NextValueScan(), _prefilterHits);
            }
        }

        _marks.Mark(_set.AlwaysCandidates);
        Span<int> candidates = _marks.Marked;
        candidates.Sort();
        LastCandidateCount = candidates.Length;
        bool passed = false;
        foreach (int index in candidates)
        {
            CompiledSignature signature = _set.Get(index);
            if (GatesAdmit(signature) && Evaluate(signature, _marks.Values(index), out SignatureMatch match))
            {
                passed |= signature.IsPass;
                _matches.Add(match);
            }
        }

        if (passed)
        {
            _matches.Clear();
        }

        return _matches.Count;
    }

    /// <summary>False when some program's gate refuses every value of its slot (the rule cannot hold).</summary>
    private bool GatesAdmit(CompiledSignature signature)
    {
        foreach (BufferProgram program in signature.Programs)
        {
            if (!program.Gate.Admits(_scratch.SlotClasses(program.Slot)))
            {
                return false;
            }

            if (program.MinLength > 0 && !HasValueOfLength(program.Slot, program.MinLength))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when some value of <paramref name="slot"/> is at least <paramref name="length"/> bytes long.</summary>
    private bool HasValueOfLength(InspectionSlot slot, int length)
    {
        int values = _scratch.Prepare(slot, chars: false);
        for (int v = 0; v < values; v++)
        {
            if (_scratch.Bytes(slot, v).Length >= length)
            {
                return true;
            }
        }

        return false;
    }

    private int NextValueScan()
    {
        if (++_valueScan == int.MaxValue)
        {
            Array.Clear(_literalSeen);
            _valueScan = 1;
        }

        return _valueScan;
    }

    private bool Evaluate(CompiledSignature signature, ulong literalValues, out SignatureMatch match)
    {
        match = default;
        (InspectionSlot Slot, int Value, int Start, int End) evidence = default;
        BufferProgram[] programs = signature.Programs;
        for (int p = 0; p < programs.Length; p++)
        {
            BufferProgram program = programs[p];
            InspectionSlot slot = program.Slot;
            int values = _scratch.Prepare(slot, program.NeedsChars);
            ulong admitted = p == signature.FastPatternProgram ? literalValues : RuleMarks.AllValues;
            bool held = false;
            for (int v = 0; v < values && !held; v++)
            {
                if (!RuleMarks.Contains(admitted, v) || !program.Gate.Admits(_scratch.Classes(slot, v)))
                {
                    continue;
                }

                var run = new ProgramRun(_scratch.Bytes(slot, v), program.NeedsChars ? _scratch.Chars(slot, v) : default,
                    program.Steps, _matchStart, _matchEnd);
                held = run.Start() == 1;
                LastPcreTimeouts += run.PcreTimeouts;
                LastBudgetExhaustions += run.BudgetExhausted ? 1 : 0;
                if (held && p == signature.EvidenceProgram)
                {
                    int step = signature.EvidenceStep;
                    evidence = step < 0
                        ? (slot, v, 0, run.Data.Length)
                        : (slot, v, _matchStart[step], _matchEnd[step]);
                }
            }

            if (!held)
            {
                return false;
            }
        }

        if (evidence.Slot is null)
        {
            match = new SignatureMatch(signature, Keywords.InspectionBuffer.Payload, 0, 0, 0, "");
            return true;
        }

        ReadOnlySpan<byte> bytes = _scratch.Bytes(evidence.Slot, evidence.Value);
        int start = Math.Clamp(evidence.Start, 0, bytes.Length);
        int end = Math.Clamp(evidence.End, start, bytes.Length);
        match = new SignatureMatch(signature, evidence.Slot.Buffer, evidence.Value, start, end - start,
            EvidenceText.Format(bytes[start..end]));
        return true;
    }
}
