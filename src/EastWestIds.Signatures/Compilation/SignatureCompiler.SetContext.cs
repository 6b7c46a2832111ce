using System.Text;
using System.Text.RegularExpressions;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Loading;
using EastWestIds.Signatures.Matching;
using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Compilation;

public static partial class SignatureCompiler
{
    /// <summary>What compiling one set shares across its rules: slots, memoised regexes, errors and warnings.</summary>
    private sealed class SetContext(SignatureCompilerOptions options)
    {
        private readonly Dictionary<(string Pattern, RegexOptions Options), Regex> _regexes = [];

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

        /// <summary>Identical patterns share one (thread-safe) <see cref="Regex"/>: its lazily built DFA is then warmed once.</summary>
        public Regex Regex(string pattern, RegexOptions options, TimeSpan timeout)
        {
            if (!_regexes.TryGetValue((pattern, options), out Regex? regex))
            {
                regex = (options & RegexOptions.NonBacktracking) != 0
                    ? new Regex(pattern, options)
                    : new Regex(pattern, options, timeout);
                _regexes.Add((pattern, options), regex);
            }

            return regex;
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
