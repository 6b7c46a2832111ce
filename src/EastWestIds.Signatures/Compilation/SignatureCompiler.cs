using System.Text;
using EastWestIds.Core;
using EastWestIds.Core.Findings;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Loading;
using EastWestIds.Signatures.Matching;
using EastWestIds.Signatures.Prefilter;

namespace EastWestIds.Signatures.Compilation;

/// <summary>
/// Compiles validated rules into one immutable <see cref="CompiledSignatureSet"/>: per rule, one program of match
/// steps per inspection slot (buffer + transforms), alert metadata from the classification table, and a fast
/// pattern (the <c>fast_pattern</c> content, else the longest positive content) that goes into its slot's
/// prefilter. Rules with no positive content are evaluated for every request. Every problem is reported, with the
/// file, line and sid of the keyword at fault; a set with errors is not built.
/// </summary>
public static partial class SignatureCompiler
{
    /// <summary>Compiles <paramref name="signatures"/> (as loaded by <see cref="SignatureFileLoader"/>).</summary>
    public static SignatureCompileResult Compile(IReadOnlyList<SignatureConfig> signatures, SignatureCompilerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        options ??= new SignatureCompilerOptions();
        var context = new SetContext(options);
        var compiled = new List<RuleDraft>(signatures.Count);
        foreach (SignatureConfig signature in signatures)
        {
            if (CompileRule(signature, compiled.Count, context) is { } draft)
            {
                compiled.Add(draft);
            }
        }

        if (context.Errors.Count > 0)
        {
            return new SignatureCompileResult(null, context.Errors, context.Warnings);
        }

        return new SignatureCompileResult(Build(compiled, context), [], context.Warnings);
    }

    private static CompiledSignatureSet Build(List<RuleDraft> drafts, SetContext context)
    {
        var signatures = new CompiledSignature[drafts.Count];
        var always = new List<int>();
        var literalsBySlot = new Dictionary<InspectionSlot, Dictionary<string, (byte[] Literal, List<int> Rules)>>();
        int maxSteps = 0;
        foreach (RuleDraft draft in drafts)
        {
            signatures[draft.Index] = draft.Signature;
            foreach (BufferProgram program in draft.Signature.Programs)
            {
                maxSteps = Math.Max(maxSteps, program.Steps.Length);
            }

            if (draft.FastPattern is not { } fast || context.Options.Exhaustive)
            {
                always.Add(draft.Index);
                continue;
            }

            if (!literalsBySlot.TryGetValue(fast.Slot, out var literals))
            {
                literals = new Dictionary<string, (byte[], List<int>)>(StringComparer.OrdinalIgnoreCase);
                literalsBySlot.Add(fast.Slot, literals);
            }

            foreach (byte[] literal in fast.Literals)
            {
                string key = Encoding.Latin1.GetString(literal);
                if (!literals.TryGetValue(key, out var entry))
                {
                    entry = (literal, []);
                    literals.Add(key, entry);
                }

                if (entry.Rules.Count == 0 || entry.Rules[^1] != draft.Index)
                {
                    entry.Rules.Add(draft.Index);
                }
            }
        }

        int literalBase = 0;
        foreach ((InspectionSlot slot, var literals) in literalsBySlot)
        {
            var list = literals.Values.Select(e => (e.Literal, e.Rules.ToArray())).ToList();
            slot.Prefilter = new LiteralPrefilter(list, literalBase);
            literalBase += list.Count;
        }

        return new CompiledSignatureSet(signatures, [.. context.Slots.Values.OrderBy(s => s.Index)], [.. always],
            literalBase, maxSteps, context.Warnings, context.Options.PcreTimeout, context.Options.Transform)
        {
            Exhaustive = context.Options.Exhaustive,
        };
    }

    private static SignatureInfo Describe(SignatureConfig signature, SetContext context)
    {
        string classType = signature.ClassType ?? "";
        string category = "";
        int priority = 3;
        if (signature.ClassType is not null && !context.Options.Classifications.TryGet(signature.ClassType, out category, out priority))
        {
            ClassTypeOption at = signature.Options.OfType<ClassTypeOption>().First();
            context.Error(signature, at.Location,
                $"classtype: '{signature.ClassType}' is not in the classification table (known: {string.Join(", ", context.Options.Classifications.ClassTypes.Order(StringComparer.Ordinal))})");
        }

        priority = signature.Priority ?? priority;
        Severity severity = priority switch
        {
            1 => Severity.High,
            2 => Severity.Medium,
            3 => Severity.Low,
            _ => Severity.Info,
        };
        return new SignatureInfo(signature.Sid, signature.Rev, signature.Message, classType, category, severity, FindingFamily.Attack)
        {
            RuleMetadata = [.. signature.Metadata.GroupBy(e => e.Key, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, g.Select(e => e.Value).ToArray()))],
        };
    }

    private sealed record RuleDraft(int Index, CompiledSignature Signature, FastPatternChoice? FastPattern);

    /// <summary>The literals that preselect a rule on one slot: any of them found makes it a candidate.</summary>
    private sealed record FastPatternChoice(int Program, InspectionSlot Slot, byte[][] Literals)
    {
        /// <summary>How often the literals are expected in benign traffic (<see cref="LiteralCommonness"/>; pcre sets only).</summary>
        public double Commonness { get; init; }
    }

    /// <summary>
    /// How much rarer a pcre's literal set must be than the longest content for the pcre's to preselect a rule without
    /// an explicit <c>fast_pattern</c> (a margin, since the estimate ignores which buffer each is in).
    /// </summary>
    private const double RarerPcreFactor = 4;

    private static string Latin1(ReadOnlySpan<byte> bytes) => System.Text.Encoding.Latin1.GetString(bytes);
}
