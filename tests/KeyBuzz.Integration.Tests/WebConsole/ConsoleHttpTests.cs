using System.Net;
using System.Text.Json;
using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.WebConsole;

/// <summary>The console's HTTP contract on the lab collector: sessions, refusals, headers, no secret anywhere.</summary>
[Collection(LabCollection.Name)]
public sealed class ConsoleHttpTests(KeyBuzzLab lab)
{
    private static readonly string[] Protected = ["/console/", "/console/app.js", "/console/clusters.js", "/console/api/status", "/console/api/recovery", "/console/api/alerts", "/console/api/events", "/console/api/history?node=node1&metric=wsrep_last_committed", "/console/api/session"];

    private static (HttpClient Client, CookieContainer Cookies) NewClient()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };
        return (client, cookies);
    }

    private async Task<HttpResponseMessage> LogInAsync(HttpClient client, string token) =>
        await client.PostAsync($"{lab.HttpUrl}/login", new FormUrlEncodedContent([new("token", token)]));

    [Fact]
    public async Task Every_console_route_needs_a_session_and_the_login_page_is_the_only_one_served_without()
    {
        var (client, _) = NewClient();
        using (client)
        {
            var login = await client.GetAsync($"{lab.HttpUrl}/");
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            Assert.Contains("name=\"token\"", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            foreach (var path in Protected)
            {
                var response = await client.GetAsync($"{lab.HttpUrl}{path}");
                Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.SeeOther, $"{path} without a session: HTTP {(int)response.StatusCode}");
                Assert.DoesNotContain("\"clusters\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            // A bearer header is the API's way in, not the console's: the console wants its session.
            using var bearer = new HttpRequestMessage(HttpMethod.Get, $"{lab.HttpUrl}/console/api/status");
            bearer.Headers.Authorization = new("Bearer", lab.AdminToken);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(bearer)).StatusCode);
        }
    }

    [Fact]
    public async Task Login_sets_a_strict_httponly_session_cookie_not_the_token_and_roles_decide_the_admin_parts()
    {
        foreach (var (token, role, admin) in new[] { (lab.ReadOnlyToken, "readonly", false), (lab.AdminToken, "admin", true) })
        {
            var (client, cookies) = NewClient();
            using (client)
            {
                var response = await LogInAsync(client, token);
                Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
                Assert.Equal("/console/", response.Headers.Location?.ToString());
                var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
                Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
                Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(token, setCookie, StringComparison.Ordinal);

                var session = JsonDocument.Parse(await client.GetStringAsync($"{lab.HttpUrl}/console/api/session")).RootElement;
                Assert.Equal(role, session.GetProperty("role").GetString());
                var status = JsonDocument.Parse(await client.GetStringAsync($"{lab.HttpUrl}/console/api/status")).RootElement;
                Assert.Equal(3, status.GetProperty("clusters")[0].GetProperty("nodes").GetArrayLength());
                var recovery = JsonDocument.Parse(await client.GetStringAsync($"{lab.HttpUrl}/console/api/recovery")).RootElement;
                Assert.Equal(admin, recovery.GetProperty("commands").GetArrayLength() > 0);
                foreach (var page in new[] { "/console/", "/console/app.js", "/console/recovery.js" })
                {
                    Assert.DoesNotContain(token, await client.GetStringAsync($"{lab.HttpUrl}{page}"), StringComparison.Ordinal);
                }

                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{lab.HttpUrl}/console/nothing.js")).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{lab.HttpUrl}/console/api/nothing")).StatusCode);

                Assert.Equal(HttpStatusCode.SeeOther, (await client.PostAsync($"{lab.HttpUrl}/logout", null)).StatusCode);
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"{lab.HttpUrl}/console/api/status")).StatusCode);
                Assert.DoesNotContain(cookies.GetCookies(new Uri(lab.HttpUrl)), c => c.Name == "kb_console" && !c.Expired && c.Value.Length > 0);
            }
        }
    }

    [Fact]
    public async Task Wrong_agent_and_revoked_tokens_are_refused_and_no_token_reaches_the_log()
    {
        var wrong = $"wrong-{Guid.NewGuid():N}";
        var (client, _) = NewClient();
        using (client)
        {
            var refused = await LogInAsync(client, wrong);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("refused", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.False(refused.Headers.Contains("Set-Cookie"));

            var agentToken = await File.ReadAllTextAsync(Path.Combine(lab.Cluster.Directory, "agent1", "token"));
            var agent = await LogInAsync(client, agentToken.Trim());
            Assert.Equal(HttpStatusCode.Unauthorized, agent.StatusCode);
            Assert.Contains("agent token", await agent.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // A revoked token ends the sessions opened with it at once.
            var name = $"console-{Guid.NewGuid():N}"[..20];
            var token = await lab.TokenAsync("add-operator", name, "--role", "readonly");
            Assert.Equal(HttpStatusCode.SeeOther, (await LogInAsync(client, token)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{lab.HttpUrl}/console/api/status")).StatusCode);
            await lab.TokenAsync("revoke", name);
            await Poll.UntilAsync(async () => (await client.GetAsync($"{lab.HttpUrl}/console/api/status")).StatusCode == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(5), "the session of a revoked token refused");

            var log = lab.Collector.ReadLog();
            Assert.Contains("console login", log, StringComparison.Ordinal);
            Assert.DoesNotContain(wrong, log, StringComparison.Ordinal);
            Assert.DoesNotContain(token, log, StringComparison.Ordinal);
            Assert.DoesNotContain(lab.AdminToken, log, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/console/")]
    [InlineData("/console/api/status")]
    [InlineData("/api/v1/clusters")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        var (client, _) = NewClient();
        using (client)
        {
            var response = await client.GetAsync($"{lab.HttpUrl}{path}");
            var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }
    }

    [Fact]
    public void No_console_page_has_inline_script_or_style()
    {
        var dir = Path.Combine(RepoPaths.Root, "collector", "KeyBuzz.Collector", "WebConsole", "Assets");
        foreach (var html in Directory.GetFiles(dir, "*.html"))
        {
            var text = File.ReadAllText(html);
            Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", text);
            Assert.DoesNotContain("<style", text, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"\s(style|on[a-z]+)=", text);
        }
    }
}
