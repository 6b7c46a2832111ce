using System.Text.RegularExpressions;
using EastWestIds.Core.Findings;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Loading;
using EastWestIds.Signatures.Matching;
using EastWestIds.Signatures.Matching.Steps;
using EastWestIds.Signatures.Prefilter;

namespace EastWestIds.Signatures.Compilation;

public static partial class SignatureCompiler
{
    private static RuleDraft? CompileRule(SignatureConfig signature, int index, SetContext context)
    {
        int errorsBefore = context.Errors.Count;
        SignatureInfo info = Describe(signature, context);
        var programs = new List<(InspectionSlot Slot, List<MatchStep> Steps)>();
        InspectionBuffer buffer = InspectionBuffer.Payload;
        var transforms = new List<TransformOption>();
        ContentStep? explicitFast = null;
        IReadOnlyList<SignatureOption> options = signature.Options;
        Base64DecodeOption? decode = null;
        List<MatchStep>? decoded = null; // the steps after base64_data, up to the next sticky buffer: they read decoded bytes
        var minLength = new Dictionary<InspectionSlot, int>();

        void AtLeast(InspectionSlot slot, SizeComparison size)
        {
            // Every size step of a program must hold on the value it holds on, so the largest lower bound applies.
            int bound = MinLengthOf(size);
            minLength[slot] = Math.Max(bound, minLength.GetValueOrDefault(slot));
        }

        List<MatchStep> StepsOf(InspectionSlot slot)
        {
            foreach ((InspectionSlot s, List<MatchStep> steps) in programs)
            {
                if (s == slot)
                {
                    return steps;
                }
            }

            programs.Add((slot, []));
            return programs[^1].Steps;
        }

        List<MatchStep> Target() => decoded ?? StepsOf(context.Slot(buffer, transforms));

        for (int i = 0; i < options.Count; i++)
        {
            switch (options[i])
            {
                case StickyBufferOption sticky:
                    buffer = sticky.Buffer;
                    transforms = [];
                    decoded = null;
                    break;
                case Base64DecodeOption base64Decode:
                    decode = base64Decode;
                    break;
                case Base64DataOption:
                    // The validator lets base64_data only directly follow base64_decode, once per buffer.
                    var decodedSteps = new List<MatchStep>();
                    StepsOf(context.Slot(buffer, transforms)).Add(new Base64DataStep(decode!, decodedSteps));
                    decoded = decodedSteps;
                    break;
                case TransformOption transform:
                    if (context.Options.Transform is null)
                    {
                        context.Error(signature, transform.Location, $"{transform.Keyword}: no transform implementation is available in this build");
                    }

                    transforms.Add(transform);
                    break;
                case ContentOption content:
                    int modifiers = CountModifiers(options, i + 1);
                    ContentStep step = CompileContent(content, options, i + 1, modifiers, out bool fast);
                    if (fast && decoded is not null)
                    {
                        context.Warning(signature, content.Location, "fast_pattern: a content of base64_data cannot preselect the rule (the prefilter reads the buffer as it is)");
                        fast = false;
                    }

                    if (decoded is null && buffer == InspectionBuffer.HttpHost && transforms.Count == 0 && !step.NoCase && content.Pattern.AsSpan().IndexOfAnyInRange((byte)'A', (byte)'Z') >= 0)
                    {
                        // Suricata refuses this too: the buffer is lower-cased, so the content could never be found
                        // (and a negated one would always hold).
                        context.Error(signature, content.Location, "content: http.host is lower-cased, so an upper-case pattern never matches; write it in lower case or add nocase (http.host.raw keeps the case)");
                    }

                    Target().Add(step);
                    if (fast)
                    {
                        if (content.Negated)
                        {
                            context.Warning(signature, content.Location, "fast_pattern: a negated content cannot preselect the rule; the longest positive content is used instead");
                        }
                        else
                        {
                            explicitFast = step;
                        }
                    }

                    i += modifiers;
                    break;
                case PcreOption pcre:
                    if (CompilePcre(pcre, signature, context) is { } pcreStep)
                    {
                        List<MatchStep> pcreSteps = pcre.Buffer is { } flagBuffer ? StepsOf(context.Slot(flagBuffer, [])) : Target();
                        bool shortcuts = !context.Options.Exhaustive; // the exhaustive reference runs the regex alone
                        if (shortcuts && pcreSteps.Count == 0 && !pcre.Negated && !pcre.Relative
                            && RegexLiterals.StartPrefixes(pcre.Pattern, pcre.Options) is { } start)
                        {
                            // A start-anchored pcre opening its program: values that cannot begin a match skip the regex.
                            pcreSteps.Add(new StartPrefixStep(start));
                        }
                        else if (shortcuts && pcreSteps.Count == 0 && !pcre.Negated && !pcre.Relative && !pcre.Anchored
                            && WordCallShape.Recognize(pcre.Pattern, pcre.Options) is { } call)
                        {
                            // The PHP function-call pcre: values with no "name(" skip the regex (WordCallShape says why).
                            pcreSteps.Add(new WordCallStep(call));
                        }

                        pcreSteps.Add(pcreStep);
                    }

                    break;
                case ByteTestOption byteTest:
                    Target().Add(new ByteTestStep(byteTest));
                    break;
                case ByteJumpOption byteJump:
                    Target().Add(new ByteJumpStep(byteJump));
                    break;
                case IsDataAtOption isDataAt:
                    Target().Add(new IsDataAtStep(isDataAt.Position, isDataAt.Negated, isDataAt.Relative));
                    break;
                case BsizeOption bsize:
                    Target().Add(new SizeStep(bsize.Size));
                    if (decoded is null)
                    {
                        AtLeast(context.Slot(buffer, transforms), bsize.Size); // the decoded bytes' size says nothing of the value's
                    }

                    break;
                case UrilenOption urilen:
                    InspectionSlot uriSlot = context.Slot(urilen.Raw ? InspectionBuffer.HttpUriRaw : InspectionBuffer.HttpUri, []);
                    StepsOf(uriSlot).Add(new SizeStep(urilen.Size));
                    AtLeast(uriSlot, urilen.Size);
                    break;
                case DetectorOption detector:
                    if (context.Options.Detectors.TryGetValue(detector.Detector, out BufferDetector? run))
                    {
                        Target().Add(new DetectorStep(detector.Detector, run));
                    }
                    else
                    {
                        context.Error(signature, detector.Location, $"{detector.Keyword}: no detector implementation is available in this build");
                    }

                    break;
            }
        }

        if (context.Errors.Count != errorsBefore)
        {
            return null;
        }

        var compiledPrograms = new BufferProgram[programs.Count];
        for (int p = 0; p < programs.Count; p++)
        {
            MatchStep[] steps = [.. programs[p].Steps];
            for (int s = 0; s < steps.Length; s++)
            {
                steps[s].Link(s + 1 < steps.Length ? steps[s + 1] : null);
            }

            bool exhaustive = context.Options.Exhaustive;
            compiledPrograms[p] = new BufferProgram(programs[p].Slot, steps, gated: !exhaustive)
            {
                MinLength = exhaustive ? 0 : minLength.GetValueOrDefault(programs[p].Slot),
            };
        }

        (int fastProgram, int fastStep) = ChooseFastPattern(compiledPrograms, explicitFast);
        FastPatternChoice? pcreChoice = ChoosePcreLiterals(compiledPrograms);
        if (fastProgram >= 0 && explicitFast is null && pcreChoice is not null
            && pcreChoice.Commonness * RarerPcreFactor < LiteralCommonness.Of(Latin1(((ContentStep)compiledPrograms[fastProgram].Steps[fastStep]).Pattern)))
        {
            fastProgram = -1; // the longest content is common where some pcre's literals are rare: preselect by those
        }

        (int evidenceProgram, int evidenceStep) = fastProgram >= 0 ? (fastProgram, fastStep) : LastEvidenceStep(compiledPrograms);
        FastPatternChoice? choice = null;
        if (fastProgram >= 0)
        {
            var fastContent = (ContentStep)compiledPrograms[fastProgram].Steps[fastStep];
            choice = new FastPatternChoice(fastProgram, compiledPrograms[fastProgram].Slot, [fastContent.Pattern.ToArray()]);
        }
        else if (pcreChoice is not null)
        {
            choice = pcreChoice;
        }

        CheckPcreLiterals(compiledPrograms, fastProgram < 0 ? choice : null);
        string? fastText = choice is null ? null : string.Join(" | ", choice.Literals.Select(System.Text.Encoding.Latin1.GetString));

        var compiled = new CompiledSignature(index, signature, info, signature.Syntax.Action == "pass", compiledPrograms,
            evidenceProgram, evidenceStep, fastText, choice?.Program ?? -1);
        return new RuleDraft(index, compiled, choice);
    }

    /// <summary>The shortest length <paramref name="size"/> admits (what <see cref="SizeStep.Holds"/> accepts).</summary>
    internal static int MinLengthOf(SizeComparison size)
    {
        long bound = size.Operator switch
        {
            SizeOperator.Equal or SizeOperator.GreaterOrEqual => size.Value,
            SizeOperator.GreaterThan or SizeOperator.Between => size.Value + 1,
            _ => 0,
        };
        return (int)Math.Clamp(bound, 0, int.MaxValue);
    }

    private static int CountModifiers(IReadOnlyList<SignatureOption> options, int from)
    {
        int count = 0;
        while (from + count < options.Count && options[from + count] is ContentModifierOption)
        {
            count++;
        }

        return count;
    }

    private static ContentStep CompileContent(ContentOption content, IReadOnlyList<SignatureOption> options, int from, int count, out bool fast)
    {
        bool noCase = false, startsWith = false, endsWith = false;
        int offset = 0, depth = 0;
        int? distance = null, within = null;
        fast = false;
        for (int m = from; m < from + count; m++)
        {
            switch (options[m])
            {
                case NocaseOption: noCase = true; break;
                case DepthOption d: depth = d.Value; break;
                case OffsetOption o: offset = o.Value; break;
                case DistanceOption d: distance = d.Value; break;
                case WithinOption w: within = w.Value; break;
                case StartsWithOption: startsWith = true; break;
                case EndsWithOption: endsWith = true; break;
                case FastPatternOption: fast = true; break;
            }
        }

        if (startsWith)
        {
            // Suricata: startswith is depth = length at offset 0.
            depth = content.Pattern.Length;
            offset = 0;
        }

        return new ContentStep(content.Pattern, noCase, content.Negated)
        {
            Offset = offset,
            Depth = depth,
            Distance = distance,
            Within = within,
            EndsWith = endsWith,
        };
    }

    private static PcreStep? CompilePcre(PcreOption pcre, SignatureConfig signature, SetContext context)
    {
        string pattern = pcre.Pattern;
        if (pcre.DollarEndOnly && (pcre.Options & RegexOptions.Multiline) == 0)
        {
            pattern = PcrePattern.DollarAtVeryEnd(pattern);
        }

        string unanchored = pattern; // the A flag is the step's to apply (LiteralAlternation.TryFind), E's \z is not
        if (pcre.Anchored)
        {
            pattern = $"\\A(?:{pattern})";
        }

        bool backtracking = pcre.NonBacktrackingRejection is not null;
        RegexOptions options = pcre.Options | (backtracking ? RegexOptions.None : RegexOptions.NonBacktracking);
        // The keyword checked the pattern as written; a rewritten one (\A(?:…), the E flag) is checked again. The
        // regex the matcher runs is built on first use (LazyRegex says why).
        if (!ReferenceEquals(pattern, pcre.Pattern) && PatternSyntax.Error(pattern, pcre.Options) is { } error)
        {
            context.Error(signature, pcre.Location, $"pcre: pattern does not compile: {error}");
            return null;
        }

        // The exhaustive reference runs the regex alone: no literal list in its place, no checks before it. The
        // required literals stay, since they choose the rule's fast pattern and so its evidence.
        bool exhaustive = context.Options.Exhaustive;
        LiteralAlternation? alternation = backtracking || exhaustive ? null : LiteralAlternation.TryCreate(unanchored, pcre.Options);
        // Only NonBacktracking patterns: the search may run the regex several times, each under a backtracking timeout.
        LeadingContext? leading = backtracking || exhaustive || alternation is not null || pcre.Anchored ? null
            : LeadingContext.TryCreate(pattern, pcre.Options, rest => context.Regex(rest, options, context.Options.PcreTimeout));
        return new PcreStep(context.Regex(pattern, options, context.Options.PcreTimeout), pcre.Negated, pcre.Relative, pcre.Anchored)
        {
            Alternation = alternation,
            LeadingContext = leading,
            RequiredLiterals = pcre.Negated ? null : context.RequiredLiterals(pcre.Pattern, pcre.Options),
            RequiredChars = exhaustive ? null : context.RequiredChars(pcre.Pattern, pcre.Options),
            // a literal list is one vectorized search already: checking its literals first would search twice
            LiteralCandidates = alternation is null && !exhaustive ? context.RequiredLiteralSets(pcre.Pattern, pcre.Options) : [],
            RequiredCharSets = context.RequiredCharSets(pcre.Pattern, pcre.Options),
        };
    }

    /// <summary>
    /// Decides which literal sets each pcre searches for before its regex: all of its rare ones but, for the pcre whose
    /// literals preselect the rule (<paramref name="pcreChoice"/>), those literals (a value reaches it only holding one).
    /// </summary>
    private static void CheckPcreLiterals(BufferProgram[] programs, FastPatternChoice? pcreChoice)
    {
        string[]? chosen = pcreChoice?.Literals.Select(System.Text.Encoding.Latin1.GetString).ToArray();
        bool taken = false;
        for (int p = 0; p < programs.Length; p++)
        {
            foreach (MatchStep step in programs[p].Steps)
            {
                if (step is not PcreStep pcre)
                {
                    continue;
                }

                bool preselects = !taken && p == pcreChoice?.Program && pcre.RequiredLiterals is { } own && RegexLiterals.SameSet(own, chosen!);
                taken |= preselects;
                pcre.CheckLiterals(preselects ? chosen : null);
            }
        }
    }

    private static (int Program, int Step) ChooseFastPattern(BufferProgram[] programs, ContentStep? explicitFast)
    {
        (int Program, int Step) best = (-1, -1);
        int bestLength = 0;
        for (int p = 0; p < programs.Length; p++)
        {
            MatchStep[] steps = programs[p].Steps;
            for (int s = 0; s < steps.Length; s++)
            {
                if (steps[s] is not ContentStep { Negated: false } content)
                {
                    continue;
                }

                if (ReferenceEquals(content, explicitFast))
                {
                    return (p, s);
                }

                if (content.Pattern.Length > bestLength)
                {
                    best = (p, s);
                    bestLength = content.Pattern.Length;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// For a rule without a positive content: the pcre whose required literals are the rarest in benign traffic
    /// (<see cref="LiteralCommonness"/>); every pcre's set is correct, the rarest marks the rule least often.
    /// </summary>
    private static FastPatternChoice? ChoosePcreLiterals(BufferProgram[] programs)
    {
        FastPatternChoice? best = null;
        double bestCommonness = double.MaxValue;
        for (int p = 0; p < programs.Length; p++)
        {
            foreach (MatchStep step in programs[p].Steps)
            {
                if (step is PcreStep { RequiredLiterals: { } literals } && LiteralCommonness.Of(literals) is var commonness && commonness < bestCommonness)
                {
                    bestCommonness = commonness;
                    best = new FastPatternChoice(p, programs[p].Slot, [.. literals.Select(System.Text.Encoding.Latin1.GetBytes)]) { Commonness = commonness };
                }
            }
        }

        return best;
    }

    private static (int Program, int Step) LastEvidenceStep(BufferProgram[] programs)
    {
        for (int p = programs.Length - 1; p >= 0; p--)
        {
            for (int s = programs[p].Steps.Length - 1; s >= 0; s--)
            {
                if (programs[p].Steps[s].ProducesEvidence)
                {
                    return (p, s);
                }
            }
        }

        return programs.Length > 0 ? (programs.Length - 1, -1) : (-1, -1);
    }
}
