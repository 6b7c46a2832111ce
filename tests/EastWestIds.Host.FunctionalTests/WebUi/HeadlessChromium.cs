using PuppeteerSharp;

namespace EastWestIds.Host.FunctionalTests.WebUi;

/// <summary>
/// One headless Debian chromium for the web UI tests of a class (starting it costs about a second). Never downloads
/// a browser: a missing chromium fails every test with a message that says how to get it, so nothing is skipped
/// silently. <c>EWIDS_CHROMIUM</c> may point at another binary.
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    public const string DefaultPath = "/usr/bin/chromium";

    private IBrowser? _browser;
    private string? _profile;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("EWIDS_CHROMIUM") is { Length: > 0 } path ? path : DefaultPath;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(
        $"chromium was not started ({ExecutablePath} missing?): run ./test.sh, which installs Debian's chromium package");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            // Thrown from the fixture, this fails each test of the class with the message; it never skips.
            throw new InvalidOperationException(
                $"The web UI tests need Debian's chromium at {ExecutablePath}: run ./test.sh (it installs it), or apt-get install chromium.");
        }

        _profile = Directory.CreateTempSubdirectory("ewids-chromium-").FullName;
        _browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            UserDataDir = _profile,
            Timeout = 60_000,
            Args =
            [
                "--no-sandbox", // tests run as root in CI, where the sandbox refuses to start
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
        }

        if (_profile is not null)
        {
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                // chromium may still be closing files; a leftover temp profile is harmless
            }
        }
    }
}
