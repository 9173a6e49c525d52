using KeyBuzz.Collector.Api.Json;
using KeyBuzz.Collector.Auth;

namespace KeyBuzz.Collector.Api;

/// <summary>HTTP API and /metrics: an operator bearer token (read-only or admin) is required unless auth mode is "none".</summary>
internal sealed class ApiAuthFilter(TokenValidator validator, ILogger<ApiAuthFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = validator.Identify(http.Request.Headers.Authorization.FirstOrDefault());
        if (caller is null)
        {
            return Deny(http, StatusCodes.Status401Unauthorized, "missing or unknown token: send 'Authorization: Bearer <operator token>' (create one with `kb-collector tokens add-operator`)");
        }

        if (caller.Role == CallerIdentity.AgentRole)
        {
            return Deny(http, StatusCodes.Status403Forbidden, $"'{caller.Name}' is an agent token: the API needs an operator token");
        }

        return await next(context);
    }

    private IResult Deny(HttpContext http, int status, string reason)
    {
        Diagnostics.Log.CallRejected(logger, http.Request.Path, http.Connection.RemoteIpAddress?.ToString() ?? "?", reason);
        if (status == StatusCodes.Status401Unauthorized)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return Results.Json(new ErrorJson(reason), ApiJsonContext.Default.ErrorJson, statusCode: status);
    }
}
