using KeyBuzz.Integration.Tests.Lab;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace KeyBuzz.Integration.Tests.WebConsole;

/// <summary>
/// Debian's headless Chromium driven through Debian's chromedriver (no browser or driver download:
/// Selenium Manager is kept offline). Without them the browser tests are reported as skipped.
/// </summary>
internal sealed class ConsoleBrowser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private readonly string _profile = Path.Combine(Path.GetTempPath(), $"kb-console-{Guid.NewGuid():N}");

    private ConsoleBrowser(string baseUrl)
    {
        BaseUrl = baseUrl;
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1600,1100", $"--user-data-dir={_profile}", "--no-first-run", "--disable-extensions");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public static string? SkipReason =>
        File.Exists(ChromiumPath) && File.Exists(DriverPath) ? null : $"no {ChromiumPath} or {DriverPath}: apt-get install chromium chromium-driver (tests/run.sh does)";

    public string BaseUrl { get; }

    public ChromeDriver Driver { get; }

    public static ConsoleBrowser Open(string baseUrl) => new(baseUrl.TrimEnd('/'));

    /// <summary>
    /// Submits the token and waits for the form's answer (the console, or the refusal): navigating
    /// before the POST is answered would abort it and leave the browser without a session.
    /// </summary>
    public async Task LogInAsync(string token)
    {
        Driver.Navigate().GoToUrl($"{BaseUrl}/");
        var field = Driver.FindElement(By.Id("token"));
        field.SendKeys(token);
        Driver.FindElement(By.Id("login")).Click();
        await UntilAsync(
            d => d.FindElements(By.Id("refused")).Count > 0 || d.FindElements(By.Id("who")).FirstOrDefault()?.Text is { Length: > 0 } ? "answered" : null,
            TimeSpan.FromSeconds(15), "the login form answered (console shown or token refused)");
    }

    public void Go(string page) => Driver.Navigate().GoToUrl($"{BaseUrl}/console/#{page}");

    /// <summary>Polls the page (100 ms) until the probe returns a value, or fails naming what was awaited.</summary>
    public async Task<T> UntilAsync<T>(Func<IWebDriver, T?> probe, TimeSpan timeout, string what)
        where T : class =>
        await Poll.UntilAsync(
            () =>
            {
                try
                {
                    return Task.FromResult(probe(Driver));
                }
                catch (Exception e) when (e is NoSuchElementException or StaleElementReferenceException)
                {
                    return Task.FromResult<T?>(null);
                }
            },
            timeout, what, everyMs: 100);

    public string Text(string id) => Driver.FindElement(By.Id(id)).Text;

    public bool Has(string id) => Driver.FindElements(By.Id(id)).Count > 0;

    public void Screenshot(string name)
    {
        var dir = Path.Combine(RepoPaths.Artifacts, "console");
        Directory.CreateDirectory(dir);
        Driver.GetScreenshot().SaveAsFile(Path.Combine(dir, $"{name}.png"));
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile while it exits; the temp dir is harmless.
        }
    }
}
