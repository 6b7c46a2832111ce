using System.Net;
using System.Text.RegularExpressions;
using EastWestIds.Host.FunctionalTests.Infrastructure;
using EastWestIds.Host.WebUi;

namespace EastWestIds.Host.FunctionalTests.WebUi;

/// <summary>
/// The page itself, served by the real sink on its admin port: headers, assets, the policy as the browser enforces
/// it, and the keyboard. Data-driven cases (alerts, triage, XSS in evidence) are in <see cref="WebUiAlertTests"/>.
/// </summary>
public sealed partial class WebUiShellTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    [Fact]
    public async Task Root_SendsAStrictPolicyAndNoSniff()
    {
        await using var sink = await SinkServer.StartAsync();
        using var client = new HttpClient();

        foreach (var path in new[] { "/", "/ui/js/app.js", "/ui/app.css" })
        {
            using var response = await client.GetAsync($"http://127.0.0.1:{sink.AdminPort}{path}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'self'", csp);
            Assert.Contains("script-src 'self'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("object-src 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        }
    }

    [Theory]
    [InlineData("/ui/")]
    [InlineData("/ui/nope.js")]
    [InlineData("/ui/../Program.cs")]
    [InlineData("/ui/%2e%2e/%2e%2e/appsettings.json")]
    [InlineData("/ui/..%2fEastWestIds.Host.csproj")]
    [InlineData("/ui/js/../../ewids.dll")]
    public async Task Assets_UnknownOrTraversalPath_Is404(string path)
    {
        await using var sink = await SinkServer.StartAsync();
        using var client = new HttpClient();

        using var response = await client.GetAsync($"http://127.0.0.1:{sink.AdminPort}{path}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Assets_SecondRequestWithItsETag_Is304()
    {
        await using var sink = await SinkServer.StartAsync();
        using var client = new HttpClient();
        using var first = await client.GetAsync($"http://127.0.0.1:{sink.AdminPort}/ui/js/app.js");
        using var again = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{sink.AdminPort}/ui/js/app.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    /// <summary>
    /// The rule the whole UI rests on, checked on the shipped files: no script ever hands a string to an HTML or
    /// code parser. (The browser tests check the behaviour; this names the line that broke it.)
    /// </summary>
    [Fact]
    public void Scripts_NeverParseStringsAsMarkupOrCode()
    {
        var scripts = WebUiAssets.Embedded.Paths.Where(p => p.EndsWith(".js", StringComparison.Ordinal)).ToArray();
        Assert.Contains("js/app.js", scripts);
        Assert.Contains("js/dom.js", scripts);
        var offences = new List<string>();
        foreach (var path in scripts)
        {
            Assert.True(WebUiAssets.Embedded.TryGet(path, out var asset));
            var lines = System.Text.Encoding.UTF8.GetString(asset.Content).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var code = lines[i].Split("//", 2)[0]; // comments may name what they avoid
                if (ForbiddenSink().IsMatch(code))
                {
                    offences.Add($"{path}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(offences.Count == 0, "strings parsed as markup or code:\n" + string.Join("\n", offences));
    }

    [Fact]
    public async Task Page_LoadsUnderItsPolicy_WithoutViolationsOrErrors()
    {
        await using var sink = await SinkServer.StartAsync();
        await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);

        var response = await ui.GoAsync();
        await ui.WaitForAsync("document.querySelector('main h1') !== null");

        Assert.Contains("default-src 'self'", response.Headers["content-security-policy"]);
        Assert.Equal("Alerts", await ui.TextAsync("main h1"));
        Assert.Empty(await ui.CspViolationsAsync());
        Assert.True(ui.Errors.IsEmpty && ui.Dialogs.IsEmpty, ui.Diagnostics());
    }

    [Fact]
    public async Task Page_InjectedInlineScriptAndMarkup_AreRefusedByTheBrowser()
    {
        await using var sink = await SinkServer.StartAsync();
        await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);
        await ui.GoAsync();
        await ui.WaitForAsync("document.querySelector('main h1') !== null");

        // What an injection would try if some code did parse data: an inline script and an event-handler attribute.
        var innerHtmlThrew = await ui.EvalAsync<bool>("""
            (() => {
              const script = document.createElement('script');
              try { script.textContent = 'window.__injected = 1'; } catch { }
              document.body.appendChild(script);
              try { document.getElementById('main').innerHTML = '<img src=x onerror="window.__injected = 2">'; return false; }
              catch (e) { return e instanceof TypeError; }
            })()
            """);
        await Task.Delay(200); // an image error event would fire within a task or two

        Assert.True(innerHtmlThrew, "Trusted Types should make innerHTML with a string throw");
        Assert.Equal("undefined", await ui.EvalAsync<string>("typeof window.__injected"));
        Assert.NotEmpty(await ui.CspViolationsAsync());
    }

    [Fact]
    public async Task Keyboard_TabReachesTheNavigationWithVisibleFocus_AndShortcutsMove()
    {
        await using var sink = await SinkServer.StartAsync();
        await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);
        await ui.GoAsync();
        await ui.WaitForAsync("document.querySelector('form.filters') !== null");

        await ui.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("a.skip", await ui.FocusedAsync());
        await ui.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("Alerts", await ui.EvalAsync<string>("document.activeElement.textContent"));
        var outline = await ui.EvalAsync<string>("(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; })()");
        Assert.StartsWith("solid ", outline);
        Assert.NotEqual("solid 0px", outline);

        await ui.Page.Keyboard.PressAsync("Escape");
        await ui.Page.EvaluateExpressionAsync("document.activeElement.blur()");
        await ui.Page.Keyboard.PressAsync("/");
        Assert.Equal("filter-from", await ui.FocusedAsync());

        await ui.Page.EvaluateExpressionAsync("document.activeElement.blur()");
        await ui.Page.Keyboard.PressAsync("g");
        await ui.WaitForAsync("location.hash === '#/graph'");
        await ui.Page.Keyboard.PressAsync("a");
        await ui.WaitForAsync("location.hash.startsWith('#/alerts')");
    }

    [GeneratedRegex(@"\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|\beval\s*\(|new\s+Function\s*\(|createContextualFragment|DOMParser|setTimeout\(\s*['""`]|\.srcdoc\b")]
    private static partial Regex ForbiddenSink();
}
