using EastWestIds.Core.Findings;
using EastWestIds.Signatures.Loading;

namespace EastWestIds.Signatures.Matching;

/// <summary>One compiled rule: what its alerts say, and the buffer programs that must all hold for it to fire.</summary>
public sealed class CompiledSignature
{
    internal CompiledSignature(int index, SignatureConfig config, SignatureInfo info, bool isPass, BufferProgram[] programs,
        int evidenceProgram, int evidenceStep, string? fastPattern, int fastPatternProgram)
    {
        Index = index;
        Config = config;
        Info = info;
        IsPass = isPass;
        Programs = programs;
        EvidenceProgram = evidenceProgram;
        EvidenceStep = evidenceStep;
        FastPattern = fastPattern;
        FastPatternProgram = fastPatternProgram;
    }

    /// <summary>Position in <see cref="CompiledSignatureSet.Signatures"/>.</summary>
    public int Index { get; }

    /// <summary>The validated rule.</summary>
    public SignatureConfig Config { get; }

    /// <summary>Sid, rev, message, class type, category, severity and family for alerts.</summary>
    public SignatureInfo Info { get; }

    /// <summary>The rule's sid.</summary>
    public int Sid => Info.Sid;

    /// <summary>A <c>pass</c> rule: when it matches, the request raises no signature alerts.</summary>
    public bool IsPass { get; }

    /// <summary>The prefilter literal (Latin-1 text), or null when the rule is evaluated for every request.</summary>
    public string? FastPattern { get; }

    internal BufferProgram[] Programs { get; }

    /// <summary>
    /// The program whose slot's prefilter holds this rule's literal (-1: none): it only needs to run on the values
    /// the literal was found in, since every match of it contains the literal.
    /// </summary>
    internal int FastPatternProgram { get; }

    /// <summary>Program whose match is shown as evidence (-1: none).</summary>
    internal int EvidenceProgram { get; }

    /// <summary>Step of <see cref="EvidenceProgram"/> whose match is shown (-1: the value from its start).</summary>
    internal int EvidenceStep { get; }

    /// <inheritdoc/>
    public override string ToString() => $"sid {Sid}: {Info.Message}";
}
