using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Aither.Tests.Infrastructure;

/// <summary>
/// Debian's headless Chromium driven through its chromedriver, started once per test collection (see
/// <see cref="ChromiumCollection"/>). Viewport size and print media are emulated through the DevTools protocol,
/// so a measured width is exactly the CSS width the page sees. Screenshots go to <see cref="OutputFolder"/>.
/// </summary>
public sealed class ChromiumBrowser : IDisposable
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private readonly TempDirectory _profile = new();
    private readonly ChromeDriver _driver;

    public ChromiumBrowser()
    {
        if (!File.Exists(BrowserPath) || !File.Exists(DriverPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need {BrowserPath} and {DriverPath} (Debian packages chromium and chromium-driver); ./test.sh installs them.");
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1280,900",
            $"--user-data-dir={_profile.Path}");
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        _driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
        _driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(30);
        Directory.CreateDirectory(OutputFolder);
    }

    /// <summary>Where screenshots and PDFs are saved: <c>screenshots/</c> in the test output folder.</summary>
    public static string OutputFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public IWebDriver Driver => _driver;

    /// <summary>Sets the CSS viewport to exactly <paramref name="width"/> × <paramref name="height"/> and the media type.</summary>
    public void Emulate(int width, int height, bool print = false)
    {
        _driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = width,
            ["height"] = height,
            ["deviceScaleFactor"] = 1,
            ["mobile"] = false,
        });
        _driver.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?> { ["media"] = print ? "print" : "screen" });
    }

    public void Navigate(Uri address) => _driver.Navigate().GoToUrl(address);

    public object? Script(string script, params object[] args) => _driver.ExecuteScript(script, args);

    /// <summary>Runs a script that returns <c>JSON.stringify(...)</c> and parses its result.</summary>
    public T ScriptJson<T>(string script, params object[] args) =>
        JsonSerializer.Deserialize<T>((string)_driver.ExecuteScript(script, args)!, JsonSerializerOptions.Web)!;

    /// <summary>Polls <paramref name="condition"/> until it holds; fails naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>A PNG of the whole page (at most <paramref name="maxHeight"/> CSS pixels tall), saved as <paramref name="fileName"/>.</summary>
    public string SaveFullPageScreenshot(string fileName, int maxHeight = 12000)
    {
        var width = Convert.ToInt32(_driver.ExecuteScript("return document.documentElement.clientWidth;"), System.Globalization.CultureInfo.InvariantCulture);
        var height = Math.Min(maxHeight, Convert.ToInt32(_driver.ExecuteScript("return document.documentElement.scrollHeight;"), System.Globalization.CultureInfo.InvariantCulture));
        var result = (Dictionary<string, object?>?)_driver.ExecuteCdpCommand("Page.captureScreenshot", new Dictionary<string, object?>
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new Dictionary<string, object?> { ["x"] = 0, ["y"] = 0, ["width"] = width, ["height"] = height, ["scale"] = 1 },
        });
        var path = Path.Combine(OutputFolder, fileName);
        File.WriteAllBytes(path, Convert.FromBase64String((string)result!["data"]!));
        return path;
    }

    /// <summary>Prints the current page to A4 PDF the way Chromium's print dialog does, saved as <paramref name="fileName"/>.</summary>
    public string SavePdf(string fileName, bool landscape)
    {
        var options = new PrintOptions
        {
            Orientation = landscape ? PrintOrientation.Landscape : PrintOrientation.Portrait,
            PageDimensions = new PrintOptions.PageSize { WidthInInches = 210 / 25.4, HeightInInches = 297 / 25.4 },
        };
        var path = Path.Combine(OutputFolder, fileName);
        _driver.Print(options).SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            _driver.Quit();
        }
        finally
        {
            _driver.Dispose();
            _profile.Dispose();
        }
    }
}
