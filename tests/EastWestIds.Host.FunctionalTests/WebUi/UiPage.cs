using System.Collections.Concurrent;
using PuppeteerSharp;

namespace EastWestIds.Host.FunctionalTests.WebUi;

/// <summary>
/// A browser tab on the UI that records everything that would show script running where it should not: dialogs
/// (<c>alert()</c> from a payload), page errors, console output, and Content-Security-Policy violations (the page is
/// built so that none ever happens: a violation means markup from data reached the parser, even if CSP then stopped
/// it).
/// </summary>
public sealed class UiPage : IAsyncDisposable
{
    // Runs before the page's own scripts, in every document of the tab.
    private const string Instrumentation = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
        });
        """;

    private UiPage(IPage page, Uri baseAddress)
    {
        Page = page;
        BaseAddress = baseAddress;
        page.Dialog += async (_, e) =>
        {
            Dialogs.Add(e.Dialog.Message);
            await e.Dialog.Dismiss();
        };
        page.PageError += (_, e) => Errors.Add(e.Message);
        page.Console += (_, e) => Console.Add(e.Message.Type + ": " + e.Message.Text);
    }

    public IPage Page { get; }

    public Uri BaseAddress { get; }

    public ConcurrentBag<string> Dialogs { get; } = [];

    public ConcurrentBag<string> Errors { get; } = [];

    public ConcurrentBag<string> Console { get; } = [];

    public static async Task<UiPage> OpenAsync(HeadlessChromium chromium, int adminPort)
    {
        var page = await chromium.Browser.NewPageAsync();
        page.DefaultTimeout = 15_000;
        await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1000 });
        await page.EvaluateExpressionOnNewDocumentAsync(Instrumentation);
        return new UiPage(page, new Uri($"http://127.0.0.1:{adminPort}/"));
    }

    /// <summary>Loads the page at <paramref name="route"/> (<c>#/alerts?…</c>, <c>#/graph</c>) and waits until the network is quiet.</summary>
    public async Task<IResponse> GoAsync(string route = "")
    {
        var response = await Page.GoToAsync(new Uri(BaseAddress, "/" + route).ToString(), new NavigationOptions
        {
            WaitUntil = [WaitUntilNavigation.Load],
        });
        return response;
    }

    public Task<T> EvalAsync<T>(string expression) => Page.EvaluateExpressionAsync<T>(expression);

    public Task<string> TextAsync(string selector) =>
        Page.EvaluateFunctionAsync<string>("s => { const e = document.querySelector(s); return e ? e.textContent : null; }", selector);

    public async Task WaitForAsync(string predicateExpression) =>
        await Page.WaitForFunctionAsync("() => " + predicateExpression, new WaitForFunctionOptions { Timeout = 15_000, PollingInterval = 50 });

    public async Task<string[]> CspViolationsAsync() => await EvalAsync<string[]>("window.__cspViolations ?? []");

    /// <summary>The id (or tag and classes) of the focused element, for keyboard assertions.</summary>
    public Task<string> FocusedAsync() => EvalAsync<string>(
        "(() => { const e = document.activeElement; if (!e) return ''; return e.id || (e.dataset && e.dataset.id ? 'row:' + e.dataset.id : e.tagName.toLowerCase() + '.' + [...e.classList].join('.')); })()");

    /// <summary>Everything the tab recorded, for assertion messages.</summary>
    public string Diagnostics() =>
        $"dialogs: [{string.Join(" | ", Dialogs)}]; errors: [{string.Join(" | ", Errors)}]; console: [{string.Join(" | ", Console)}]";

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
