using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Loading;

public static partial class SignatureValidator
{
    /// <summary>What the validator knows at one point of a rule's option list; enforces the order rules.</summary>
    private sealed class State(SignatureSyntax rule, long? sid, ICollection<SignatureLoadError> errors)
    {
        private readonly List<ContentModifierOption> _modifiers = [];
        private readonly HashSet<string> _seenMetadata = new(StringComparer.Ordinal);
        private bool _explicitBuffer;
        private bool _canTransform;
        private ContentOption? _content;
        private bool _contentFailed;
        private bool _matchInBuffer;
        private Base64DecodeOption? _pendingDecode; // a base64_decode that the next keyword must answer with base64_data
        private bool _seenDecode;
        private bool _decodeFailed; // a base64_decode that was reported: its base64_data is not reported again

        public MsgOption? Msg { get; private set; }

        public SidOption? Sid { get; private set; }

        public RevOption? Rev { get; private set; }

        public ClassTypeOption? ClassType { get; private set; }

        public PriorityOption? Priority { get; private set; }

        public FlowOption? Flow { get; private set; }

        public ThresholdOption? Threshold { get; private set; }

        public List<ReferenceOption> References { get; } = [];

        public List<KeyValuePair<string, string>> Metadata { get; } = [];

        public void Error(SourceLocation at, string message) =>
            errors.Add(new SignatureLoadError(at.File, at.Line, at.Column, sid, message));

        public void Accept(KeywordDefinition keyword, SignatureOption option)
        {
            if (_pendingDecode is { } decode && option is not Base64DataOption)
            {
                Error(decode.Location, "base64_decode: must be directly followed by base64_data (which the keywords after it inspect)");
                _pendingDecode = null;
            }

            switch (keyword.Kind)
            {
                case KeywordKind.RuleMetadata:
                    AcceptMetadata(keyword, option);
                    break;
                case KeywordKind.StickyBuffer:
                    _explicitBuffer = true;
                    _pendingDecode = null;
                    _canTransform = true;
                    _content = null;
                    _contentFailed = false;
                    _matchInBuffer = false;
                    break;
                case KeywordKind.Transform:
                    if (!_canTransform)
                    {
                        Error(option.Location, $"{keyword.Name}: a transform must directly follow a sticky buffer or another transform");
                    }

                    break;
                case KeywordKind.Content:
                    _canTransform = false;
                    _content = (ContentOption)option;
                    _contentFailed = false;
                    _modifiers.Clear();
                    _matchInBuffer = true;
                    break;
                case KeywordKind.ContentModifier:
                    AcceptModifier(keyword, (ContentModifierOption)option);
                    break;
                case KeywordKind.Inspection:
                    AcceptInspection(keyword, option);
                    break;
            }
        }

        public void AfterFailed(KeywordDefinition keyword)
        {
            switch (keyword.Kind)
            {
                case KeywordKind.Content:
                    // Its modifiers would only repeat the problem: suppress "must follow a content" for them.
                    _content = null;
                    _contentFailed = true;
                    _canTransform = false;
                    _matchInBuffer = true;
                    break;
                case KeywordKind.Inspection:
                    _content = null;
                    _contentFailed = false;
                    _canTransform = false;
                    _matchInBuffer |= keyword.Name == PcreOption.Name;
                    _decodeFailed = keyword.Name == Base64DecodeOption.Name;
                    _seenDecode |= _decodeFailed;
                    break;
                case KeywordKind.RuleMetadata:
                    _seenMetadata.Add(keyword.Name);
                    break;
            }
        }

        public void AfterUnknown()
        {
            // Leave the state alone: an unknown keyword may be a legacy modifier (http_uri) and the rule is rejected anyway.
        }

        public void Finish()
        {
            if (Msg is null && !_seenMetadata.Contains(MsgOption.Name))
            {
                Error(rule.Location, "rule has no 'msg'");
            }

            if (Sid is null && !_seenMetadata.Contains(SidOption.Name))
            {
                Error(rule.Location, "rule has no 'sid'");
            }

            if (_pendingDecode is { } decode)
            {
                Error(decode.Location, "base64_decode: must be directly followed by base64_data (which the keywords after it inspect)");
            }
        }

        private void AcceptMetadata(KeywordDefinition keyword, SignatureOption option)
        {
            if (option is ReferenceOption reference)
            {
                References.Add(reference);
                return;
            }

            if (option is MetadataOption metadata)
            {
                Metadata.AddRange(metadata.Entries);
                return;
            }

            if (!_seenMetadata.Add(keyword.Name))
            {
                Error(option.Location, $"{keyword.Name}: given more than once");
                return;
            }

            switch (option)
            {
                case MsgOption msg: Msg = msg; break;
                case SidOption s: Sid = s; break;
                case RevOption rev: Rev = rev; break;
                case ClassTypeOption classType: ClassType = classType; break;
                case PriorityOption priority: Priority = priority; break;
                case FlowOption flow: Flow = flow; break;
                case ThresholdOption threshold when Threshold is not null:
                    // Suricata lets a rule have both, but then which of them an alert answers to is its engine's detail.
                    Error(option.Location, $"{keyword.Name}: a rule takes one of threshold and detection_filter");
                    break;
                case ThresholdOption threshold: Threshold = threshold; break;
            }
        }

        private void AcceptModifier(KeywordDefinition keyword, ContentModifierOption modifier)
        {
            if (_content is null)
            {
                if (!_contentFailed)
                {
                    Error(modifier.Location, $"{keyword.Name}: must directly follow a content (or another modifier of it) in the same buffer");
                }

                return;
            }

            foreach (ContentModifierOption previous in _modifiers)
            {
                if (previous.Keyword == modifier.Keyword)
                {
                    Error(modifier.Location, $"{keyword.Name}: given twice for one content");
                    return;
                }

                if ((previous.IsRelative && modifier.IsAbsolute) || (previous.IsAbsolute && modifier.IsRelative)
                    || (previous is StartsWithOption && modifier.IsAbsolute) || (modifier is StartsWithOption && previous.IsAbsolute))
                {
                    Error(modifier.Location,
                        $"{keyword.Name}: cannot be combined with {previous.Keyword} on one content (startswith, depth/offset and distance/within position the match in different ways)");
                    return;
                }
            }

            int length = _content.Pattern.Length;
            if (modifier is DepthOption depth && depth.Value < length)
            {
                Error(modifier.Location, $"depth: {depth.Value} is shorter than the content ({length} bytes), so it can never match");
                return;
            }

            if (modifier is WithinOption within && within.Value < length)
            {
                Error(modifier.Location, $"within: {within.Value} is shorter than the content ({length} bytes), so it can never match");
                return;
            }

            _modifiers.Add(modifier);
        }

        private void AcceptInspection(KeywordDefinition keyword, SignatureOption option)
        {
            _content = null;
            _contentFailed = false;
            _canTransform = false;
            switch (option)
            {
                case BsizeOption when !_explicitBuffer:
                    Error(option.Location, "bsize: needs a sticky buffer before it (it measures that buffer)");
                    break;
                case IsDataAtOption { Relative: true } when !_matchInBuffer:
                    Error(option.Location, "isdataat: 'relative' needs a content or pcre before it in the same buffer");
                    break;
                case ByteTestOption { Relative: true } when !_matchInBuffer:
                    Error(option.Location, "byte_test: 'relative' needs a content or pcre before it in the same buffer");
                    break;
                case ByteJumpOption { Relative: true } when !_matchInBuffer:
                    Error(option.Location, "byte_jump: 'relative' needs a content or pcre before it in the same buffer");
                    break;
                case ByteJumpOption:
                    _matchInBuffer = true; // it sets the cursor that relative keywords after it read
                    break;
                case Base64DecodeOption decode:
                    if (_seenDecode)
                    {
                        Error(option.Location, "base64_decode: a rule takes one, as in Suricata");
                    }
                    else if (decode.Relative && !_matchInBuffer)
                    {
                        Error(option.Location, "base64_decode: 'relative' needs a content or pcre before it in the same buffer");
                    }

                    _pendingDecode = decode;
                    _seenDecode = true;
                    break;
                case Base64DataOption when _pendingDecode is null && !_decodeFailed:
                    Error(option.Location, "base64_data: must directly follow base64_decode");
                    break;
                case Base64DataOption:
                    _pendingDecode = null;
                    _decodeFailed = false;
                    _matchInBuffer = false; // the decoded bytes are a buffer of their own
                    break;
                case PcreOption:
                    _matchInBuffer = true;
                    break;
            }
        }
    }
}
