namespace KeyBuzz.Collector.WebConsole;

/// <summary>
/// Headers on every HTTP answer: no inline script or style (CSP), no framing, no MIME sniffing, no
/// referrer, nothing cached (pages carry live cluster state).
/// </summary>
internal static class ConsoleSecurityHeaders
{
    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void UseConsoleSecurityHeaders(this WebApplication app) =>
        app.Use(async (http, next) =>
        {
            if (http.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
            {
                await next(http);
                return;
            }

            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            await next(http);
        });
}
