using System.Text;
using System.Text.RegularExpressions;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Loading;

namespace EastWestIds.Signatures.Tests.Keywords;

public class KeywordValidationTests
{
    private const string Header = "alert http any any -> any any ";

    private static SignatureLoadResult Load(string options) =>
        SignatureFileLoader.LoadTexts([("k.rules", Header + "(" + options + ")\n")]);

    private static SignatureConfig Valid(string options)
    {
        SignatureLoadResult result = Load(options);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return Assert.Single(result.Signatures);
    }

    private static SignatureLoadError Invalid(string options)
    {
        SignatureLoadResult result = Load(options);
        Assert.Empty(result.Signatures);
        return Assert.Single(result.Errors);
    }

    private static T Option<T>(SignatureConfig rule) where T : SignatureOption => Assert.Single(rule.Options.OfType<T>());

    [Fact]
    public void Validate_RuleMetadata_IsTyped()
    {
        SignatureConfig rule = Valid(
            "msg:\"ET WEB_SPECIFIC_APPS x \\\"quoted\\\" \\; semi\"; flow:established,to_server; http.uri; content:\"/x\"; " +
            "reference:cve,2021-44228; reference:url,example.com/a; classtype:web-application-attack; priority:2; " +
            "sid:2034647; rev:3; metadata:attack_target Server, created_at 2021_12_10, deployment Perimeter;");

        Assert.Equal(2034647, rule.Sid);
        Assert.Equal(3, rule.Rev);
        Assert.Equal("ET WEB_SPECIFIC_APPS x \"quoted\" ; semi", rule.Message);
        Assert.Equal("web-application-attack", rule.ClassType);
        Assert.Equal(2, rule.Priority);
        Assert.True(rule.Flow!.Established);
        Assert.True(rule.Flow.ToServer);
        Assert.Equal([("cve", "2021-44228"), ("url", "example.com/a")], rule.References.Select(r => (r.Type, r.Value)));
        Assert.Equal(
            [new("attack_target", "Server"), new("created_at", "2021_12_10"), new("deployment", "Perimeter")],
            rule.Metadata);
    }

    [Fact]
    public void Validate_NoRev_DefaultsToZero()
    {
        Assert.Equal(0, Valid("msg:\"m\"; sid:1;").Rev);
    }

    [Fact]
    public void Validate_EverySupportedStickyBuffer_SelectsItsBuffer()
    {
        foreach ((string name, InspectionBuffer buffer) in StickyBufferOption.Names)
        {
            SignatureConfig rule = Valid($"msg:\"m\"; {name}; content:\"a\"; sid:1;");
            Assert.Equal(buffer, Option<StickyBufferOption>(rule).Buffer);
        }

        // Suricata 7's request buffers (http.request_body, http.start, http.host.raw, …; file.data only as multipart
        // uploads) and EastWestIds' http.arg*, http.arg.offdomain_url, http.cookie_value, http.cookie_name,
        // http.cookie_pair, http.header_value, jwt.* and mesh.*: one keyword per buffer, every buffer named.
        Assert.Equal(35, StickyBufferOption.Names.Count);
        Assert.Equal(Enum.GetValues<InspectionBuffer>().Length - 1, StickyBufferOption.Names.Values.Distinct().Count()); // all but Payload
        Assert.Contains("http.host.raw", StickyBufferOption.Names.Keys);
        Assert.Contains("http.request_header", StickyBufferOption.Names.Keys);
        Assert.Contains("http.arg.offdomain_url", StickyBufferOption.Names.Keys);
        Assert.Contains("mesh.source_principal", StickyBufferOption.Names.Keys);
        Assert.Contains("jwt.header", StickyBufferOption.Names.Keys);
        Assert.Contains("http.arg_name", StickyBufferOption.Names.Keys);
        Assert.Contains("http.cookie_value", StickyBufferOption.Names.Keys);
        Assert.Contains("http.cookie_name", StickyBufferOption.Names.Keys);
        Assert.Contains("http.cookie_pair", StickyBufferOption.Names.Keys);
        Assert.Contains("http.header_value", StickyBufferOption.Names.Keys);
    }

    [Fact]
    public void Validate_ContentWithHexBlocksAndEscapes_DecodesToBytes()
    {
        SignatureConfig rule = Valid("msg:\"m\"; content:\"a|3a 3B|b\\;\\\"\\\\\\:|00|é\"; sid:1;");

        ContentOption content = Option<ContentOption>(rule);
        Assert.False(content.Negated);
        Assert.Equal([(byte)'a', 0x3a, 0x3b, (byte)'b', (byte)';', (byte)'"', (byte)'\\', (byte)':', 0x00, 0xc3, 0xa9], content.Pattern);
    }

    [Fact]
    public void Validate_HexOnlyAndNegatedContent_Decode()
    {
        SignatureConfig rule = Valid("msg:\"m\"; content:\"|2e 2e 2f|\"; content:!\"|0d0a|\"; sid:1;");

        ContentOption[] contents = [.. rule.Options.OfType<ContentOption>()];
        Assert.Equal("../"u8.ToArray(), contents[0].Pattern);
        Assert.True(contents[1].Negated);
        Assert.Equal("\r\n"u8.ToArray(), contents[1].Pattern);
    }

    [Fact]
    public void Validate_ContentModifiers_FollowTheirContentInOrder()
    {
        SignatureConfig rule = Valid(
            "msg:\"m\"; http.uri; content:\"/admin\"; startswith; nocase; fast_pattern; content:\"id=\"; distance:0; within:20; " +
            "content:\"x\"; offset:2; depth:10; content:\"end\"; endswith; sid:1;");

        Assert.Equal(
            ["msg", "http.uri", "content", "startswith", "nocase", "fast_pattern", "content", "distance", "within",
             "content", "offset", "depth", "content", "endswith", "sid"],
            rule.Options.Select(o => o.Keyword));
        Assert.Equal(0, Option<DistanceOption>(rule).Value);
        Assert.Equal(20, Option<WithinOption>(rule).Value);
        Assert.Equal(2, Option<OffsetOption>(rule).Value);
        Assert.Equal(10, Option<DepthOption>(rule).Value);
    }

    [Fact]
    public void Validate_NegativeDistance_IsAllowed()
    {
        Assert.Equal(-4, Option<DistanceOption>(Valid("msg:\"m\"; content:\"a\"; content:\"b\"; distance:-4; sid:1;")).Value);
    }

    [Fact]
    public void Validate_PcreFlags_MapToRegexOptionsAndBuffers()
    {
        PcreOption pcre = Option<PcreOption>(Valid("msg:\"m\"; content:\"a\"; pcre:!\"/^\\/a(b|c)\\;\\\"x/smixRUAE\"; sid:1;"));

        Assert.Equal("^\\/a(b|c)\\;\\\"x", pcre.Pattern);
        Assert.Equal(RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant, pcre.Options);
        Assert.True(pcre.Negated);
        Assert.True(pcre.Relative);
        Assert.True(pcre.Anchored);
        Assert.True(pcre.DollarEndOnly);
        Assert.Equal(InspectionBuffer.HttpUri, pcre.Buffer);
        Assert.Null(pcre.NonBacktrackingRejection);
        Assert.Matches(new Regex(pcre.Pattern, pcre.Options | RegexOptions.NonBacktracking), "/Ab;\"x");
    }

    [Fact]
    public void Validate_SuricataNoEffectKeywords_Load()
    {
        // target, rawbytes and prefilter change nothing a rule matches; rules that carry them (Emerging Threats rules
        // often do) load as if they did not.
        SignatureConfig rule = Valid("msg:\"m\"; target:dest_ip; http.uri; content:\"/a\"; rawbytes; content:\"b\"; prefilter; sid:1;");

        Assert.Equal("dest_ip", Option<TargetOption>(rule).Target);
        Assert.Equal(["rawbytes", "prefilter"], rule.Options.OfType<NoEffectModifierOption>().Select(o => o.Keyword));
        Assert.Contains("is not a target", Invalid("msg:\"m\"; target:both; sid:1;").Message);
        Assert.Contains("rawbytes", Invalid("msg:\"m\"; rawbytes; sid:1;").Message); // a modifier needs its content
    }

    [Fact]
    public void Validate_ThresholdAndDetectionFilter_AreTyped()
    {
        SignatureConfig threshold = Valid("msg:\"m\"; http.uri; content:\"/login\"; threshold: type both , track by_src, count 5, seconds 60; sid:1;");
        SignatureConfig filter = Valid("msg:\"m\"; http.uri; content:\"/login\"; detection_filter:track by_dst, count 0, seconds 2; sid:1;");

        Assert.Equal(new ThresholdOption(ThresholdType.Both, ThresholdTrack.BySource, 5, 60, "threshold", threshold.Threshold!.Location), threshold.Threshold);
        Assert.Equal((ThresholdType.DetectionFilter, ThresholdTrack.ByDestination, 0, 2), (filter.Threshold!.Type, filter.Threshold.Track, filter.Threshold.Count, filter.Threshold.Seconds));
    }

    [Theory]
    [InlineData("threshold:type limit, track by_src, count 1;", "needs type, track, count and seconds")]
    [InlineData("threshold:type sometimes, track by_src, count 1, seconds 1;", "'sometimes' is not a threshold type")]
    [InlineData("threshold:type limit, track by_flow, count 1, seconds 1;", "'by_flow' is not a track")]
    [InlineData("threshold:type limit, track by_src, count 0, seconds 1;", "count '0' is not a count")]
    [InlineData("threshold:type limit, track by_src, count 1, seconds 0;", "seconds '0' is not a window")]
    [InlineData("threshold:type limit, type both, track by_src, count 1, seconds 1;", "'type' is unknown or given twice")]
    [InlineData("detection_filter:type limit, track by_src, count 1, seconds 1;", "'type' is unknown or given twice")]
    [InlineData("threshold:type limit track by_src;", "is not 'name value'")]
    [InlineData("threshold:type limit, track by_src, count 1, seconds 1; detection_filter:track by_src, count 1, seconds 1;", "a rule takes one of threshold and detection_filter")]
    public void Validate_BadThreshold_IsAnError(string option, string message)
    {
        Assert.Contains(message, Invalid($"msg:\"m\"; {option} sid:1;").Message);
    }

    [Fact]
    public void Validate_FastPatternChop_IsTheWholeContentsFastPattern()
    {
        // The whole content is a literal of every match, so the prefilter may use all of it where Suricata uses a part.
        SignatureConfig rule = Valid("msg:\"m\"; http.uri; content:\"/index.php?id=\"; fast_pattern:1,9; sid:1;");

        Assert.Single(rule.Options.OfType<FastPatternOption>());
    }

    [Theory]
    [InlineData("W", InspectionBuffer.HttpHost)]
    [InlineData("Z", InspectionBuffer.HttpHostRaw)]
    [InlineData("V", InspectionBuffer.HttpUserAgent)]
    [InlineData("D", InspectionBuffer.HttpHeaderRaw)]
    public void Validate_PcreBufferFlag_SelectsSuricatasBuffer(string flag, InspectionBuffer buffer)
    {
        Assert.Equal(buffer, Option<PcreOption>(Valid($"msg:\"m\"; pcre:\"/a/{flag}\"; sid:1;")).Buffer);
    }

    [Fact]
    public void Validate_PcreWithBackreference_LoadsWithAWarningNamingTheConstruct()
    {
        SignatureLoadResult result = Load("msg:\"m\"; pcre:\"/(['\\\"])x\\1/\"; sid:9;");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        PcreOption pcre = Option<PcreOption>(Assert.Single(result.Signatures));
        Assert.NotNull(pcre.NonBacktrackingRejection);
        SignatureLoadError warning = Assert.Single(result.Warnings);
        Assert.Equal(9, warning.Sid);
        Assert.Contains("backtracking", warning.Message);
    }

    [Fact]
    public void Validate_PcreLookahead_IsReportedAsNeedingBacktracking()
    {
        Assert.Single(Load("msg:\"m\"; pcre:\"/a(?=b)/\"; sid:9;").Warnings);
    }

    [Theory]
    [InlineData("bsize:10;", SizeOperator.Equal, 10, 10)]
    [InlineData("bsize:<10;", SizeOperator.LessThan, 10, 10)]
    [InlineData("bsize:>10;", SizeOperator.GreaterThan, 10, 10)]
    [InlineData("bsize:<=10;", SizeOperator.LessOrEqual, 10, 10)]
    [InlineData("bsize:>=10;", SizeOperator.GreaterOrEqual, 10, 10)]
    [InlineData("bsize:5<>40;", SizeOperator.Between, 5, 40)]
    public void Validate_Bsize_ParsesSuricataForms(string option, SizeOperator op, long value, long upper)
    {
        BsizeOption bsize = Option<BsizeOption>(Valid($"msg:\"m\"; http.method; {option} sid:1;"));

        Assert.Equal(new SizeComparison(op, value, upper), bsize.Size);
    }

    [Fact]
    public void Validate_Urilen_ParsesRangeAndRawSuffix()
    {
        UrilenOption urilen = Option<UrilenOption>(Valid("msg:\"m\"; urilen:100<>200,raw; sid:1;"));

        Assert.Equal(new SizeComparison(SizeOperator.Between, 100, 200), urilen.Size);
        Assert.True(urilen.Raw);
        Assert.False(Option<UrilenOption>(Valid("msg:\"m\"; urilen:>2048; sid:1;")).Raw);
    }

    [Fact]
    public void Validate_IsDataAt_ParsesNegationAndRelative()
    {
        IsDataAtOption isdataat = Option<IsDataAtOption>(Valid("msg:\"m\"; http.uri; content:\"a=\"; isdataat:!10,relative; sid:1;"));

        Assert.Equal((10, true, true), (isdataat.Position, isdataat.Negated, isdataat.Relative));
    }

    [Fact]
    public void Validate_TransformsAfterStickyBuffer_AreTypedInOrder()
    {
        SignatureConfig rule = Valid(
            "msg:\"m\"; http.request_body; url_decode; to_lowercase; compress_whitespace; strip_whitespace; dotprefix; " +
            "from_base64; xor:\"0d0ac8ff\"; content:\"x\"; sid:1;");

        TransformOption[] transforms = [.. rule.Options.OfType<TransformOption>()];
        Assert.Equal(
            [TransformKind.UrlDecode, TransformKind.ToLowercase, TransformKind.CompressWhitespace, TransformKind.StripWhitespace,
             TransformKind.DotPrefix, TransformKind.FromBase64, TransformKind.Xor],
            transforms.Select(t => t.Kind));
        Assert.Equal([0x0d, 0x0a, 0xc8, 0xff], transforms[^1].XorKey);
    }

    [Fact]
    public void Validate_Detectors_OnAnyBufferOrTheDefault()
    {
        SignatureConfig rule = Valid("msg:\"m\"; detect_xss; http.arg; detect_sqli; sid:1;");

        Assert.Equal([DetectorKind.CrossSiteScripting, DetectorKind.SqlInjection], rule.Options.OfType<DetectorOption>().Select(d => d.Detector));
    }

    [Theory]
    // keyword and value errors
    [InlineData("msg:\"m\"; http.uri; content:\"a\"; sid:1; frobnicate;", "unknown keyword 'frobnicate'", "frobnicate")]
    [InlineData("msg:\"m\"; sid:abc;", "sid: 'abc' is not a sid", "abc")]
    [InlineData("msg:\"m\"; sid:0;", "sid: '0' is not a sid", "0;")]
    [InlineData("msg:\"m\"; rev:-1; sid:1;", "rev: '-1' is not a revision", "-1")]
    [InlineData("msg:m; sid:1;", "msg: value must be a quoted string", "m;")]
    [InlineData("msg:\"\"; sid:1;", "msg: message is empty", "\"\"")]
    [InlineData("msg:\"a\\x\"; sid:1;", "msg: '\\x' is not a valid escape", "\"a")]
    [InlineData("msg:\"m\"; priority:256; sid:1;", "priority: '256' is not a priority", "256")]
    [InlineData("msg:\"m\"; classtype:web attack; sid:1;", "classtype: 'web attack' is not a class type name", "web attack")]
    [InlineData("msg:\"m\"; reference:cve; sid:1;", "reference: 'cve' is not 'type,value'", "cve")]
    [InlineData("msg:\"m\"; flow:sideways; sid:1;", "flow: unknown flow option 'sideways'", "sideways")]
    [InlineData("msg:\"m\"; content:\"a|4\"; sid:1;", "content: unterminated |..| hex block", "\"a|4")]
    [InlineData("msg:\"m\"; content:\"|4g|\"; sid:1;", "content: 'g' is not a hex digit", "\"|4g")]
    [InlineData("msg:\"m\"; content:\"|414|\"; sid:1;", "content: odd number of hex digits", "\"|414")]
    [InlineData("msg:\"m\"; content:\"\"; sid:1;", "content: content is empty", "\"\"")]
    [InlineData("msg:\"m\"; content:abc; sid:1;", "content: value must be a quoted string", "abc")]
    [InlineData("msg:\"m\"; content:\"a\"; depth:x; sid:1;", "depth: 'x' is not an integer", "x;")]
    [InlineData("msg:\"m\"; content:\"a\"; nocase:1; sid:1;", "nocase: takes no value", "1; sid")]
    [InlineData("msg:\"m\"; content; sid:1;", "content: needs a value", "content;")]
    [InlineData("msg:\"m\"; content:\"ab\"; fast_pattern:1,x; sid:1;", "fast_pattern: '1,x' is not supported", "1,x")]
    [InlineData("msg:\"m\"; pcre:\"abc\"; sid:1;", "pcre: expected \"/pattern/flags\"", "\"abc")]
    [InlineData("msg:\"m\"; pcre:\"/a/q\"; sid:1;", "pcre: unknown flag 'q'", "\"/a/q")]
    [InlineData("msg:\"m\"; pcre:\"/a/G\"; sid:1;", "pcre: flag 'G' (ungreedy) has no .NET equivalent", "\"/a/G")]
    [InlineData("msg:\"m\"; pcre:\"/a/S\"; sid:1;", "pcre: flag 'S' selects a response buffer", "\"/a/S")]
    [InlineData("msg:\"m\"; pcre:\"/a/UH\"; sid:1;", "pcre: flags select two buffers", "\"/a/UH")]
    [InlineData("msg:\"m\"; pcre:\"/a(b/\"; sid:1;", "pcre: pattern does not compile", "\"/a(b")]
    [InlineData("msg:\"m\"; pcre:\"/a++/\"; sid:1;", "pcre: pattern does not compile", "\"/a++")]
    [InlineData("msg:\"m\"; http.uri; bsize:5<>5; sid:1;", "bsize: '5<>5': the lower bound must be less", "5<>5")]
    [InlineData("msg:\"m\"; http.uri; bsize:<0; sid:1;", "bsize: '<0' can never hold", "<0")]
    [InlineData("msg:\"m\"; urilen:1-2; sid:1;", "urilen: '1-2' is not a size", "1-2")]
    [InlineData("msg:\"m\"; urilen:>1,both; sid:1;", "urilen: '>1,both' is not 'SIZE[,norm|raw]'", ">1,both")]
    [InlineData("msg:\"m\"; isdataat:1,backwards; sid:1;", "isdataat: unknown or repeated isdataat option 'backwards'", "1,backwards")]
    [InlineData("msg:\"m\"; http.uri; xor:\"0g\"; sid:1;", "xor: key '0g' is not hex", "\"0g")]
    [InlineData("msg:\"m\"; http.uri; xor:\"abc\"; sid:1;", "xor: key 'abc' must be 1 to 255 bytes", "\"abc")]
    [InlineData("msg:\"m\"; detect_sqli:on; sid:1;", "detect_sqli: takes no value", "on")]
    [InlineData("msg:\"m\"; http.arg.offdomain_url:host; content:\"://\"; sid:1;", "http.arg.offdomain_url: takes no value", "host")]
    // order and structure errors
    [InlineData("msg:\"m\"; nocase; sid:1;", "nocase: must directly follow a content", "nocase")]
    [InlineData("msg:\"m\"; content:\"a\"; http.uri; nocase; sid:1;", "nocase: must directly follow a content", "nocase")]
    [InlineData("msg:\"m\"; content:\"a\"; pcre:\"/b/\"; within:5; sid:1;", "within: must directly follow a content", "within")]
    [InlineData("msg:\"m\"; content:\"a\"; nocase; nocase; sid:1;", "nocase: given twice for one content", "nocase; sid")]
    [InlineData("msg:\"m\"; content:\"a\"; content:\"b\"; depth:5; within:5; sid:1;", "within: cannot be combined with depth", "within")]
    [InlineData("msg:\"m\"; content:\"a\"; content:\"b\"; distance:0; offset:1; sid:1;", "offset: cannot be combined with distance", "offset")]
    [InlineData("msg:\"m\"; content:\"abc\"; startswith; depth:5; sid:1;", "depth: cannot be combined with startswith", "depth")]
    [InlineData("msg:\"m\"; content:\"abcdef\"; depth:3; sid:1;", "depth: 3 is shorter than the content (6 bytes)", "depth")]
    [InlineData("msg:\"m\"; content:\"a\"; content:\"abcdef\"; within:3; sid:1;", "within: 3 is shorter than the content (6 bytes)", "within")]
    [InlineData("msg:\"m\"; url_decode; content:\"a\"; sid:1;", "url_decode: a transform must directly follow a sticky buffer", "url_decode")]
    [InlineData("msg:\"m\"; http.uri; content:\"a\"; url_decode; sid:1;", "url_decode: a transform must directly follow a sticky buffer", "url_decode")]
    [InlineData("msg:\"m\"; bsize:10; sid:1;", "bsize: needs a sticky buffer", "bsize")]
    [InlineData("msg:\"m\"; http.uri; isdataat:1,relative; sid:1;", "isdataat: 'relative' needs a content or pcre", "isdataat")]
    [InlineData("msg:\"m\"; sid:1; sid:2;", "sid: given more than once", "sid:2")]
    [InlineData("msg:\"m\"; msg:\"n\"; sid:1;", "msg: given more than once", "msg:\"n")]
    [InlineData("http.uri; content:\"a\"; sid:1;", "rule has no 'msg'", null)]
    [InlineData("msg:\"m\"; http.uri; content:\"a\";", "rule has no 'sid'", null)]
    public void Validate_BadOption_ReportsFileLineColumnSidAndMessage(string options, string message, string? at)
    {
        // "at" is the text the error must point at (its first occurrence); null means the rule's start.
        int column = at is null ? 1 : Header.Length + 2 + options.IndexOf(at, StringComparison.Ordinal);
        Assert.True(at is null || options.Contains(at, StringComparison.Ordinal));

        SignatureLoadError error = Invalid(options);

        Assert.Contains(message, error.Message);
        Assert.Equal("k.rules", error.File);
        Assert.Equal(1, error.Line);
        Assert.Equal(column, error.Column);
        bool hasSid = options.Contains("sid:1;") && !options.Contains("sid:1; sid:2;");
        if (hasSid)
        {
            Assert.Equal(1, error.Sid);
            Assert.StartsWith($"k.rules:1:{column}: sid 1: ", error.ToString());
        }
    }

    [Theory]
    [InlineData("drop", "action 'drop' is not available")]
    [InlineData("alerts", "unknown action 'alerts'")]
    public void Validate_UnsupportedAction_IsAnError(string action, string message)
    {
        SignatureLoadResult result = SignatureFileLoader.LoadTexts([("a.rules", $"{action} http any any -> any any (msg:\"m\"; sid:5;)")]);

        SignatureLoadError error = Assert.Single(result.Errors);
        Assert.Contains(message, error.Message);
        Assert.Equal(5, error.Sid);
    }

    [Fact]
    public void Validate_UnknownProtocol_IsAnError()
    {
        // A protocol no sensor has is a typo, not a rule for another sensor (those are skipped: RuleSkippingTests).
        SignatureLoadResult result = SignatureFileLoader.LoadTexts([("a.rules", "alert htp any any -> any any (msg:\"m\"; sid:5;)")]);

        Assert.Contains("protocol 'htp' is not supported", Assert.Single(result.Errors).Message);
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public void Validate_ModifiersOfAFailedContent_AreNotReportedAgain()
    {
        SignatureLoadError error = Invalid("msg:\"m\"; content:\"|zz|\"; nocase; depth:4; sid:1;");

        Assert.StartsWith("content:", error.Message);
    }

    [Fact]
    public void Validate_SeveralErrorsInOneRule_AreAllReported()
    {
        SignatureLoadResult result = Load("msg:\"m\"; nocase; http.nope; content:\"|1|\"; pcre:\"/x/q\"; sid:3;");

        Assert.Equal(["nocase:", "unknown keyword 'http.nope'", "content:", "pcre:"],
            result.Errors.Select(e => e.Message.Split(' ')[0] == "unknown" ? e.Message : e.Message.Split(' ')[0]));
        Assert.All(result.Errors, e => Assert.Equal(3, e.Sid));
    }

    [Theory]
    [InlineData("http_uri", "http.uri")]
    [InlineData("http_client_body", "http.request_body")]
    [InlineData("file_data", "file.data")]
    public void Validate_LegacyContentModifier_ErrorNamesTheStickyBuffer(string legacy, string sticky)
    {
        SignatureLoadError error = Invalid($"msg:\"m\"; content:\"a\"; {legacy}; sid:1;");

        Assert.Equal(
            $"unknown keyword '{legacy}': legacy content modifiers are not supported; write the sticky buffer '{sticky}' before the content",
            error.Message);
    }

    [Fact]
    public void Registry_KeywordsAreCaseInsensitive()
    {
        Assert.Equal(2, Valid("MSG:\"m\"; HTTP.URI; Content:\"a\"; NoCase; SID:2;").Sid);
    }

    [Fact]
    public void Registry_CoversTheIssueKeywordSet()
    {
        string[] expected =
        [
            "msg", "sid", "rev", "classtype", "metadata", "reference", "priority", "flow", "content", "nocase", "depth",
            "offset", "distance", "within", "startswith", "endswith", "fast_pattern", "pcre", "isdataat", "bsize", "urilen",
            "url_decode", "to_lowercase", "compress_whitespace", "strip_whitespace", "dotprefix", "from_base64", "xor", "html_decode",
            "detect_sqli", "detect_xss", .. StickyBufferOption.Names.Keys,
            "target", "rawbytes", "prefilter", // Suricata keywords without effect on matching, so imported rules load
            "threshold", "detection_filter", // which matches alert (Engine/Signatures/AlertThresholds)
            "byte_test", "byte_jump", "base64_decode", "base64_data",
        ];

        Assert.Equal(expected.Order(StringComparer.Ordinal), KeywordRegistry.Default.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Content_Utf8Literal_IsEncodedAsUtf8()
    {
        Assert.Equal(Encoding.UTF8.GetBytes("ü☃"), Option<ContentOption>(Valid("msg:\"m\"; content:\"ü☃\"; sid:1;")).Pattern);
    }
}
