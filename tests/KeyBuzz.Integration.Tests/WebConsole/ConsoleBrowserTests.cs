using System.Diagnostics;
using KeyBuzz.Integration.Tests.Lab;
using KeyBuzz.Integration.Tests.Recovery;
using OpenQA.Selenium;

namespace KeyBuzz.Integration.Tests.WebConsole;

/// <summary>The web console in a real headless Chromium against the lab collector; screenshots go to artifacts/console/.</summary>
[Collection(LabCollection.Name)]
public sealed class ConsoleBrowserTests(KeyBuzzLab lab) : IAsyncLifetime
{
    public Task InitializeAsync() => lab.EnsureHealthyAsync();

    public Task DisposeAsync() => lab.EnsureHealthyAsync();

    private static string? State(IWebDriver d, int node) => d.FindElement(By.Id($"node-node{node}")).GetAttribute("data-state");

    [SkippableFact]
    public async Task Readonly_login_shows_three_synced_nodes_and_a_killed_node_within_3_s_without_admin_commands()
    {
        Skip.If(ConsoleBrowser.SkipReason is not null, ConsoleBrowser.SkipReason);
        using var browser = ConsoleBrowser.Open(lab.HttpUrl);
        await browser.LogInAsync(lab.ReadOnlyToken);
        await browser.UntilAsync(d => Enumerable.Range(1, 3).All(n => State(d, n) == "Synced") ? "synced" : null, TimeSpan.FromSeconds(15), "the cluster page shows node1-3 Synced");
        await browser.UntilAsync(d => d.FindElement(By.Id($"health-{lab.Cluster.ClusterName}")).Text == "healthy" ? "healthy" : null, TimeSpan.FromSeconds(15), "the cluster shown healthy");
        Assert.Contains("test-viewer (readonly)", browser.Text("who"), StringComparison.Ordinal);
        Assert.DoesNotContain(lab.ReadOnlyToken, browser.Driver.PageSource, StringComparison.Ordinal);
        Assert.DoesNotContain(lab.ReadOnlyToken, browser.Driver.Url, StringComparison.Ordinal);
        if (lab.Cluster.HasProxies)
        {
            await browser.UntilAsync(d => d.FindElement(By.Id("proxy-agreement")).Text.Contains("agree", StringComparison.Ordinal) ? "agree" : null, TimeSpan.FromSeconds(10), "the two proxies shown agreeing on the writer");
        }

        browser.Screenshot("clusters");

        await lab.Cluster.RunAsync("kill", "2");
        var watch = Stopwatch.StartNew();
        await browser.UntilAsync(d => State(d, 2) == "down" ? "down" : null, TimeSpan.FromSeconds(3), "within 3 s of kb-lab kill 2 the page shows node2 down");
        var seen = watch.Elapsed;
        var problem = browser.Text("problem-node2");
        Assert.Contains("down", problem, StringComparison.Ordinal);
        Assert.Equal("needs attention", browser.Text($"health-{lab.Cluster.ClusterName}"));
        browser.Screenshot("clusters-node-down");
        System.Console.WriteLine($"console: node2 shown down {seen.TotalMilliseconds:0} ms after kill -9 ({problem})");

        browser.Go("recovery");
        await browser.UntilAsync(d => d.FindElement(By.Id("plan-decision")).Text.Length > 0 ? "plan" : null, TimeSpan.FromSeconds(10), "the recovery page shows the plan");
        Assert.False(browser.Has("admin-commands"), "a readonly token must not see the admin commands");
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(90));
    }

    [SkippableFact]
    public async Task Full_outage_shows_the_round_timeline_with_the_chosen_node_and_admin_commands()
    {
        Skip.If(ConsoleBrowser.SkipReason is not null, ConsoleBrowser.SkipReason);
        var before = await lab.LastRoundIdAsync();
        using var browser = ConsoleBrowser.Open(lab.HttpUrl);
        await browser.LogInAsync(lab.AdminToken);
        browser.Go("recovery");
        await browser.UntilAsync(d => d.FindElement(By.Id("plan-decision")).Text.Length > 0 ? "plan" : null, TimeSpan.FromSeconds(10), "the recovery page shows the plan");
        Assert.True(browser.Has("admin-commands"), "an admin token sees the commands it may run");

        await lab.Cluster.RunAsync("kill-all");
        var round = await Scenario.WaitForRoundAsync(lab, before, r => r.Grants.Count > 0, TimeSpan.FromSeconds(60), "a bootstrap grant");
        var chosen = round.Grants[0].Node;
        var shown = await browser.UntilAsync(
            d => d.FindElements(By.CssSelector($"[data-round='{round.Id}'] .timeline li.reached")).Count >= 4 && d.FindElement(By.CssSelector($"[data-round='{round.Id}']")).Text.Contains($"→ {chosen}", StringComparison.Ordinal)
                ? d.FindElement(By.CssSelector($"[data-round='{round.Id}']")).Text : null,
            TimeSpan.FromSeconds(20), $"the round {round.Id} timeline with its grant to {chosen}");
        browser.Screenshot("recovery");
        Assert.Contains($"Round {round.Id}", shown, StringComparison.Ordinal);

        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(120));
        await browser.UntilAsync(
            d => d.FindElements(By.CssSelector($"[data-round='{round.Id}'] .timeline li.reached")).Count == 7 || d.FindElements(By.Id("no-round")).Count > 0 ? "done" : null,
            TimeSpan.FromSeconds(30), "the round shown done");

        browser.Go("alerts");
        await browser.UntilAsync(d => d.FindElement(By.Id("event-list")).FindElements(By.TagName("tr")).Count > 1 ? "events" : null, TimeSpan.FromSeconds(10), "the events of the outage listed");
        browser.Screenshot("alerts");
        browser.Go("history");
        await browser.UntilAsync(d => d.FindElements(By.CssSelector(".chart polyline")).Count >= 3 ? "charts" : null, TimeSpan.FromSeconds(20), "history charts drawn");
        browser.Screenshot("history");
    }

    [SkippableFact]
    public async Task A_proxy_history_shows_ConnUsed_per_backend_even_when_another_cluster_has_a_proxy_of_that_name()
    {
        Skip.If(ConsoleBrowser.SkipReason is not null, ConsoleBrowser.SkipReason);
        Skip.If(!lab.Cluster.HasProxies, ProxySqlBinary.SkipReason);
        using var browser = ConsoleBrowser.Open(lab.HttpUrl);
        await browser.LogInAsync(lab.ReadOnlyToken);
        browser.Go("history");
        // A ProxySQL node's charts: ConnUsed per backend from the proxy history.
        var option = await browser.UntilAsync(d => d.FindElements(By.CssSelector("#history-node option[value='kblab/proxy1']")).FirstOrDefault(), TimeSpan.FromSeconds(10), "proxy1 offered on the history page");
        option.Click();
        await browser.UntilAsync(
            d => d.FindElements(By.CssSelector(".chart[data-metric^='ConnUsed:'] polyline")).Count >= 3 ? "proxy charts" : null,
            TimeSpan.FromSeconds(30), "proxy1's ConnUsed chart for each of the three backends");
        browser.Screenshot("history-proxysql");
    }

    [SkippableFact]
    public async Task A_wrong_token_is_refused_and_nothing_of_the_console_is_served()
    {
        Skip.If(ConsoleBrowser.SkipReason is not null, ConsoleBrowser.SkipReason);
        using var browser = ConsoleBrowser.Open(lab.HttpUrl);
        await browser.LogInAsync("not-a-token-0123456789");
        await browser.UntilAsync(d => d.FindElement(By.Id("refused")).Text is { Length: > 0 } t ? t : null, TimeSpan.FromSeconds(10), "the login page says the token was refused");
        Assert.Empty(browser.Driver.Manage().Cookies.AllCookies);
        browser.Go("clusters");
        await browser.UntilAsync(d => d.FindElements(By.Id("token")).Count > 0 ? "login" : null, TimeSpan.FromSeconds(10), "without a session /console/ sends back to the login form");
        browser.Screenshot("login");
    }
}
