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
    private readonly bool _joinScans;
    private readonly bool _classesKnown;
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
        : this(set, joinScans: true)
    {
    }

    /// <param name="set">The rules.</param>
    /// <param name="joinScans">False: every prefiltered slot scans its own values (the reference the joined scans of
    /// <see cref="PrefilterGroup"/> must agree with; tests).</param>
    /// <param name="skipRepeats">False: values equal to an earlier value of their slot are scanned and evaluated too (the
    /// reference skipping them must agree with; tests).</param>
    internal SignatureMatcher(CompiledSignatureSet set, bool joinScans, bool skipRepeats = true)
    {
        ArgumentNullException.ThrowIfNull(set);
        _set = set;
        _joinScans = joinScans;
        _scratch = new MatchScratch(set.Slots, set.Transform, skipRepeats && !set.Exhaustive);
        _classesKnown = !set.Exhaustive;
        _marks = new RuleMarks(set.Count);
        _literalSeen = new int[set.SeenLiteralCount];
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

    /// <summary>
    /// Called after each candidate rule of a request with its index and the <see cref="System.Diagnostics.Stopwatch"/>
    /// ticks its gates and programs took, materializing the slots it was the first to need included (bench/matcher-cost
    /// attributes a corpus's time to rules with it). Null, the default, costs one test per request.
    /// </summary>
    internal Action<int, long>? CandidateTimer { get; set; }

    /// <summary>The rules evaluated in the last request, in set order (tests).</summary>
    internal ReadOnlySpan<int> LastCandidates => _marks.Marked;

    /// <summary>The values of its fast-pattern slot a candidate of the last request was marked for (tests).</summary>
    internal ulong LastCandidateValues(int rule) => _marks.Values(rule);

    /// <summary>Matches one request's buffers; returns the number of matches (see <see cref="Matches"/>).</summary>
    public int Inspect(IInspectionBuffers buffers)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        _matches.Clear();
        LastPcreTimeouts = 0;
        LastBudgetExhaustions = 0;
        _scratch.Reset(buffers);
        _marks.Reset();

        if (_joinScans)
        {
            foreach (PrefilterGroup group in _set.PrefilterGroups)
            {
                ScanGroup(group);
            }

            foreach (InspectionSlot slot in _set.UngroupedPrefilterSlots)
            {
                ScanSlot(slot);
            }
        }
        else
        {
            foreach (InspectionSlot slot in _set.Slots)
            {
                if (slot.Prefilter is not null)
                {
                    ScanSlot(slot);
                }
            }
        }

        _marks.Mark(_set.AlwaysCandidates);
        Span<int> candidates = _marks.SortMarked();
        LastCandidateCount = candidates.Length;
        bool passed = false;
        if (CandidateTimer is { } timer)
        {
            foreach (int index in candidates)
            {
                long start = System.Diagnostics.Stopwatch.GetTimestamp();
                passed |= EvaluateCandidate(index);
                timer(index, System.Diagnostics.Stopwatch.GetTimestamp() - start);
            }
        }
        else
        {
            // The candidate loop as EvaluateCandidate has it, written out: the JIT does not inline that call here.
            foreach (int index in candidates)
            {
                CompiledSignature signature = _set.Get(index);
                if (GatesAdmit(signature) && Evaluate(signature, _marks.Values(index), out SignatureMatch match))
                {
                    passed |= signature.IsPass;
                    _matches.Add(match);
                }
            }
        }

        if (passed)
        {
            _matches.Clear();
        }

        return _matches.Count;
    }

    /// <summary>Evaluates candidate rule <paramref name="index"/>, adding its match; true when it matched and is a <c>pass</c> rule.</summary>
    private bool EvaluateCandidate(int index)
    {
        CompiledSignature signature = _set.Get(index);
        if (!GatesAdmit(signature) || !Evaluate(signature, _marks.Values(index), out SignatureMatch match))
        {
            return false;
        }

        _matches.Add(match);
        return signature.IsPass;
    }

    /// <summary>Marks the rules of every literal of <paramref name="slot"/>'s prefilter found in its values.</summary>
    private void ScanSlot(InspectionSlot slot)
    {
        LiteralPrefilter prefilter = slot.Prefilter!;
        _scratch.Prepare(slot, chars: false);
        ReadOnlySpan<MatchScratch.ValueRef> values = _scratch.Values(slot);
        for (int v = 0; v < values.Length; v++)
        {
            if (!values[v].IsRepeat)
            {
                ScanValue(prefilter, in values[v], v);
            }
        }
    }

    /// <summary>
    /// What <see cref="ScanSlot"/> of each member would mark: value by value, one pass per set of members that hold
    /// the same bytes there (the same origin in <see cref="MatchScratch"/>), with that set's joined prefilter.
    /// </summary>
    private void ScanGroup(PrefilterGroup group)
    {
        InspectionSlot[] members = group.Members;
        int count = _scratch.Prepare(members[0], chars: false);
        bool sameCounts = true;
        for (int m = 1; m < members.Length; m++)
        {
            sameCounts &= _scratch.Prepare(members[m], chars: false) == count;
        }

        if (!sameCounts)
        {
            foreach (InspectionSlot member in members)
            {
                ScanSlot(member);
            }

            return;
        }

        int all = (1 << members.Length) - 1;
        LiteralPrefilter joined = group.Joined;
        ReadOnlySpan<MatchScratch.ValueRef> firstValues = _scratch.Values(members[0]);
        for (int v = 0; v < count; v++)
        {
            if (firstValues[v].IsRepeat && RepeatInEveryMember(members, v))
            {
                continue;
            }

            int shared = _scratch.SameBytes(members, 0, all, v);
            if (shared == all)
            {
                ScanValue(joined, in firstValues[v], v); // the common case: one pass for every member
                continue;
            }

            for (int left = all; left != 0;)
            {
                int first = int.TrailingZeroCount(left);
                int same = first == 0 ? shared : _scratch.SameBytes(members, first, left, v);
                left &= ~same;
                if (group.For(same) is { } prefilter)
                {
                    ScanMember(members[first], prefilter, v);
                    continue;
                }

                // a subset without a joined prefilter (groups past four members): each member alone
                for (int m = first; m < members.Length; m++)
                {
                    if ((same & (1 << m)) != 0)
                    {
                        ScanMember(members[m], members[m].Prefilter!, v);
                    }
                }
            }
        }
    }

    /// <summary>
    /// True when value <paramref name="value"/> repeats an earlier value in every member (members of one buffer repeat
    /// alike; a twin buffer's values may not).
    /// </summary>
    private bool RepeatInEveryMember(InspectionSlot[] members, int value)
    {
        for (int m = 1; m < members.Length; m++)
        {
            if (!_scratch.Values(members[m])[value].IsRepeat)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Scans value <paramref name="value"/> of <paramref name="slot"/> (prepared) with <paramref name="prefilter"/>.</summary>
    private void ScanMember(InspectionSlot slot, LiteralPrefilter prefilter, int value) =>
        ScanValue(prefilter, in _scratch.Values(slot)[value], value);

    private void ScanValue(LiteralPrefilter prefilter, in MatchScratch.ValueRef value, int index) =>
        prefilter.Scan(_scratch.Bytes(in value), prefilter.NeedsClasses ? _scratch.ClassesOf(in value) : CharClasses.Unknown,
            index, _marks, _literalSeen, NextValueScan(), _prefilterHits);

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
        _scratch.Prepare(slot, chars: false);
        foreach (ref readonly MatchScratch.ValueRef value in _scratch.Values(slot))
        {
            if (value.ByteLength >= length)
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
            bool chars = program.NeedsChars;
            _scratch.Prepare(slot, chars);
            ReadOnlySpan<MatchScratch.ValueRef> values = _scratch.Values(slot);
            ulong admitted = p == signature.FastPatternProgram ? literalValues : RuleMarks.AllValues;
            ProgramGate gate = program.Gate;
            bool held = false;
            for (int v = 0; v < values.Length && !held; v++)
            {
                // the classes were filled in by GatesAdmit (SlotClasses of every program's slot)
                ref readonly MatchScratch.ValueRef value = ref values[v];
                if (value.IsRepeat || !RuleMarks.Contains(admitted, v) || !gate.Admits(value.Classes))
                {
                    continue;
                }

                var run = new ProgramRun(_scratch.Bytes(in value), chars ? _scratch.Chars(in value) : default,
                    program.Steps, _matchStart, _matchEnd) { Classes = _classesKnown ? value.Classes : CharClasses.Unknown };
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
