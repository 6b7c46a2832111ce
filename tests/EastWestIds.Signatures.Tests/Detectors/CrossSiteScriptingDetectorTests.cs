using System.Text;
using EastWestIds.Signatures.Detectors;
using EastWestIds.TestCommon;

namespace EastWestIds.Signatures.Tests.Detectors;

public sealed class CrossSiteScriptingDetectorTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>", FingerprintKind.HtmlTag, "script")]
    [InlineData("\"><script>alert(document.cookie)</script>", FingerprintKind.HtmlTag, "script")]
    [InlineData("<ScRiPt src=//evil.example/x.js>", FingerprintKind.HtmlTag, "script")]
    [InlineData("<script+>alert(1)</script>", FingerprintKind.HtmlTag, "script")]
    [InlineData("<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">", FingerprintKind.HtmlTag, "script")]
    [InlineData("<img src=x onerror=alert(1)>", FingerprintKind.HtmlEventHandler, "onerror")]
    [InlineData("<IMG SRC=x OnErRoR=alert(1)>", FingerprintKind.HtmlEventHandler, "onerror")]
    [InlineData("<svg/onload=alert(1)>", FingerprintKind.HtmlEventHandler, "onload")]
    [InlineData("<body onpageshow=alert(1)>", FingerprintKind.HtmlEventHandler, "onpagesh")]
    [InlineData("<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\">", FingerprintKind.HtmlTag, "iframe")]
    [InlineData("<div srcdoc=x>", FingerprintKind.HtmlAttribute, "srcdoc")]
    [InlineData("x srcdoc", FingerprintKind.HtmlAttribute, "srcdoc")]            // no trigger byte: only this reading is left
    [InlineData("see\tFormAction", FingerprintKind.HtmlAttribute, "formacti")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", FingerprintKind.HtmlUrl, "javascri")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>", FingerprintKind.HtmlUrl, "javascri")]
    [InlineData("<a href=\"jav&#x09;ascript:alert(1)\">x</a>", FingerprintKind.HtmlUrl, "javascri")]
    [InlineData("<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">", FingerprintKind.HtmlUrl, "javascri")]
    [InlineData("<a href=\" javascript&colon;alert(1)\">", FingerprintKind.HtmlUrl, "javascri")]
    [InlineData("<a href=vbscript:msgbox(1)>", FingerprintKind.HtmlUrl, "vbscript")]
    [InlineData("<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">", FingerprintKind.HtmlTag, "object")]
    [InlineData("<embed src=\"data:image/svg+xml;base64,PHN2Zz4=\">", FingerprintKind.HtmlTag, "embed")]
    [InlineData("<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">", FingerprintKind.HtmlUrl, "data:")]
    [InlineData("<div style=\"width: expression(alert(1))\">", FingerprintKind.HtmlStyle, "expressi")]
    [InlineData("<div style=\"width: ex/**/pression(alert(1))\">", FingerprintKind.HtmlStyle, "expressi")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">", FingerprintKind.HtmlStyle, "javascri")]
    [InlineData("<div style=\"-moz-binding:url(x.xml#xss)\">", FingerprintKind.HtmlStyle, "-moz-bin")]
    [InlineData("<style>body{behavior:url(x.htc)}</style>", FingerprintKind.HtmlStyle, "behavior")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">", FingerprintKind.HtmlTag, "meta")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">", FingerprintKind.HtmlTag, "meta")]
    [InlineData("<link rel=import href=//evil.example/x.html>", FingerprintKind.HtmlTag, "link")]
    [InlineData("javascript:alert(1)", FingerprintKind.HtmlUrl, "javascri")]
    [InlineData("  javascript:alert(1)", FingerprintKind.HtmlUrl, "javascri")]
    [InlineData("x\" onmouseover=\"alert(1)", FingerprintKind.HtmlEventHandler, "onmouseo")]
    [InlineData("x' onfocus=alert(1) autofocus '", FingerprintKind.HtmlEventHandler, "onfocus")]
    [InlineData("x onerror=alert(1)", FingerprintKind.HtmlEventHandler, "onerror")]
    [InlineData("<x onnewevent=alert(1)>", FingerprintKind.HtmlEventHandler, "onneweve")]
    [InlineData("<svg><animate attributeName=href values=javascript:alert(1) />", FingerprintKind.HtmlAttribute, "attribut")]
    [InlineData("<!--[if gte IE 4]><script>alert(1)</script><![endif]-->", FingerprintKind.HtmlTag, "script")]
    [InlineData("<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", FingerprintKind.HtmlTag, "!entity")]
    [InlineData("\";alert(1)//", FingerprintKind.JavaScript, "alert")]
    [InlineData("'-alert(document.domain)-'", FingerprintKind.JavaScript, "alert")]
    [InlineData("eval('2 + 2')", FingerprintKind.JavaScript, "eval")]
    [InlineData("setTimeout(code, 1)", FingerprintKind.JavaScript, "settimeo")]
    [InlineData("alert`1`", FingerprintKind.JavaScript, "alert")]
    [InlineData("document /*x*/ . cookie", FingerprintKind.JavaScript, "document")]
    [InlineData("window[\"location\"]='//evil.example'", FingerprintKind.JavaScript, "window")]
    [InlineData("(document)[\"cookie\"]", FingerprintKind.JavaScript, "document")]
    [InlineData("[].sort.call`${alert}1337`", FingerprintKind.JavaScript, "call")]
    [InlineData("[].sort . call `${alert}1337`", FingerprintKind.JavaScript, "call")]
    [InlineData("[].sort./**/apply`${alert}1337`", FingerprintKind.JavaScript, "apply")]
    [InlineData("(![]+[])[+[]]", FingerprintKind.JavaScript, "![]")]
    [InlineData("x=x:url(javascript", FingerprintKind.HtmlStyle, "url(java")]
    [InlineData("\u00BCscript\u00BEalert(1)", FingerprintKind.HtmlTag, "script")]
    [InlineData("\uFF1Cscript\uFF1Ealert(1)", FingerprintKind.HtmlTag, "script")]
    [InlineData("+ADw-script+AD4-alert(1)", FingerprintKind.HtmlTag, "script")]
    [InlineData("<?import implementation=\"x.htc\">", FingerprintKind.HtmlTag, "import")]
    [InlineData("<!--#exec cmd=\"id\"-->", FingerprintKind.HtmlTag, "!--#")]
    [InlineData("<meta charset=\"UTF-7\">", FingerprintKind.HtmlTag, "meta")]
    [InlineData("<button formaction=javascript:alert(1)>", FingerprintKind.HtmlAttribute, "formacti")]
    public void Classic_payloads_are_detected(string payload, FingerprintKind kind, string fingerprint)
    {
        Assert.True(CrossSiteScriptingDetector.TryDetect(Encoding.UTF8.GetBytes(payload), out var match), payload);
        Assert.Equal(kind, match.Fingerprint.Kind);
        Assert.Equal(fingerprint, match.Fingerprint.ToString());
        Assert.InRange(match.Start, 0, payload.Length - 1);
        Assert.InRange(match.Start + match.Length, 1, Encoding.UTF8.GetByteCount(payload));
    }

    [Theory]
    [InlineData("<p>Hello <strong>world</strong></p>")]
    [InlineData("<a href=\"https://example.com/?a=1&amp;b=2\" target=\"_blank\">link</a>")]
    [InlineData("<img src=\"https://cdn.example.com/photo.jpg\" alt=\"O'Brien\">")]
    [InlineData("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"\">")]
    [InlineData("<span style=\"color: red; font-weight: bold\">x</span>")]
    [InlineData("<meta charset=\"utf-8\"><b id=\"docs-internal-guid-1\">pasted</b>")]
    [InlineData("<link rel=\"stylesheet\" href=\"https://cdn.example.com/site.css\">")]
    [InlineData("<style>p { color: red }</style>")]
    [InlineData("<iframe-like>custom element</iframe-like>")]
    [InlineData("2 < 3 and 5 > 4")]
    [InlineData("Use the onload event carefully")]
    [InlineData("go online=now")]
    [InlineData("set onboarding=true for new users")]
    [InlineData("RMPjJr5 DbKLAZ/onZBzrMUk=")] // a base64 token whose '+' a decoder made a space: an unknown handler with no value
    [InlineData("x\" onfoobar= ")]
    [InlineData("Expected behavior: it works")]
    [InlineData("a regular expression(s) helps")]
    [InlineData("The data: 2020 figures")]
    [InlineData("It's \"fine\"")]
    [InlineData("&lt;script&gt; is escaped")]
    [InlineData("Raise an Alert (s) when the disk is full")]
    [InlineData("the alert(s) were sent")]
    [InlineData("Please see document.pdf")]
    [InlineData("self.name = name")]
    [InlineData("![](https://example.com/image.png)")]
    [InlineData("¼ cup of sugar")]
    [InlineData("a + b = c")]
    [InlineData("мама мыла раму")]
    [InlineData("A --> B")]
    [InlineData("")]
    [InlineData("Here you can call `fetch()` with the token; the docs apply `retry` too.")]
    [InlineData("call `make` first")]
    public void Benign_near_misses_are_not_detected(string value)
    {
        Assert.False(CrossSiteScriptingDetector.TryDetect(Encoding.UTF8.GetBytes(value), out var match), $"{value} -> {match.Fingerprint}");
    }

    [Fact]
    public void The_match_span_covers_the_offending_attribute()
    {
        var input = "<img src=x onerror=alert(1)>"u8;
        Assert.True(CrossSiteScriptingDetector.TryDetect(input, out var match));
        Assert.Equal("onerror=alert(1)", Encoding.UTF8.GetString(input.Slice(match.Start, match.Length)));
    }

    [Theory]
    [InlineData("<")]
    [InlineData("<a ")]
    [InlineData("<a b")]
    [InlineData("<a b=")]
    [InlineData("<a b=\"")]
    [InlineData("\"")]
    [InlineData("&#")]
    [InlineData("<div style=\"\\")]
    public void Truncated_markup_is_answered_without_error(string value)
    {
        CrossSiteScriptingDetector.TryDetect(Encoding.UTF8.GetBytes(value), out _);
    }

    [Fact]
    public void Large_inputs_finish()
    {
        var tags = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<a b=\"", 100_000)));
        CrossSiteScriptingDetector.TryDetect(tags, out _);
        var style = Encoding.UTF8.GetBytes("<div style=\"" + new string('\\', 1 << 20));
        CrossSiteScriptingDetector.TryDetect(style, out _);
    }

    [Fact]
    public void Style_markers_split_across_internal_chunks_are_found()
    {
        // the CSS normalizer works in 256-byte chunks; the marker straddles the first boundary
        var css = new string('a', 250) + "expression(alert(1))";
        Assert.True(CrossSiteScriptingDetector.TryDetect(Encoding.UTF8.GetBytes($"<p style=\"{css}\">"), out var match));
        Assert.Equal(FingerprintKind.HtmlStyle, match.Fingerprint.Kind);
    }

    // Session 7: CRS negatives 941120-8 (a 51-letter on... word) and 941180-7 (a DOM member as a path segment)
    [Theory]
    [InlineData("  onthisisaverylongwordthathasmorethanfiftycharactersss= ")]
    [InlineData("/get/?x onthisisaverylongwordthathasmorethanfiftycharactersss=f(1)")]
    [InlineData("/get/javascript-manual/document.cookie")]
    [InlineData("/docs/window.location")]
    public void Long_on_words_and_dom_members_as_path_segments_are_not_detected(string value)
    {
        Assert.False(CrossSiteScriptingDetector.TryDetect(Encoding.UTF8.GetBytes(value), out var match), $"{value} -> {match.Fingerprint}");
    }

    [Theory]
    [InlineData(" onabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwx=alert(1)", "onabcdef")] // 50 letters: still handler-like
    [InlineData("x onnewevent=(", "onneweve")]
    [InlineData("x onload=", "onload")] // a known handler counts whatever its value
    [InlineData("/x/*y*/document.cookie", "document")]   // the slash ends a comment: script
    [InlineData("a/document.write(1)", "document")]      // a member call after a slash still runs
    [InlineData("/get/document.cookie(", "document")]
    [InlineData("/get/self['alert'](1)", "self")]
    [InlineData("x;document.cookie", "document")]
    public void Handlers_and_dom_sinks_next_to_those_are_still_detected(string payload, string fingerprint)
    {
        Assert.True(CrossSiteScriptingDetector.TryDetect(Encoding.UTF8.GetBytes(payload), out var match), payload);
        Assert.Equal(fingerprint, match.Fingerprint.ToString());
    }

    [Fact]
    public void Detection_allocates_nothing()
    {
        var attack = "<img src=x onerror=alert(1)>"u8.ToArray();
        var benign = Encoding.UTF8.GetBytes("<p>Thanks, <a href=\"https://example.com\">O'Brien</a></p> <span style=\"color:red\">x</span>");
        CrossSiteScriptingDetector.TryDetect(attack, out _);
        CrossSiteScriptingDetector.TryDetect(benign, out _);
        long allocated = SteadyAllocation.LeastBytes(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                CrossSiteScriptingDetector.TryDetect(attack, out _);
                CrossSiteScriptingDetector.TryDetect(benign, out _);
            }
        });

        Assert.Equal(0, allocated);
    }
}
