using System.Net;
using KeyBuzz.Collector.Auth;

namespace KeyBuzz.Collector.WebConsole;

/// <summary>
/// The read-only web console on the HTTP listener: `/` (login, or the console once logged in),
/// `/console/*` (the pages and their data, behind the session cookie). The token is posted once in a
/// form body, never put in a URL or a cookie.
/// </summary>
internal static class ConsoleEndpoints
{
    public static void MapConsole(this WebApplication app)
    {
        app.MapGet("/", (HttpContext http, ConsoleSessions sessions) =>
            sessions.Identify(http.Request.Cookies[ConsoleSessions.CookieName]) is null
                ? LoginPage(null, StatusCodes.Status200OK)
                : Results.Redirect("/console/", permanent: false));
        app.MapPost("/login", LoginAsync);
        app.MapPost("/logout", (HttpContext http, ConsoleSessions sessions) =>
        {
            sessions.Close(http.Request.Cookies[ConsoleSessions.CookieName]);
            http.Response.Cookies.Delete(ConsoleSessions.CookieName, CookieOptions(http));
            return SeeOther("/");
        });
        app.MapGet("/console.css", () => Asset("console.css"));
        app.MapGet("/console/", (HttpContext http, ConsoleSessions sessions) => Authorised(http, sessions) is null ? SeeOther("/") : Asset("index.html"));
        app.MapGet("/console/{file}", (string file, HttpContext http, ConsoleSessions sessions) =>
            Authorised(http, sessions) is null ? Results.StatusCode(StatusCodes.Status401Unauthorized)
            : ConsoleAssets.Exists(file) ? Asset(file) : Results.NotFound());
        app.MapGet("/console/api/{what}", (string what, HttpContext http, ConsoleSessions sessions, TimeProvider time) =>
            Authorised(http, sessions) is { } caller
                ? ConsoleData.HandleAsync(what, http, caller, time)
                : Task.FromResult(Results.Text("{\"error\":\"not logged in, or the session ended: log in again\"}", "application/json", statusCode: StatusCodes.Status401Unauthorized)));
    }

    private static async Task<IResult> LoginAsync(HttpContext http, ConsoleSessions sessions, ILoggerFactory loggers)
    {
        if (!http.Request.HasFormContentType)
        {
            return LoginPage("Send the login form.", StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var token = form["token"].FirstOrDefault()?.Trim() ?? string.Empty;
        var (id, caller, refusal) = token.Length == 0 ? (null, null, "no token") : sessions.Open(token);
        if (id is null || caller is null)
        {
            // Never the token itself in the log: only who tried and why it failed.
            Diagnostics.Log.CallRejected(loggers.CreateLogger("KeyBuzz.Collector.WebConsole"), "console login", http.Connection.RemoteIpAddress?.ToString() ?? "?", refusal ?? "refused");
            return LoginPage($"Login refused: {refusal}. Use an operator token (kb-collector tokens add-operator NAME --role readonly|admin).", StatusCodes.Status401Unauthorized);
        }

        var options = CookieOptions(http);
        options.MaxAge = ConsoleSessions.Lifetime;
        http.Response.Cookies.Append(ConsoleSessions.CookieName, id, options);
        return SeeOther("/console/");
    }

    private static CallerIdentity? Authorised(HttpContext http, ConsoleSessions sessions) => sessions.Identify(http.Request.Cookies[ConsoleSessions.CookieName]);

    private static CookieOptions CookieOptions(HttpContext http) =>
        new() { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/", IsEssential = true };

    private static IResult LoginPage(string? message, int status)
    {
        var html = ConsoleAssets.Text("login.html").Replace("<!--MESSAGE-->", message is null ? string.Empty : $"<p class=\"refused\" id=\"refused\">{WebUtility.HtmlEncode(message)}</p>", StringComparison.Ordinal);
        return Results.Text(html, "text/html; charset=utf-8", statusCode: status);
    }

    private static IResult Asset(string name) => Results.Bytes(ConsoleAssets.Bytes(name), ConsoleAssets.ContentType(name));

    private static IResult SeeOther(string location) => new SeeOtherResult(location);

    /// <summary>303: after a POST the browser GETs the new page (no form re-submission).</summary>
    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
