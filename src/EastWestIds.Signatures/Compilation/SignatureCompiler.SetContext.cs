using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Loading;
using EastWestIds.Signatures.Matching;
using EastWestIds.Signatures.Matching.Steps;
using EastWestIds.Signatures.Prefilter;
using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Compilation;

public static partial class SignatureCompiler
{
    /// <summary>What compiling one set shares across its rules: slots, memoised regexes, errors and warnings.</summary>
    private sealed class SetContext(SignatureCompilerOptions options)
    {
        /// <summary>
        /// Expected occurrences per position (<see cref="LiteralCommonness"/>) above which a set is not searched before the
        /// regex: about as common as "from" in benign text. A common set rarely refuses a value, and every near match of
        /// its literals costs the search a comparison (measured under callgrind: "or|and|…" cost more than it saved).
        /// </summary>
        private const double MaxCheckedCommonness = 1e-4;

        /// <summary>Literals a checked set may hold (see <see cref="RegexLiterals.ExtractAll"/>'s <c>maxLiterals</c>).</summary>
        private const int MaxCheckedLiterals = 16;

        private readonly Dictionary<(string Pattern, RegexOptions Options), LazyRegex> _regexes = [];
        private readonly Dictionary<string, IReadOnlyList<string>?> _requiredLiterals = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Pattern, RegexOptions Options), SearchValues<char>?> _requiredChars = [];
        private readonly Dictionary<(string Pattern, RegexOptions Options), IReadOnlyList<string>> _requiredCharSets = [];
        private readonly Dictionary<(string Pattern, bool Extended), RequiredLiteralSet[]> _requiredLiteralSets = [];

        public SignatureCompilerOptions Options { get; } = options;

        public Dictionary<string, InspectionSlot> Slots { get; } = new(StringComparer.Ordinal);

        public List<SignatureLoadError> Errors { get; } = [];

        public List<SignatureLoadError> Warnings { get; } = [];

        public void Error(SignatureConfig rule, SourceLocation at, string message) =>
            Errors.Add(new SignatureLoadError(at.File, at.Line, at.Column, rule.Sid, message));

        public void Warning(SignatureConfig rule, SourceLocation at, string message) =>
            Warnings.Add(new SignatureLoadError(at.File, at.Line, at.Column, rule.Sid, message));

        public InspectionSlot Slot(InspectionBuffer buffer, IReadOnlyList<TransformOption> transforms)
        {
            var key = new StringBuilder(BufferName(buffer));
            foreach (TransformOption transform in transforms)
            {
                key.Append("; ").Append(transform.Keyword);
                if (transform.XorKey is { } xorKey)
                {
                    key.Append(":\"").Append(Convert.ToHexStringLower(xorKey)).Append('"');
                }
            }

            string text = key.ToString();
            if (!Slots.TryGetValue(text, out InspectionSlot? slot))
            {
                slot = new InspectionSlot(Slots.Count, buffer, [.. transforms], text);
                Slots.Add(text, slot);
            }

            return slot;
        }

        /// <summary>
        /// Identical patterns share one <see cref="LazyRegex"/>: it is built once, on the first request that needs it,
        /// and its lazily built DFA is then warmed once. On a reload, the set in force supplies the patterns it has.
        /// </summary>
        public LazyRegex Regex(string pattern, RegexOptions options, TimeSpan timeout)
        {
            if (!_regexes.TryGetValue((pattern, options), out LazyRegex? regex))
            {
                regex = Options.PatternsFrom?.PatternFor(pattern, options, timeout)
                    ?? new LazyRegex(pattern, options, timeout, walks: !Options.Exhaustive && StartSearchChoice.Walks(pattern, options));
                _regexes.Add((pattern, options), regex);
            }

            return regex;
        }

        /// <summary>The prefilter literals of a pcre (<see cref="RegexLiterals"/>), worked out once per distinct pattern.</summary>
        public IReadOnlyList<string>? RequiredLiterals(string pattern, RegexOptions options)
        {
            bool extended = (options & RegexOptions.IgnorePatternWhitespace) != 0;
            if (extended)
            {
                return null;
            }

            if (!_requiredLiterals.TryGetValue(pattern, out IReadOnlyList<string>? literals))
            {
                literals = RegexLiterals.Extract(pattern, extended);
                _requiredLiterals.Add(pattern, literals);
            }

            return literals;
        }

        /// <summary>
        /// The literal sets every match of a pcre holds a literal of each (<see cref="RegexLiterals.ExtractAll"/>) that
        /// are rare enough to be worth a search before the regex, rarest first, each ready for a vectorized search;
        /// worked out once per distinct pattern. The rule decides which of them to check (<see cref="PcreStep.CheckLiterals"/>).
        /// </summary>
        public RequiredLiteralSet[] RequiredLiteralSets(string pattern, RegexOptions options)
        {
            bool extended = (options & RegexOptions.IgnorePatternWhitespace) != 0;
            if (!_requiredLiteralSets.TryGetValue((pattern, extended), out RequiredLiteralSet[]? sets))
            {
                // Case-insensitive whatever the pattern's flags: the sets are folded as the prefilter folds (a search
                // that also finds other casings can only let the regex run more often, never less).
                sets = [.. RegexLiterals.ExtractAll(pattern, extended, MaxCheckedLiterals)
                    .Where(set => LiteralCommonness.Of(set) <= MaxCheckedCommonness)
                    .Select(set => LiteralSetSearch.TryCreate(set) is { } search ? new RequiredLiteralSet(set, search) : null)
                    .OfType<RequiredLiteralSet>()];
                _requiredLiteralSets.Add((pattern, extended), sets);
            }

            return sets;
        }

        /// <summary>The char sets every match of a pcre holds one of each (<see cref="RegexLiterals.RequiredCharSets"/>), once per pattern.</summary>
        public IReadOnlyList<string> RequiredCharSets(string pattern, RegexOptions options)
        {
            if (!_requiredCharSets.TryGetValue((pattern, options), out IReadOnlyList<string>? sets))
            {
                sets = RegexLiterals.RequiredCharSets(pattern, options);
                _requiredCharSets.Add((pattern, options), sets);
            }

            return sets;
        }

        /// <summary>The chars one of which every match of a pcre holds (<see cref="RegexLiterals.RequiredChars"/>), once per pattern.</summary>
        public SearchValues<char>? RequiredChars(string pattern, RegexOptions options)
        {
            if (!_requiredChars.TryGetValue((pattern, options), out SearchValues<char>? chars))
            {
                chars = RegexLiterals.RequiredChars(pattern, options);
                _requiredChars.Add((pattern, options), chars);
            }

            return chars;
        }

        private static string BufferName(InspectionBuffer buffer)
        {
            foreach ((string name, InspectionBuffer value) in StickyBufferOption.Names)
            {
                if (value == buffer)
                {
                    return name;
                }
            }

            return "payload";
        }
    }
}
